import { describe, expect, it } from "vitest";
import { adminGraphQL } from "./client";
import { startShopifyStandin } from "../index";
import { SHOP, useStandin } from "../testing";

describe("control API", () => {
  const { graphql, standin, control } = useStandin({ locations: ["Kuala Lumpur", "Penang"] });

  it("seeds variants with chosen ids and stock per location", async () => {
    const product = await control().addProduct(SHOP, {
      id: "gid://shopify/Product/8001",
      title: "Batik Shirt",
      variants: [{ id: 9001, sku: "BATIK-M", price: "49.90", inventory: { "Kuala Lumpur": 2, Penang: 5 } }],
    });
    expect(product.variants[0]).toMatchObject({
      id: "gid://shopify/ProductVariant/9001",
      productId: "gid://shopify/Product/8001",
      price: "49.9",
      inventoryQuantity: 7,
      inventory: { "Kuala Lumpur": 2, Penang: 5 },
    });
    const added = await control().addVariant(SHOP, product.id, {
      sku: "BATIK-L",
      inventoryPolicy: "CONTINUE",
    });
    expect(added.id).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
    const updated = await control().updateVariant(SHOP, added.id, { inventory: { Penang: 3 } });
    expect(updated.inventory).toEqual({ "Kuala Lumpur": 0, Penang: 3 });
  });

  it("refuses bad input with the reason, a duplicate with 409 and an unknown shop with 404", async () => {
    await expect(control().addProduct(SHOP, { title: "" })).rejects.toThrow(/\(422\): title: /);
    await expect(control().createShop({ domain: SHOP })).rejects.toThrow(/\(409\)/);
    await expect(control().getShop("ghost.myshopify.com")).rejects.toThrow(/\(404\)/);
    await expect(control().updateVariant(SHOP, 123456, { inventory: 1 })).rejects.toThrow(/\(404\)/);
  });

  it("lists created orders with their totals and logs every Admin request", async () => {
    const product = await control().addProduct(SHOP, {
      title: "Songket",
      variants: [{ sku: "SONG", price: "120.00" }],
    });
    const [variant] = product.variants;
    if (!variant) throw new Error("addProduct returned no variant");
    await graphql(
      "mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }",
      {
        order: { lineItems: [{ variantId: variant.id, quantity: 2 }], sourceIdentifier: "577" },
      },
    );
    const [order] = await control().listOrders(SHOP);
    expect(order).toMatchObject({
      name: "#1001",
      sourceIdentifier: "577",
      totals: { subtotal: "240.0", total: "240.0" },
    });
    const log = await control().listRequests(SHOP);
    expect(log.at(-1)).toMatchObject({
      operationName: "Create",
      rootFields: ["orderCreate"],
      status: 200,
      outcome: "ok",
      requestedQueryCost: 10,
    });
  });

  it("serves any shop that asks when started with autoCreateShops", async () => {
    const open = await startShopifyStandin({ port: 0, autoCreateShops: true });
    try {
      const { status, body } = await adminGraphQL(open.control.adminUrl("new.myshopify.com"), {
        token: "t",
        query: "{ shop { myshopifyDomain } }",
      });
      expect(status).toBe(200);
      expect(body.data.shop.myshopifyDomain).toBe("new.myshopify.com");
    } finally {
      await open.close();
    }
    expect(standin().url).not.toBe(open.url);
  });
});

import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const CREATE = `mutation Create($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { id } userErrors { message } }
}`;

describe("orders, catalog and billing lookups", () => {
  const { graphql, standin, control } = useStandin();
  const createOrder = async (order: Record<string, unknown>, options?: Record<string, unknown>) =>
    (await graphql(CREATE, { order, options })).body.data.orderCreate.order.id as string;

  it("finds orders by source_identifier, source_name and tag", async () => {
    const variantId = await seedVariant(standin(), { sku: "FIND" });
    const line = [{ variantId, quantity: 1 }];
    const tiktok = await createOrder({
      lineItems: line,
      sourceName: "tiktok",
      sourceIdentifier: "5770001",
      tags: ["TikTok"],
    });
    await createOrder({ lineItems: line, sourceName: "web", sourceIdentifier: "W-1" });
    const ids = async (query: string) =>
      (
        await graphql("query Find($q: String) { orders(first: 10, query: $q) { nodes { id } } }", {
          q: query,
        })
      ).body.data.orders.nodes.map((node: { id: string }) => node.id);
    expect(await ids("source_identifier:5770001")).toEqual([tiktok]);
    expect(await ids("source_name:tiktok AND tag:TikTok")).toEqual([tiktok]);
    expect(await ids("source_identifier:'5770001'")).toEqual([tiktok]);
    expect(await ids("source_identifier:nope")).toEqual([]);
    expect(await ids("-source_name:tiktok")).toHaveLength(1);
  });

  it("reads an order by id and null for an unknown one", async () => {
    const variantId = await seedVariant(standin(), { sku: "READ" });
    const id = await createOrder({ lineItems: [{ variantId, quantity: 1 }], email: "buyer@example.com" });
    const { body } = await graphql(
      `
        query Read($id: ID!, $missing: ID!) {
          order(id: $id) {
            id
            email
            cancelledAt
          }
          missing: order(id: $missing) {
            id
          }
        }
      `,
      { id, missing: "gid://shopify/Order/424242" },
    );
    expect(body.data).toEqual({
      order: { id, email: "buyer@example.com", cancelledAt: null },
      missing: null,
    });
  });

  it("updates the shipping address and refuses an invalid phone in it", async () => {
    const variantId = await seedVariant(standin(), { sku: "UPD" });
    const id = await createOrder({
      lineItems: [{ variantId, quantity: 1 }],
      shippingAddress: { city: "Ipoh", countryCode: "MY" },
    });
    const UPDATE = `mutation Update($input: OrderInput!) {
      orderUpdate(input: $input) { order { shippingAddress { city zip countryCodeV2 } } userErrors { field message } }
    }`;
    const updated = await graphql(UPDATE, { input: { id, shippingAddress: { zip: "30000" } } });
    expect(updated.body.data.orderUpdate).toEqual({
      order: { shippingAddress: { city: "Ipoh", zip: "30000", countryCodeV2: "MY" } },
      userErrors: [],
    });
    const refused = await graphql(UPDATE, { input: { id, shippingAddress: { phone: "+60 11-3***36" } } });
    expect(refused.body.data.orderUpdate.userErrors).toEqual([
      { field: ["shippingAddress", "phone"], message: "Phone is invalid" },
    ]);
  });

  it("cancels an order with restock, answering a job and giving the stock back", async () => {
    const variantId = await seedVariant(standin(), { sku: "CXL", inventory: 2 });
    const id = await createOrder(
      { lineItems: [{ variantId, quantity: 2 }] },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    expect((await control().getVariant(SHOP, variantId)).inventoryQuantity).toBe(0);
    const CANCEL = `mutation Cancel($id: ID!) {
      orderCancel(orderId: $id, reason: OTHER, restock: true, refundMethod: { originalPaymentMethodsRefund: true }, notifyCustomer: false) {
        job { id done } orderCancelUserErrors { field message code }
      }
    }`;
    const { body } = await graphql(CANCEL, { id });
    expect(body.data.orderCancel).toEqual({
      job: { id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: true },
      orderCancelUserErrors: [],
    });
    expect((await control().getVariant(SHOP, variantId)).inventoryQuantity).toBe(2);
    const order = (
      await graphql(
        "query($id: ID!) { order(id: $id) { cancelledAt cancelReason currentTotalPriceSet { shopMoney { amount } } } }",
        { id },
      )
    ).body.data.order;
    expect(order).toMatchObject({
      cancelledAt: expect.any(String),
      cancelReason: "OTHER",
      currentTotalPriceSet: { shopMoney: { amount: "0.0" } },
    });
    const again = await graphql(CANCEL, { id });
    expect(again.body.data.orderCancel.orderCancelUserErrors[0]).toMatchObject({ code: "INVALID" });
  });

  it("reads variants with inventory through nodes and productVariant, and null once deleted", async () => {
    const variantId = await seedVariant(standin(), {
      sku: "NODE",
      inventory: 4,
      inventoryPolicy: "CONTINUE",
    });
    const QUERY = `query Variants($ids: [ID!]!, $id: ID!) {
      nodes(ids: $ids) { ... on ProductVariant { id sku title inventoryPolicy inventoryQuantity product { title } inventoryItem { tracked } } }
      productVariant(id: $id) { id }
    }`;
    const found = await graphql(QUERY, { ids: [variantId], id: variantId });
    expect(found.body.data).toEqual({
      nodes: [
        {
          id: variantId,
          sku: "NODE",
          title: "Default Title",
          inventoryPolicy: "CONTINUE",
          inventoryQuantity: 4,
          product: { title: "Product NODE" },
          inventoryItem: { tracked: true },
        },
      ],
      productVariant: { id: variantId },
    });
    await control().deleteVariant(SHOP, variantId);
    expect((await graphql(QUERY, { ids: [variantId], id: variantId })).body.data).toEqual({
      nodes: [null],
      productVariant: null,
    });
  });

  it("searches variants by sku and products by title for linking", async () => {
    await control().addProduct(SHOP, {
      title: "Blue Hoodie",
      variants: [
        { sku: "HOOD-S", title: "S" },
        { sku: "HOOD-M", title: "M" },
      ],
    });
    const bySku = await graphql(
      '{ productVariants(first: 5, query: "sku:HOOD-M") { nodes { sku title product { title } } } }',
    );
    expect(bySku.body.data.productVariants.nodes).toEqual([
      { sku: "HOOD-M", title: "M", product: { title: "Blue Hoodie" } },
    ]);
    const byTitle = await graphql(
      "{ products(first: 5, query: \"title:'Blue Hoodie'\") { nodes { title variants(first: 5) { nodes { sku } } } } }",
    );
    expect(byTitle.body.data.products.nodes).toEqual([
      { title: "Blue Hoodie", variants: { nodes: [{ sku: "HOOD-S" }, { sku: "HOOD-M" }] } },
    ]);
  });

  it("reports the app's subscription while it is active and none after", async () => {
    const QUERY =
      "{ currentAppInstallation { activeSubscriptions { name status test } } shop { name currencyCode myshopifyDomain } }";
    expect((await graphql(QUERY)).body.data).toEqual({
      currentAppInstallation: { activeSubscriptions: [{ name: "Standard", status: "ACTIVE", test: false }] },
      shop: { name: "test-shop", currencyCode: "USD", myshopifyDomain: SHOP },
    });
    await control().setSubscription(SHOP, { status: "CANCELLED" });
    expect((await graphql(QUERY)).body.data.currentAppInstallation.activeSubscriptions).toEqual([]);
  });
});

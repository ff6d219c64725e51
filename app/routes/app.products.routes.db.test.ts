import { afterAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../tools/shopify-standin/admin/session-token";
import { seedWorld } from "../../test/sync-world";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

// The routes run as Shopify admin calls them: with a session token signed with the app's secret.
const world = await startConnectorWorld();
const products = await import("./app.products");
const autoLink = await import("./app.products.auto-link");
const variants = await import("./app.products.variants");

afterAll(() => world.close());

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", url: "https://order-sync.example.test" };
const request = (shop: string, path: string, body?: string) =>
  new Request(`${APP.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    body,
    headers: {
      Authorization: `Bearer ${mintSessionToken(APP, shop).token}`,
      "Content-Type": "application/json",
    },
  });
const args = (req: Request) => ({ request: req, params: {}, context: {} });

const DOMAIN = "products-route.myshopify.com";
await seedWorld(world.shopify, { domain: DOMAIN, skus: [], connect: false });
const { tiktokShop } = await connectStore(world, DOMAIN);
const product = await world.tiktok.control.addProduct({
  shopId: tiktokShop.id,
  title: "Lip Tint",
  skus: [{ sellerSku: "TINT-RED", price: "12.00" }],
});
const shopify = await world.shopify.control.addProduct(DOMAIN, {
  title: "Lip Tint",
  variants: [{ sku: "TINT-RED" }],
});
const skuId = product.skus[0]?.id ?? "";
const variantId = shopify.variants[0]?.id ?? "";

describe("the Products routes", () => {
  it("list the store's TikTok SKUs", async () => {
    const page = await products.loader(args(request(DOMAIN, "/app/products")));
    expect(page.skus).toEqual([expect.objectContaining({ skuId, sellerSku: "TINT-RED", link: null })]);
  });

  it("preview auto-linking and find variants for a link by hand", async () => {
    expect(await autoLink.loader(args(request(DOMAIN, "/app/products/auto-link")))).toMatchObject({
      ok: true,
      matches: [{ skuId, sellerSku: "TINT-RED" }],
    });
    expect(await variants.loader(args(request(DOMAIN, "/app/products/variants?q=TINT")))).toEqual({
      variants: [expect.objectContaining({ id: variantId })],
      error: null,
    });
  });

  it("refuse an action that doesn't fit with 400, and a variant Shopify doesn't have with 422", async () => {
    const post = (body: unknown) =>
      products.action(args(request(DOMAIN, "/app/products", JSON.stringify(body))));
    expect(await post({ intent: "link", tiktokSkuId: skuId })).toMatchObject({ init: { status: 400 } });
    const link = { intent: "link", tiktokSkuId: skuId, tiktokProductId: product.id };
    expect(await post({ ...link, shopifyVariantId: "gid://shopify/ProductVariant/1" })).toMatchObject({
      init: { status: 422 },
    });
    expect(await post({ ...link, shopifyVariantId: variantId })).toEqual({
      ok: true,
      intent: "link",
      linked: 1,
      requeued: 0,
    });
  });

  it("answer 404 for a store without a TikTok connection", async () => {
    await seedWorld(world.shopify, { domain: "unconnected-route.myshopify.com", connect: false });
    const body = JSON.stringify({ intent: "unlink", tiktokSkuId: skuId });
    const result = await products.action(
      args(request("unconnected-route.myshopify.com", "/app/products", body)),
    );
    expect(result).toMatchObject({ init: { status: 404 } });
  });
});

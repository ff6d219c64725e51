import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { deliver, shopifyWebhook } from "../../test/shopify-webhook";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma } = await import("~/db.server");
const { listPollableTikTokShops, getTikTokConnection } = await import("~/models/tiktok-connection.server");
const productsUpdate = await import("~/routes/webhooks.products.update");
const productsDelete = await import("~/routes/webhooks.products.delete");
const uninstalled = await import("~/routes/webhooks.app.uninstalled");
const subscriptions = await import("~/routes/webhooks.app_subscriptions.update");
const dataRequest = await import("~/routes/webhooks.customers.data_request");
const customerRedact = await import("~/routes/webhooks.customers.redact");
const shopRedact = await import("~/routes/webhooks.shop.redact");
const { countPendingDataRequests, listDataRequests, takeDataRequestReport } =
  await import("~/models/privacy.server");
const { storeTikTokOrders } = await import("~/tiktok/order-intake.server");

afterAll(() => standin.close());

let seq = 0;
const VARIANT = "gid://shopify/ProductVariant/9000";

async function world() {
  const domain = `hooks-${++seq}.myshopify.com`;
  const seeded = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
  const [product] = await standin.control.listProducts(domain);
  if (!product) throw new Error("The stand-in has no product");
  return { ...seeded, productId: product.id.replace(/\D/g, "") };
}

const linkState = async (shopId: string) =>
  (await prisma.productLink.findFirstOrThrow({ where: { shopId, tiktokSkuId: DEFAULT_SKU_ID } })).state;

async function blockedOrder(shopId: string, reasonCode: string, raw: Record<string, unknown> = {}) {
  const id = await receiveOrder(shopId, buildTikTokOrder(raw));
  await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
  return id;
}
const queued = async (id: string) =>
  (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).queuedTrigger === "REQUEUE";

describe("Shopify webhooks", () => {
  beforeEach(async () => {
    await standin.control.reset();
  });

  it("marks a link whose variant was removed from its product as deleted", async () => {
    const { domain, shop, productId } = await world();
    await standin.control.deleteVariant(domain, VARIANT);
    const body = { id: Number(productId), variants: [] };
    const response = await deliver(productsUpdate.action, shopifyWebhook("products/update", domain, body));
    expect(response.status).toBe(200);
    expect(await linkState(shop.id)).toBe("VARIANT_DELETED");
  });

  it("marks the links of a deleted product as deleted", async () => {
    const { domain, shop, productId } = await world();
    await standin.control.deleteProduct(domain, productId);
    const request = shopifyWebhook("products/delete", domain, { id: Number(productId) });
    expect((await deliver(productsDelete.action, request)).status).toBe(200);
    expect(await linkState(shop.id)).toBe("VARIANT_DELETED");
  });

  it("relinks a variant that exists again and re-queues its PRODUCT_DELETED orders", async () => {
    const { domain, shop, productId } = await world();
    await prisma.productLink.updateMany({ where: { shopId: shop.id }, data: { state: "VARIANT_DELETED" } });
    const orderId = await blockedOrder(shop.id, "PRODUCT_DELETED");
    const body = { id: Number(productId), variants: [{ admin_graphql_api_id: VARIANT }] };
    expect(
      (await deliver(productsUpdate.action, shopifyWebhook("products/update", domain, body))).status,
    ).toBe(200);
    expect(await linkState(shop.id)).toBe("LINKED");
    expect(await queued(orderId)).toBe(true);
  });

  it("refuses a delivery with a wrong HMAC with 401 and changes nothing", async () => {
    const { domain, shop, productId } = await world();
    await standin.control.deleteProduct(domain, productId);
    const request = shopifyWebhook("products/delete", domain, { id: 1 }, { hmac: "d3Jvbmc=" });
    expect((await deliver(productsDelete.action, request)).status).toBe(401);
    const uninstall = shopifyWebhook("app/uninstalled", domain, {}, { hmac: "d3Jvbmc=" });
    expect((await deliver(uninstalled.action, uninstall)).status).toBe(401);
    expect(await linkState(shop.id)).toBe("LINKED");
    expect(await prisma.session.count({ where: { shop: domain } })).toBe(1);
    expect(await prisma.webhookReceipt.count({ where: { shopDomain: domain } })).toBe(0);
  });

  it("refuses a malformed payload with 400 and a message", async () => {
    const { domain } = await world();
    const request = shopifyWebhook("products/update", domain, { id: "not-a-number", variants: "none" });
    const response = await deliver(productsUpdate.action, request);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expected shape/),
    });
  });

  it("handles a repeated delivery once", async () => {
    const { domain, shop } = await world();
    const orderId = await blockedOrder(shop.id, "PLAN_INACTIVE");
    const body = { app_subscription: { status: "ACTIVE" } };
    const send = () =>
      deliver(
        subscriptions.action,
        shopifyWebhook("app_subscriptions/update", domain, body, { webhookId: "same-delivery" }),
      );
    expect((await send()).status).toBe(200);
    await prisma.tikTokOrder.update({ where: { id: orderId }, data: { queuedTrigger: null } });
    const repeat = await send();
    expect(await repeat.json()).toEqual({ ok: true, message: "Already handled." });
    expect(await queued(orderId)).toBe(false);
  });

  it("re-queues PLAN_INACTIVE orders when the subscription becomes active, and only then", async () => {
    const { domain, shop } = await world();
    const orderId = await blockedOrder(shop.id, "PLAN_INACTIVE");
    const frozen = { app_subscription: { status: "FROZEN" } };
    await deliver(subscriptions.action, shopifyWebhook("app_subscriptions/update", domain, frozen));
    expect(await queued(orderId)).toBe(false);
    const active = { app_subscription: { status: "ACTIVE" } };
    await deliver(subscriptions.action, shopifyWebhook("app_subscriptions/update", domain, active));
    expect(await queued(orderId)).toBe(true);
  });

  it("on uninstall removes sessions, wipes TikTok tokens and stops polling, but keeps the data", async () => {
    const { domain, shop } = await world();
    const orderId = await blockedOrder(shop.id, "PRODUCT_NOT_LINKED");
    await prisma.tikTokOrder.update({ where: { id: orderId }, data: { nextAttemptAt: new Date() } });
    const response = await deliver(uninstalled.action, shopifyWebhook("app/uninstalled", domain, {}));
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop: domain } })).toBe(0);
    // seedWorld connected the store's TikTok shop `tts-<domain>`.
    const ref = { shopDomain: domain, tiktokShopId: `tts-${domain}` };
    const row = await prisma.tikTokConnection.findUniqueOrThrow({
      where: { tiktokShopId: ref.tiktokShopId },
    });
    expect(row.shopId).toBe(shop.id);
    expect([row.accessTokenEncrypted, row.refreshTokenEncrypted]).toEqual(["", ""]);
    expect(await getTikTokConnection(ref)).toMatchObject({ accessToken: "", refreshToken: "" });
    expect((await listPollableTikTokShops()).map((pollable) => pollable.shopDomain)).not.toContain(domain);
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).uninstalledAt).not.toBeNull();
    const order = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.nextAttemptAt).toBeNull();
    expect(await prisma.productLink.count({ where: { shopId: shop.id } })).toBe(1);
  });
});

describe("compliance webhooks", () => {
  const personal = {
    buyer_email: "buyer@example.com",
    buyer_message: "Leave it at the door",
    user_id: "7494000000000000001",
  };

  async function customerWorld() {
    const { domain, shop } = await world();
    const byEmail = await receiveOrder(shop.id, buildTikTokOrder(personal));
    const byShopifyOrder = await receiveOrder(
      shop.id,
      buildTikTokOrder({ ...personal, buyer_email: "x@y.z" }),
    );
    await prisma.tikTokOrder.update({
      where: { id: byShopifyOrder },
      data: { shopifyOrderId: "gid://shopify/Order/5551", syncStatus: "SYNCED" },
    });
    const someoneElse = await receiveOrder(shop.id, buildTikTokOrder({ buyer_email: "other@example.com" }));
    return { domain, shop, byEmail, byShopifyOrder, someoneElse };
  }
  const request = (domain: string, orders: number[]) => ({
    shop_id: 1,
    shop_domain: domain,
    customer: { id: 1, email: "buyer@example.com" },
    orders_requested: orders,
    orders_to_redact: orders,
  });

  it("keeps a report of the TikTok orders held for a customer, by email and by Shopify order, for the owner", async () => {
    const { domain } = await customerWorld();
    const before = await prisma.tikTokOrder.findMany({ orderBy: { id: "asc" } });
    const response = await deliver(
      dataRequest.action,
      shopifyWebhook("customers/data_request", domain, request(domain, [5551])),
    );
    // Shopify discards the answer: it carries no data.
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const [kept] = await listDataRequests(domain);
    expect(kept).toMatchObject({ orderCount: 2, downloadedAt: null });
    const stored = await prisma.dataRequest.findMany();
    expect(JSON.stringify(stored)).not.toMatch(/buyer@example\.com|Leave it/);

    const report = await takeDataRequestReport(domain, kept?.id ?? "");
    expect(report?.orders).toHaveLength(2);
    expect(report?.orders[0]?.personalData).toMatchObject(personal);
    expect(report?.orders[0]?.personalData.recipient_address).toBeDefined();
    // Handed over once, then erased; the record that it was stays.
    expect(await takeDataRequestReport(domain, kept?.id ?? "")).toBeNull();
    expect(await prisma.dataRequest.findUniqueOrThrow({ where: { id: kept?.id } })).toMatchObject({
      reportEncrypted: "",
      downloadedAt: expect.any(Date),
    });
    expect(await prisma.tikTokOrder.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("erases a customer's report not yet downloaded when Shopify asks to redact them", async () => {
    const { domain } = await customerWorld();
    await deliver(
      dataRequest.action,
      shopifyWebhook("customers/data_request", domain, request(domain, [5551])),
    );
    expect(await countPendingDataRequests(domain)).toBe(1);
    await deliver(customerRedact.action, shopifyWebhook("customers/redact", domain, request(domain, [5551])));
    expect(await listDataRequests(domain)).toEqual([]);
  });

  it("erases the customer's personal data and keeps the sync record", async () => {
    const { domain, byEmail, byShopifyOrder, someoneElse } = await customerWorld();
    const response = await deliver(
      customerRedact.action,
      shopifyWebhook("customers/redact", domain, request(domain, [5551])),
    );
    expect(await response.json()).toEqual({ ok: true, redacted: 2 });
    for (const id of [byEmail, byShopifyOrder]) {
      const order = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
      const raw = order.raw as Record<string, unknown>;
      expect(raw).toMatchObject({
        recipient_address: "[redacted]",
        buyer_email: "[redacted]",
        buyer_message: "[redacted]",
        user_id: "[redacted]",
      });
      expect(JSON.stringify(raw)).not.toMatch(/buyer@example\.com|Leave it|7494000000000000001/);
      expect(raw.line_items).toBeDefined();
      expect(order.tiktokOrderId).toBe(raw.id);
    }
    const other = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: someoneElse } });
    expect((other.raw as Record<string, unknown>).buyer_email).toBe("other@example.com");
  });

  it("keeps an erased order erased and off the queue when TikTok describes it again", async () => {
    const { domain, shop, byEmail } = await customerWorld();
    const redact = shopifyWebhook("customers/redact", domain, request(domain, [5551]));
    await deliver(customerRedact.action, redact);
    const erased = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: byEmail } });
    const again = buildTikTokOrder({
      ...personal,
      id: erased.tiktokOrderId,
      status: "IN_TRANSIT",
      update_time: erased.updateTime.getTime() / 1000 + 60,
    });

    const result = await storeTikTokOrders(
      { shopId: shop.id, tiktokShopId: `tts-${domain}` },
      { orders: [again], invalid: [] },
      "POLL",
    );

    const order = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: byEmail } });
    expect(order.tiktokStatus).toBe("IN_TRANSIT");
    expect(JSON.stringify(order.raw)).not.toMatch(/buyer@example\.com|Leave it|7494000000000000001/);
    expect(order.raw).toMatchObject({ buyer_email: "[redacted]", recipient_address: "[redacted]" });
    expect(order.nextAttemptAt).toBeNull();
    expect(result.queued).toEqual([]);
  });

  it("erases all of a store's data on shop/redact and nothing of another store's", async () => {
    const { domain, shop } = await customerWorld();
    const other = await customerWorld();
    const body = { shop_id: 1, shop_domain: domain };
    const response = await deliver(shopRedact.action, shopifyWebhook("shop/redact", domain, body));
    expect(response.status).toBe(200);
    expect(await prisma.shop.count({ where: { id: shop.id } })).toBe(0);
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await prisma.productLink.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await prisma.tikTokConnection.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: domain } })).toBe(0);
    expect(await prisma.tikTokOrder.count({ where: { shopId: other.shop.id } })).toBe(3);
    expect(await prisma.session.count({ where: { shop: other.domain } })).toBe(1);
  });
});

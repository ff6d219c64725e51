import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { deliver, shopifyWebhook } from "../../test/shopify-webhook";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// A signed body is only Shopify's word about itself: these deliveries reuse one on another route, for
// another store, or long after the fact. None may delete, report or redact anything.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma } = await import("~/db.server");
const productsDelete = await import("~/routes/webhooks.products.delete");
const subscriptions = await import("~/routes/webhooks.app_subscriptions.update");
const dataRequest = await import("~/routes/webhooks.customers.data_request");
const customerRedact = await import("~/routes/webhooks.customers.redact");
const shopRedact = await import("~/routes/webhooks.shop.redact");
afterAll(() => standin.close());

let seq = 0;
const HOURS = 3_600_000;
const buyer = { buyer_email: "buyer@example.com", buyer_message: "Ring twice" };

/** A store with a linked SKU and an order of a buyer, as the compliance webhooks find it. */
async function store() {
  const domain = `bound-${++seq}.myshopify.com`;
  const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
  const orderId = await receiveOrder(shop.id, buildTikTokOrder(buyer));
  return { domain, shopId: shop.id, orderId };
}

/** Everything a delivery could have changed: the store's rows, its order's JSON, and the receipts. */
async function stateOf(shopId: string) {
  const rows = await Promise.all([
    prisma.shop.findUnique({ where: { id: shopId } }),
    prisma.tikTokOrder.findMany({ where: { shopId }, orderBy: { id: "asc" } }),
    prisma.productLink.findMany({ where: { shopId }, orderBy: { id: "asc" } }),
    prisma.webhookReceipt.count(),
  ]);
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
}

const customerBody = (domain: string) => ({
  shop_id: 1,
  shop_domain: domain,
  customer: { id: 1, email: buyer.buyer_email },
  orders_requested: [],
  orders_to_redact: [],
  data_request: { id: 1 },
});
const triggered = (hoursAgo: number) => ({
  "X-Shopify-Triggered-At": new Date(Date.now() - hoursAgo * HOURS).toISOString(),
});

describe("binding a Shopify webhook to its route, its store and its time", () => {
  beforeEach(async () => {
    await standin.control.reset();
  });

  it("refuses a signed products/delete posted to shop/redact with 400 and deletes nothing", async () => {
    const { domain, shopId } = await store();
    const before = await stateOf(shopId);
    const asItself = shopifyWebhook("products/delete", domain, { id: 1 });
    const relabelled = shopifyWebhook("shop/redact", domain, { id: 1 });
    for (const request of [asItself, relabelled]) {
      const response = await deliver(shopRedact.action, request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(await stateOf(shopId)).toBe(before);
  });

  it("refuses a customer's payload posted as shop/redact, though it names the right store", async () => {
    const { domain, shopId } = await store();
    const before = await stateOf(shopId);
    const response = await deliver(
      shopRedact.action,
      shopifyWebhook("shop/redact", domain, customerBody(domain)),
    );
    expect(response.status).toBe(400);
    expect(await stateOf(shopId)).toBe(before);
  });

  it("refuses compliance payloads naming another store than the shop header, and reports nothing", async () => {
    const victim = await store();
    const attacker = await store();
    const before = await stateOf(victim.shopId);
    const cases = [
      [dataRequest.action, "customers/data_request", customerBody(victim.domain)],
      [customerRedact.action, "customers/redact", customerBody(victim.domain)],
      [shopRedact.action, "shop/redact", { shop_id: 1, shop_domain: victim.domain }],
    ] as const;
    for (const [action, topic, body] of cases) {
      const response = await deliver(action, shopifyWebhook(topic, attacker.domain, body));
      expect(response.status, topic).toBe(400);
      expect(JSON.stringify(await response.json())).not.toContain(buyer.buyer_email);
    }
    expect(await stateOf(victim.shopId)).toBe(before);
    expect(await prisma.shop.count({ where: { id: attacker.shopId } })).toBe(1);
  });

  it("refuses a compliance payload that names no store", async () => {
    const { domain, shopId } = await store();
    const before = await stateOf(shopId);
    const { shop_domain: _named, ...unnamed } = customerBody(domain);
    const response = await deliver(
      customerRedact.action,
      shopifyWebhook("customers/redact", domain, unnamed),
    );
    expect(response.status).toBe(400);
    expect(await stateOf(shopId)).toBe(before);
  });

  it("handles an event once, whatever webhook id each delivery of it carries", async () => {
    const { domain, shopId } = await store();
    await prisma.tikTokOrder.updateMany({
      where: { shopId },
      data: { syncStatus: "BLOCKED", reasonCode: "PLAN_INACTIVE" },
    });
    const event = { "X-Shopify-Event-Id": randomUUID() };
    const body = { app_subscription: { status: "ACTIVE" } };
    const send = () =>
      deliver(
        subscriptions.action,
        shopifyWebhook("app_subscriptions/update", domain, body, { headers: event }),
      );
    expect(await (await send()).json()).toEqual({ ok: true });
    await prisma.tikTokOrder.updateMany({ where: { shopId }, data: { queuedTrigger: null } });
    expect(await (await send()).json()).toEqual({ ok: true, message: "Already handled." });
    const order = await prisma.tikTokOrder.findFirstOrThrow({ where: { shopId } });
    expect(order.queuedTrigger).toBeNull();
  });

  it("acknowledges and skips a delivery triggered more than six hours ago", async () => {
    const { domain, shopId } = await store();
    await standin.control.deleteProduct(domain, (await standin.control.listProducts(domain))[0]?.id ?? "");
    const before = await stateOf(shopId);
    const stale = shopifyWebhook("products/delete", domain, { id: 1 }, { headers: triggered(7) });
    const response = await deliver(productsDelete.action, stale);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ message: expect.stringMatching(/too long ago/) });
    expect(await stateOf(shopId)).toBe(before);
    const recent = shopifyWebhook("products/delete", domain, { id: 1 }, { headers: triggered(3) });
    expect((await deliver(productsDelete.action, recent)).status).toBe(200);
    expect((await prisma.productLink.findFirstOrThrow({ where: { shopId } })).state).toBe("VARIANT_DELETED");
  });

  it("honours a compliance webhook however late it comes", async () => {
    const { domain, shopId } = await store();
    const late = { shop_id: 1, shop_domain: domain };
    const response = await deliver(
      shopRedact.action,
      shopifyWebhook("shop/redact", domain, late, { headers: triggered(72) }),
    );
    expect(response.status).toBe(200);
    expect(await prisma.shop.count({ where: { id: shopId } })).toBe(0);
  });

  it("refuses an X-Shopify-Triggered-At that is not a time, and a shop header that is no shop, with 400", async () => {
    const { domain, shopId } = await store();
    const before = await stateOf(shopId);
    const garbled = { "X-Shopify-Triggered-At": "yesterday-ish" };
    const cases = [
      shopifyWebhook("products/delete", domain, { id: 1 }, { headers: garbled }),
      shopifyWebhook("products/delete", "evil.example", { id: 1 }),
    ];
    for (const request of cases) {
      const response = await deliver(productsDelete.action, request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(await stateOf(shopId)).toBe(before);
  });
});

import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { buildTikTokOrder, buildUnits, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";
import { deployedFlowTriggers } from "../../test/flow-triggers";
import { ATTENTION_FIELDS, ATTENTION_TRIGGER_HANDLE } from "./attention";

// The "TikTok order needs attention" trigger, end to end: syncs against the Shopify stand-in record their
// outcomes, the Flow notifier sends the notices to the stand-in's flowTriggerReceive, which checks each
// payload against the trigger extension as deployed (its handle and field keys, read from its TOML).
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { syncOrder } = await import("./sync-order.server");
const { sendDueFlowNotices, NOTICE_LEASE_MS, NOTICE_MAX_ATTEMPTS } = await import("./flow-notices.server");
const { claimDueNotices } = await import("~/models/flow-notice.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

// The triggers as their extensions declare them: a payload that drifts from its TOML is refused.
const deployed = deployedFlowTriggers();

let seq = 0;
async function world(options: Partial<Parameters<typeof seedWorld>[1]> = {}) {
  const domain = `flow-${++seq}.myshopify.com`;
  const seeded = await seedWorld(standin, { skus: [{ skuId: DEFAULT_SKU_ID }], ...options, domain });
  await standin.control.setFlowTriggerDefinitions(domain, deployed);
  return seeded;
}

const placed = () => Math.floor(Date.now() / 1000) - 7200;
const newOrder = (overrides: Parameters<typeof buildTikTokOrder>[0] = {}) =>
  buildTikTokOrder({ create_time: placed(), ...overrides });
const pageOf = (domain: string, tiktokOrderId: string) =>
  `https://admin.shopify.com/store/${domain.replace(".myshopify.com", "")}/apps/test-api-key/app/orders/${tiktokOrderId}`;
const noticesOf = (orderId: string) =>
  prisma.flowNotice.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
const rowOf = (id: string) => prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
const flowRequests = async (domain: string) =>
  (await standin.control.listRequests(domain)).filter((request) =>
    request.rootFields.includes("flowTriggerReceive"),
  );
const later = (ms: number) => () => new Date(Date.now() + ms);

describe("the 'TikTok order needs attention' Flow trigger", () => {
  beforeEach(async () => {
    await standin.control.reset();
    await prisma.flowNotice.deleteMany();
  });

  it("fires once, after the sync, for an order blocked for a reason the merchant fixes", async () => {
    const { shop, domain } = await world({ skus: [] });
    const order = newOrder();
    const id = await receiveOrder(shop.id, order);

    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ reason: "PRODUCT_NOT_LINKED" });
    // The sync itself never calls Flow: it only notes the notice, due now.
    expect(await flowRequests(domain)).toEqual([]);
    expect(await noticesOf(id)).toMatchObject([{ reasonCode: "PRODUCT_NOT_LINKED", status: "PENDING" }]);

    expect(await sendDueFlowNotices()).toEqual(["sent"]);
    const runs = await standin.control.listFlowTriggers(domain);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.handle).toBe(ATTENTION_TRIGGER_HANDLE);
    expect(runs[0]?.payload).toEqual({
      [ATTENTION_FIELDS.tiktokOrderId]: order.id,
      [ATTENTION_FIELDS.reasonCode]: "PRODUCT_NOT_LINKED",
      [ATTENTION_FIELDS.reason]:
        "Product not linked to Shopify. Link the TikTok product to a Shopify variant on the Products page. The order syncs once it is.",
      [ATTENTION_FIELDS.stage]: "Stage 6: Shopify products",
      [ATTENTION_FIELDS.orderPage]: pageOf(domain, order.id),
    });
    expect(await noticesOf(id)).toMatchObject([{ status: "SENT", attemptCount: 1, nextAttemptAt: null }]);

    // Synced again for the same reason (a webhook, the Sync button): not told again.
    expect(await syncOrder(id, { trigger: "poll" })).toMatchObject({ reason: "PRODUCT_NOT_LINKED" });
    expect(await syncOrder(id, { trigger: "manual" })).toMatchObject({ reason: "PRODUCT_NOT_LINKED" });
    expect(await sendDueFlowNotices()).toEqual([]);
    expect(await standin.control.listFlowTriggers(domain)).toHaveLength(1);
  });

  it("fires again for a new reason, and for each reason once", async () => {
    const { shop, domain } = await world({ planActive: false });
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ reason: "PLAN_INACTIVE" });
    expect(await sendDueFlowNotices()).toEqual(["sent"]);

    await standin.control.deleteVariant(domain, "gid://shopify/ProductVariant/9000");
    expect(await syncOrder(id, { trigger: "poll" })).toMatchObject({ reason: "PRODUCT_DELETED" });
    expect(await syncOrder(id, { trigger: "poll" })).toMatchObject({ reason: "PRODUCT_DELETED" });
    expect(await sendDueFlowNotices()).toEqual(["sent"]);

    const runs = await standin.control.listFlowTriggers(domain);
    expect(runs.map((run) => run.payload[ATTENTION_FIELDS.reasonCode])).toEqual([
      "PLAN_INACTIVE",
      "PRODUCT_DELETED",
    ]);
    expect(runs[1]?.payload[ATTENTION_FIELDS.stage]).toBe("Stage 6: Shopify products");
  });

  it("fires once for a failure that is final, in Shopify's words about the order", async () => {
    const { shop, domain } = await world({ skus: [{ skuId: DEFAULT_SKU_ID, inventory: 1, policy: "DENY" }] });
    const order = newOrder({ line_items: buildUnits(2) });
    const id = await receiveOrder(shop.id, order);
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({
      status: "failed",
      code: "OUT_OF_STOCK",
    });
    expect(await syncOrder(id, { trigger: "manual" })).toMatchObject({
      status: "failed",
      code: "OUT_OF_STOCK",
    });

    expect(await sendDueFlowNotices()).toEqual(["sent"]);
    const runs = await standin.control.listFlowTriggers(domain);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.payload).toMatchObject({
      [ATTENTION_FIELDS.reasonCode]: "OUT_OF_STOCK",
      [ATTENTION_FIELDS.reason]: `Not enough stock in Shopify. Shopify doesn't have enough stock of ${order.line_items[0]?.product_name} for this order.`,
      [ATTENTION_FIELDS.stage]: "After the checks",
    });
  });

  it("never fires for a failure the sync retries by itself, nor for a block that waits on TikTok", async () => {
    const { shop, domain } = await world();
    const retried = await receiveOrder(shop.id, newOrder());
    await standin.control.setFaults(domain, { dropAfterCreate: true });
    expect(await syncOrder(retried, { trigger: "webhook" })).toMatchObject({
      status: "failed",
      retryAt: expect.any(Date),
    });
    await standin.control.setFaults(domain, null);
    const onHold = await receiveOrder(shop.id, newOrder({ status: "ON_HOLD" }));
    expect(await syncOrder(onHold, { trigger: "webhook" })).toMatchObject({ reason: "ORDER_ON_HOLD" });
    const cancelled = await receiveOrder(shop.id, newOrder({ status: "CANCELLED" }));
    expect(await syncOrder(cancelled, { trigger: "webhook" })).toMatchObject({ reason: "ORDER_CANCELLED" });

    expect(await sendDueFlowNotices()).toEqual([]);
    expect(await prisma.flowNotice.count()).toBe(0);
    expect(await standin.control.listFlowTriggers(domain)).toEqual([]);
  });

  it("leaves the order's outcome as it was when Flow refuses the trigger, and doesn't send it again", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    await syncOrder(id, { trigger: "webhook" });
    const before = await rowOf(id);
    // As if the trigger extension were not deployed: Flow knows another trigger of the app only.
    await standin.control.setFlowTriggerDefinitions(domain, [{ handle: "other-trigger", fields: ["x"] }]);

    expect(await sendDueFlowNotices()).toEqual(["refused"]);
    const [notice] = await noticesOf(id);
    expect(notice).toMatchObject({ status: "FAILED", nextAttemptAt: null });
    expect(notice?.lastError).toMatch(
      /handle: The app has no Flow trigger with the handle tiktok-order-attention/,
    );
    expect(await rowOf(id)).toEqual(before);
    expect(await sendDueFlowNotices({ now: later(24 * 3600_000) })).toEqual([]);
    expect(await standin.control.listFlowTriggers(domain)).toEqual([]);
  });

  it("retries later when Shopify can't be reached, the order's outcome untouched, then sends it once", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    await syncOrder(id, { trigger: "webhook" });
    const before = await rowOf(id);
    await standin.control.setFaults(domain, { errorRate: 1, errorStatuses: [503] });

    expect(await sendDueFlowNotices()).toEqual(["retry"]);
    const [waiting] = await noticesOf(id);
    expect(waiting).toMatchObject({ status: "PENDING", attemptCount: 1, leaseHolder: null });
    expect(waiting?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await sendDueFlowNotices()).toEqual([]);
    expect(await rowOf(id)).toEqual(before);

    await standin.control.setFaults(domain, null);
    expect(await sendDueFlowNotices({ now: later(60_000) })).toEqual(["sent"]);
    expect(await standin.control.listFlowTriggers(domain)).toHaveLength(1);
    expect(await rowOf(id)).toEqual(before);
  });

  it("gives a notice up after its last attempt", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    await syncOrder(id, { trigger: "webhook" });
    await standin.control.setFaults(domain, { errorRate: 1, errorStatuses: [502] });
    const results = [];
    for (let attempt = 1; attempt <= NOTICE_MAX_ATTEMPTS; attempt++)
      results.push(...(await sendDueFlowNotices({ now: later(attempt * 3600_000) })));
    expect(results).toEqual([...Array<string>(NOTICE_MAX_ATTEMPTS - 1).fill("retry"), "gave-up"]);
    expect(await noticesOf(id)).toMatchObject([{ status: "FAILED", attemptCount: NOTICE_MAX_ATTEMPTS }]);
  });

  it("is sent by one worker when several look at once", async () => {
    const { shop, domain } = await world({ skus: [] });
    const ids = await Promise.all([1, 2, 3].map(() => receiveOrder(shop.id, newOrder())));
    await Promise.all(ids.map((id) => syncOrder(id, { trigger: "webhook" })));

    const results = (await Promise.all([1, 2, 3, 4].map(() => sendDueFlowNotices({ limit: 2 })))).flat();
    results.push(...(await sendDueFlowNotices()));
    expect(results.filter((result) => result === "sent")).toHaveLength(3);
    const runs = await standin.control.listFlowTriggers(domain);
    expect(runs.map((run) => run.payload[ATTENTION_FIELDS.tiktokOrderId]).sort()).toEqual(
      (await Promise.all(ids.map(rowOf))).map((row) => row.tiktokOrderId).sort(),
    );
  });

  it("is sent by another worker once the lease of one that died mid-send runs out", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    await syncOrder(id, { trigger: "webhook" });
    expect(await claimDueNotices("worker-that-dies", 10, NOTICE_LEASE_MS)).toHaveLength(1);

    expect(await sendDueFlowNotices()).toEqual([]);
    expect(await sendDueFlowNotices({ now: later(NOTICE_LEASE_MS + 1000) })).toEqual(["sent"]);
    expect(await standin.control.listFlowTriggers(domain)).toHaveLength(1);
  });

  it("drops, unsent, a notice whose order was fixed before its turn came", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ reason: "PRODUCT_NOT_LINKED" });
    // The merchant links the product and clicks Sync before the notifier's turn.
    const variantId = "gid://shopify/ProductVariant/9100";
    await standin.control.addProduct(domain, {
      title: "Linked later",
      variants: [{ id: variantId, sku: "LATER", price: "20.00", inventory: 10 }],
    });
    const { linkSku } = await import("~/models/product-link.server");
    await linkSku(shop.id, {
      tiktokProductId: "p-later",
      tiktokSkuId: DEFAULT_SKU_ID,
      shopifyVariantId: variantId,
    });
    const fixed = await syncOrder(id, { trigger: "manual" });
    expect(fixed, JSON.stringify(fixed)).toMatchObject({ status: "synced" });

    expect(await sendDueFlowNotices()).toEqual(["dropped"]);
    expect(await noticesOf(id)).toEqual([]);
    expect(await standin.control.listFlowTriggers(domain)).toEqual([]);
  });
});

describe("the Shopify order the sync creates", () => {
  it("carries the app's metafields and links back to the order's page in the app", async () => {
    await standin.control.reset();
    const { shop, domain } = await world();
    const order = newOrder({ status: "AWAITING_SHIPMENT" });
    const id = await receiveOrder(shop.id, order, `tts-${domain}`);
    const synced = await syncOrder(id, { trigger: "webhook" });
    expect(synced, JSON.stringify(synced)).toMatchObject({ status: "synced" });

    const [created] = await standin.control.listOrders(domain);
    expect(created?.sourceUrl).toBe(pageOf(domain, order.id));
    // `$app` is kept as the app's own namespace (the stand-in's app is app--4401).
    expect(created?.metafields).toEqual([
      { namespace: "app--4401", key: "tiktok_order_id", type: "single_line_text_field", value: order.id },
      {
        namespace: "app--4401",
        key: "tiktok_shop_id",
        type: "single_line_text_field",
        value: `tts-${domain}`,
      },
      {
        namespace: "app--4401",
        key: "tiktok_status",
        type: "single_line_text_field",
        value: "AWAITING_SHIPMENT",
      },
    ]);
    // A synced order needs nobody: Flow hears nothing of it.
    expect(await sendDueFlowNotices()).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import {
  buildLineItem,
  buildRecipientAddress,
  buildTikTokOrder,
  DEFAULT_SKU_ID,
} from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { syncOrderNow, syncButtonAction, bulkSyncAction, queueBulkSync, bulkSyncProgress, bulkSyncSchema } =
  await import("./manual-sync.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { startEmbeddedWorker } = await import("~/jobs/embedded-worker.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

const placed = () => Math.floor(Date.now() / 1000) - 7200;
const store = (domain: string) => seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });

describe("Sync from the Orders page", () => {
  it("syncs an order on hold now, as the merchant asked", async () => {
    const { shop, domain } = await store("now.myshopify.com");
    const order = buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });

    expect(await syncOrderNow(domain, order.id)).toMatchObject({ status: "synced" });
    const [attempt] = await prisma.syncAttempt.findMany({
      where: { order: { tiktokOrderId: order.id } },
      orderBy: { startedAt: "desc" },
    });
    expect(attempt).toMatchObject({ trigger: "MANUAL", outcome: "SYNCED" });
  });

  it("answers missing for another store's order and creates nothing", async () => {
    const { shop } = await store("mine.myshopify.com");
    await store("theirs.myshopify.com");
    const order = buildTikTokOrder({ create_time: placed() });
    await receiveOrder(shop.id, order);

    expect(await syncOrderNow("theirs.myshopify.com", order.id)).toEqual({ status: "missing" });
    expect(await standin.control.listOrders("mine.myshopify.com")).toEqual([]);
    expect(await standin.control.listOrders("theirs.myshopify.com")).toEqual([]);
  });

  it("queues only the store's own orders that aren't synced yet", async () => {
    const { shop } = await store("bulk-a.myshopify.com");
    const other = await store("bulk-b.myshopify.com");
    const synced = buildTikTokOrder({ create_time: placed() });
    await syncOrder(await receiveOrder(shop.id, synced), { trigger: "webhook" });
    const onHold = buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" });
    await syncOrder(await receiveOrder(shop.id, onHold), { trigger: "webhook" });
    const theirs = buildTikTokOrder({ create_time: placed() });
    await receiveOrder(other.shop.id, theirs);

    const result = await queueBulkSync("bulk-a.myshopify.com", [synced.id, onHold.id, theirs.id, onHold.id]);

    expect(result).toEqual({ queued: [onHold.id], alreadySynced: 1, notFound: 1 });
    const queued = await prisma.tikTokOrder.findMany({ where: { queuedTrigger: "MANUAL" } });
    expect(queued.map((row) => row.tiktokOrderId)).toEqual([onHold.id]);
  });

  it("reports progress until the worker has run every queued order, then sums up", async () => {
    const { shop, domain } = await store("progress.myshopify.com");
    // TikTok withholds an order's address while it is on hold.
    const held = { create_time: placed(), status: "ON_HOLD", recipient_address: undefined } as const;
    const orders = [
      buildTikTokOrder(held),
      buildTikTokOrder(held),
      buildTikTokOrder({ create_time: placed(), line_items: [buildLineItem({ sku_id: "not-linked" })] }),
      buildTikTokOrder({ create_time: placed(), fulfillment_type: "FULFILLMENT_BY_TIKTOK" }),
    ];
    for (const order of orders) await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
    const ids = orders.map((order) => order.id);

    await queueBulkSync(domain, ids);
    expect(await bulkSyncProgress(domain, ids)).toMatchObject({ running: 4, done: false });

    const worker = startEmbeddedWorker({ pollMs: 50 });
    try {
      await expect
        .poll(() => bulkSyncProgress(domain, ids), { timeout: 15_000, interval: 100 })
        .toMatchObject({
          done: true,
        });
    } finally {
      await worker.stop();
    }
    expect(await bulkSyncProgress(domain, ids)).toEqual({
      running: 0,
      synced: 2,
      blocked: 2,
      failed: 0,
      pending: 0,
      done: true,
      reasons: expect.arrayContaining([
        { code: "PRODUCT_NOT_LINKED", count: 1 },
        { code: "FULFILLED_BY_TIKTOK", count: 1 },
      ]),
      forced: { cancelled: 0, withoutAddress: 2 },
    });
  });

  it("asks before Sync selected forces orders, says how many and why, and queues nothing until confirmed", async () => {
    const { shop, domain } = await store("confirm.myshopify.com");
    const cancelled = buildTikTokOrder({ create_time: placed(), status: "CANCELLED" });
    const onHold = [1, 2].map(() => buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" }));
    const unlinked = buildTikTokOrder({
      create_time: placed(),
      line_items: [buildLineItem({ sku_id: "x" })],
    });
    const orders = [cancelled, ...onHold, unlinked];
    for (const order of orders) await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
    const ids = orders.map((order) => order.id);

    expect(await bulkSyncAction(domain, { ids })).toEqual({
      confirm: {
        selected: 4,
        forced: [
          { reason: "ORDER_ON_HOLD", count: 2 },
          { reason: "ORDER_CANCELLED", count: 1 },
        ],
      },
    });
    expect(await prisma.tikTokOrder.count({ where: { queuedTrigger: "MANUAL", shopId: shop.id } })).toBe(0);

    expect(await bulkSyncAction(domain, { ids, confirmed: true })).toMatchObject({ queued: ids });
    expect(await bulkSyncAction(domain, { ids: [unlinked.id] })).toMatchObject({ queued: [unlinked.id] });
  });

  it("answers Sync with what followed: created without an address, or created and cancelled", async () => {
    const { shop, domain } = await store("followed.myshopify.com");
    const onHold = buildTikTokOrder({
      create_time: placed(),
      status: "ON_HOLD",
      recipient_address: undefined,
    });
    const cancelled = buildTikTokOrder({ create_time: placed(), status: "CANCELLED" });
    for (const order of [onHold, cancelled]) await receiveOrder(shop.id, order);

    expect(await syncButtonAction(domain, onHold.id)).toMatchObject({
      outcome: { status: "synced" },
      failure: null,
      created: { cancelled: false, addressPending: true },
    });
    expect(await syncButtonAction(domain, cancelled.id)).toMatchObject({
      outcome: { status: "synced" },
      created: { cancelled: true, restocked: true, addressPending: false },
    });
  });

  it("answers a failed Sync with Shopify's refusal in plain words", async () => {
    const { shop, domain } = await store("refused.myshopify.com");
    const recipient_address = buildRecipientAddress({ postal_code: "1234" });
    const order = buildTikTokOrder({ create_time: placed(), recipient_address });
    await receiveOrder(shop.id, order);

    expect(await syncButtonAction(domain, order.id)).toMatchObject({
      outcome: {
        status: "failed",
        code: "INVALID_FIELD",
        message: "order.shippingAddress.zip: Zip is invalid",
      },
      failure: "Shopify refused the ZIP code '1234' of the shipping address.",
      created: null,
    });
  });

  it("takes between one and a page of well-formed TikTok order ids", () => {
    expect(bulkSyncSchema.safeParse({ ids: ["576461413038700001"] }).success).toBe(true);
    expect(bulkSyncSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(bulkSyncSchema.safeParse({ ids: ["1 OR 1=1"] }).success).toBe(false);
    expect(bulkSyncSchema.safeParse({ ids: Array.from({ length: 251 }, (_, i) => String(i)) }).success).toBe(
      false,
    );
  });
});

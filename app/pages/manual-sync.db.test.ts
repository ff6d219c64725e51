import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { buildLineItem, buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { syncOrderNow, queueBulkSync, bulkSyncProgress, bulkSyncSchema } =
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
    const orders = [
      buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" }),
      buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" }),
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

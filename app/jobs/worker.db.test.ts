import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { buildTikTokOrder, buildUnits, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";
import { until } from "../../test/until";

const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { startEmbeddedWorker } = await import("./embedded-worker.server");
const { enqueueSync } = await import("~/models/order-queue.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

// Retries within a test's time: the same policy shape as production, shorter delays.
const fastRetry = { maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 500, minUncertainDelayMs: 50 };
const placed = () => Math.floor(Date.now() / 1000) - 7200;

async function untilSettled(shopId: string, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const settled = await prisma.tikTokOrder.count({
      where: { shopId, syncStatus: { in: ["SYNCED", "FAILED", "BLOCKED"] }, nextAttemptAt: null },
    });
    if (settled >= count || Date.now() > deadline) return settled;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function receiveMany(shopId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await receiveOrder(
        shopId,
        buildTikTokOrder({ create_time: placed(), line_items: buildUnits(1 + (i % 3)) }),
      ),
    );
  }
  return ids;
}

describe("the embedded worker", () => {
  it("syncs every queued order once", async () => {
    const { shop, domain } = await seedWorld(standin, {
      domain: "drain.myshopify.com",
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 10_000 }],
    });
    const ids = await receiveMany(shop.id, 20);
    const worker = startEmbeddedWorker({ retry: fastRetry, pollMs: 50 });
    await enqueueSync(ids, "WEBHOOK");
    expect(await untilSettled(shop.id, 20, 30_000)).toBe(20);
    await worker.stop();
    const orders = await standin.control.listOrders(domain);
    expect(orders).toHaveLength(20);
    expect(new Set(orders.map((order) => order.sourceIdentifier)).size).toBe(20);
  });

  it("loses nothing through an outage of 30 % server errors", async () => {
    const { shop, domain } = await seedWorld(standin, {
      domain: "outage.myshopify.com",
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 10_000 }],
    });
    const ids = await receiveMany(shop.id, 30);
    await standin.control.setFaults(domain, { errorRate: 0.3, count: 150, seed: 7 });
    const worker = startEmbeddedWorker({ retry: fastRetry, pollMs: 50 });
    await enqueueSync(ids, "WEBHOOK");
    expect(await untilSettled(shop.id, 30, 90_000)).toBe(30);
    await worker.stop();
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id, syncStatus: "SYNCED" } })).toBe(30);
    const orders = await standin.control.listOrders(domain);
    expect(orders).toHaveLength(30);
    expect(new Set(orders.map((order) => order.sourceIdentifier)).size).toBe(30);
  });

  it("picks up an order a crashed worker left mid-create, without creating it twice", async () => {
    const { shop, domain } = await seedWorld(standin, {
      domain: "crash.myshopify.com",
      skus: [{ skuId: DEFAULT_SKU_ID }],
    });
    const [id = ""] = await receiveMany(shop.id, 1);
    // The dead worker's create reached Shopify, then the process died: its lease expired, its attempt says creating.
    await standin.control.setFaults(domain, { dropAfterCreate: true });
    const { syncOrder } = await import("~/sync/sync-order.server");
    await syncOrder(id, { trigger: "webhook", retry: fastRetry });
    await standin.control.setFaults(domain, null);
    await prisma.tikTokOrder.update({
      where: { id },
      data: {
        leaseHolder: "dead-worker",
        leaseExpiresAt: new Date(Date.now() - 1000),
        nextAttemptAt: new Date(0),
      },
    });
    const worker = startEmbeddedWorker({ retry: fastRetry, pollMs: 50 });
    expect(await untilSettled(shop.id, 1, 10_000)).toBe(1);
    await worker.stop();
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({
      syncStatus: "SYNCED",
    });
  });

  it("syncs an order again when TikTok cancelled it while its create was in flight", async () => {
    const { shop, domain } = await seedWorld(standin, {
      domain: "changed-mid-sync.myshopify.com",
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 100 }],
    });
    const order = buildTikTokOrder({ create_time: placed() });
    const id = await receiveOrder(shop.id, order);
    // Each Shopify request takes a while, so the cancellation lands during the create.
    await standin.control.setFaults(domain, { latencyMs: 800 });
    const worker = startEmbeddedWorker({ retry: fastRetry, pollMs: 50 });
    await enqueueSync([id], "WEBHOOK");
    const syncing = async () =>
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).syncStatus === "SYNCING";
    expect(await until(syncing, 20_000)).toBe(true);

    await receiveOrder(shop.id, { ...order, status: "CANCELLED", update_time: order.update_time + 60 });
    await enqueueSync([id], "WEBHOOK");
    const cancelledInShopify = async () =>
      (await standin.control.listOrders(domain)).some((created) => created.cancelledAt !== null);
    const cancelled = await until(cancelledInShopify, 20_000, 100);
    await worker.stop();

    expect(cancelled).toBe(true);
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });
});

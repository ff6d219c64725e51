import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../../test/factories/tiktok-order";
import { dropRedisPrefix, redisPrefixForFile } from "../../../test/redis-world";
import { until } from "../../../test/until";
import { receiveOrder, seedWorld } from "../../../test/sync-world";

const redisUrl = process.env.REDIS_URL ?? "";
if (!redisUrl) throw new Error("The queue tests need REDIS_URL (vitest.config.ts sets the machine's own).");
const prefix = redisPrefixForFile(redisUrl);
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma } = await import("~/db.server");
const { enqueueSync } = await import("~/models/order-queue.server");
const { createBullmqProvider } = await import("./provider.server");
const { startBullmqWorker } = await import("./worker.server");
const { addSyncJobs, bullQueues } = await import("./queues.server");
const { HOLDER_PREFIX, sweep } = await import("./sweeper.server");
const { CONFIRM_DEAD_MS } = await import("./liveness.server");
const { sharedRedis } = await import("~/lib/redis.server");
const { RedisBucket } = await import("~/admin-api/throttle/redis-bucket.server");

const provider = createBullmqProvider();
afterAll(async () => {
  await provider.close();
  await standin.close();
  await dropRedisPrefix(redisUrl, prefix);
});

const fastRetry = { maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 500, minUncertainDelayMs: 50 };
const placed = () => Math.floor(Date.now() / 1000) - 7200;

async function world(domain: string, count: number) {
  const seeded = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID, inventory: 10_000 }] });
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(await receiveOrder(seeded.shop.id, buildTikTokOrder({ create_time: placed() })));
  const synced = () =>
    prisma.tikTokOrder.count({
      where: { shopId: seeded.shop.id, syncStatus: "SYNCED", nextAttemptAt: null },
    });
  return { ...seeded, ids, synced };
}

describe("the BullMQ queue", () => {
  it("syncs every enqueued order once through a worker", async () => {
    const { domain, ids, synced } = await world("bull-drain.myshopify.com", 20);
    const worker = startBullmqWorker({ retry: fastRetry, control: false });
    await enqueueSync(ids, "WEBHOOK");
    expect(await until(async () => (await synced()) === 20, 30_000)).toBe(true);
    await worker.stop();
    const orders = await standin.control.listOrders(domain);
    expect(new Set(orders.map((order) => order.sourceIdentifier)).size).toBe(20);
    expect(orders).toHaveLength(20);
  });

  it("creates one Shopify order when the same order is queued many times over two workers", async () => {
    const { domain, ids, synced } = await world("bull-duplicates.myshopify.com", 1);
    const [id = ""] = ids;
    await enqueueSync(ids, "WEBHOOK");
    const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
    const jobs = Array.from({ length: 8 }, (_, i) => ({
      name: "sync",
      data: { orderId: id, shopId: row.shopId },
      opts: { jobId: `${id}-copy${i}`, removeOnComplete: true, removeOnFail: true },
    }));
    await bullQueues().sync.addBulk(jobs);
    const workers = [0, 1].map(() => startBullmqWorker({ retry: fastRetry, control: false, concurrency: 4 }));
    expect(await until(async () => (await synced()) === 1, 20_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(workers.map((worker) => worker.stop()));
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });

  it("queues again an order whose job was lost", async () => {
    const { domain, ids, synced } = await world("bull-lost.myshopify.com", 3);
    // Due in the database, and no job on Redis: the enqueue's process died between the two.
    await prisma.tikTokOrder.updateMany({
      where: { id: { in: ids } },
      data: { nextAttemptAt: new Date(Date.now() - 60_000), queuedTrigger: "WEBHOOK" },
    });
    expect(await sweep()).toEqual({ released: 0, queued: 3 });
    // A second sweep finds their jobs queued and adds nothing.
    expect(await sweep()).toEqual({ released: 0, queued: 0 });
    const worker = startBullmqWorker({ retry: fastRetry, control: false });
    expect(await until(async () => (await synced()) === 3, 20_000)).toBe(true);
    await worker.stop();
    expect(await standin.control.listOrders(domain)).toHaveLength(3);
  });

  it("syncs an order again when TikTok cancelled it while its create was in flight", async () => {
    const { domain, shop } = await world("bull-changed.myshopify.com", 0);
    const order = buildTikTokOrder({ create_time: placed() });
    const id = await receiveOrder(shop.id, order);
    // Each Shopify request takes a while, so the cancellation lands during the create.
    await standin.control.setFaults(domain, { latencyMs: 800 });
    const worker = startBullmqWorker({ retry: fastRetry, control: false });
    await enqueueSync([id], "WEBHOOK");
    const syncing = async () =>
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).syncStatus === "SYNCING";
    expect(await until(syncing, 20_000)).toBe(true);

    const cancelled = { ...order, status: "CANCELLED" as const, update_time: order.update_time + 60 };
    await receiveOrder(shop.id, cancelled);
    await enqueueSync([id], "WEBHOOK");
    const cancelledInShopify = async () =>
      (await standin.control.listOrders(domain)).some((created) => created.cancelledAt !== null);
    const cancelledThere = await until(cancelledInShopify, 20_000, 100);
    await worker.stop();

    expect(cancelledThere).toBe(true);
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });

  it("makes a dead worker's orders due again, each under a new job", async () => {
    const { ids, shop } = await world("bull-dead.myshopify.com", 2);
    const [outcomeWritten = "", jobLost = ""] = ids;
    const now = Date.now();
    const lease = { leaseHolder: `${HOLDER_PREFIX}dead`, leaseExpiresAt: new Date(now + 300_000) };
    // One died after writing an outcome that cleared the due time; the other's job died with it (and
    // stays on Redis until BullMQ finds it stalled).
    await prisma.tikTokOrder.update({
      where: { id: outcomeWritten },
      data: { ...lease, syncStatus: "BLOCKED", nextAttemptAt: null },
    });
    const dueAt = new Date(now - 60_000);
    await prisma.tikTokOrder.update({
      where: { id: jobLost },
      data: { ...lease, nextAttemptAt: dueAt, queuedTrigger: "WEBHOOK" },
    });
    await addSyncJobs([{ id: jobLost, shopId: shop.id, nextAttemptAt: dueAt }]);
    expect(await sweep(new Date(now))).toEqual({ released: 0, queued: 0 });

    // Silent for long enough: taken for dead.
    const confirmed = new Date(now + CONFIRM_DEAD_MS);
    expect(await sweep(confirmed)).toEqual({ released: 2, queued: 0 });
    const rows = await prisma.tikTokOrder.findMany({ where: { id: { in: ids } } });
    for (const row of rows) expect(row).toMatchObject({ leaseHolder: null, nextAttemptAt: confirmed });
    expect(await sweep(new Date(confirmed.getTime() + 6_000))).toEqual({ released: 0, queued: 2 });
  });

  it("shares a store's Shopify points between processes", async () => {
    const one = new RedisBucket(sharedRedis(), prefix, "shared-bucket.myshopify.com");
    const other = new RedisBucket(sharedRedis(), prefix, "shared-bucket.myshopify.com");
    const first = await one.reserve(1000, 1000);
    const second = await other.reserve(1000, 1000);
    expect([first.waitMs, second.waitMs]).toEqual([0, 0]);
    // The bucket (2000 points, 100 a second) is empty: the next request waits for what it asks.
    const third = await one.reserve(100, 10);
    expect(third.waitMs).toBeGreaterThan(800);
    expect(third.waitMs).toBeLessThanOrEqual(1000);
    // Shopify's figures replace the estimate, less what is still in flight elsewhere.
    await first.settle({ maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100 });
    expect(await other.msUntil(400)).toBe(0);
    await second.settle();
    await third.settle();
  });
});

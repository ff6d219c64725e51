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
const { enqueueSync } = await import("../queue.server");
const { createBullmqProvider } = await import("./provider.server");
const { startBullmqWorker } = await import("./worker.server");
const { bullQueues } = await import("./queues.server");
const { sweep } = await import("./sweeper.server");
const { sharedRedis } = await import("./redis.server");
const { RedisBucket } = await import("~/shopify/redis-bucket.server");

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

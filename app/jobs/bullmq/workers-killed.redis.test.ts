import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../../tools/shopify-standin";
import { buildTikTokOrder, buildUnits, DEFAULT_SKU_ID } from "../../../test/factories/tiktok-order";
import {
  dropRedisPrefix,
  redisPrefixForFile,
  spawnWorker,
  startRedisServer,
} from "../../../test/redis-world";
import { freePort } from "../../../test/free-port";
import { until } from "../../../test/until";
import { receiveOrder, seedWorld } from "../../../test/sync-world";

// Worker processes share the database, so this needs PostgreSQL (TEST_DATABASE_URL); it runs its own
// redis-server, so that Redis can be restarted mid-run without touching anyone else's.
if (!process.env.TEST_DATABASE_URL) throw new Error("The worker processes need TEST_DATABASE_URL.");

const port = await freePort();
const redisUrl = `redis://127.0.0.1:${port}`;
let redis: ChildProcess | undefined;
async function startRedis() {
  redis = await startRedisServer(port);
}
await startRedis();
const prefix = redisPrefixForFile(redisUrl);
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma } = await import("~/db.server");
const { enqueueSync } = await import("~/models/order-queue.server");
const { createBullmqProvider } = await import("./provider.server");
const provider = createBullmqProvider();

const workers = new Set<ChildProcess>();
function startWorker() {
  const child = spawnWorker({ url: redisUrl, prefix });
  workers.add(child);
  child.once("exit", () => workers.delete(child));
  return child;
}

afterAll(async () => {
  for (const child of workers) child.kill("SIGKILL");
  await provider.close();
  await standin.close();
  await dropRedisPrefix(redisUrl, prefix);
  redis?.kill("SIGKILL");
});

const SHOPS = 4;
const PER_SHOP = 300;

describe("worker processes killed mid-create", () => {
  it(
    "end with every order created once in Shopify, through dropped answers, 5xx bursts and a Redis restart",
    { timeout: 170_000 },
    async () => {
      const placed = Math.floor(Date.now() / 1000) - 7200;
      const stores: { shopId: string; domain: string; ids: string[] }[] = [];
      for (let s = 0; s < SHOPS; s++) {
        // One store throttles hard: a small bucket shared by all the workers.
        const bucket = s === 0 ? { maximumAvailable: 200, restoreRate: 100 } : undefined;
        const { shop, domain } = await seedWorld(standin, {
          domain: `killed-${s}.myshopify.com`,
          skus: [{ skuId: DEFAULT_SKU_ID, inventory: 100_000 }],
          ...(bucket ? { bucket } : {}),
        });
        const ids: string[] = [];
        for (let i = 0; i < PER_SHOP; i++) {
          const order = buildTikTokOrder({ create_time: placed, line_items: buildUnits(1 + (i % 3)) });
          ids.push(await receiveOrder(shop.id, order));
        }
        stores.push({ shopId: shop.id, domain, ids });
      }
      for (let i = 0; i < 3; i++) startWorker();
      for (const store of stores) await enqueueSync(store.ids, "WEBHOOK");

      // Faults come and go per store; a worker is killed every second and a half, and replaced.
      let round = 0;
      const chaos = setInterval(() => {
        round += 1;
        const store = stores[round % SHOPS];
        if (store) {
          const faults =
            round % 2 === 0
              ? { dropAfterCreate: true, count: 6 }
              : { errorRate: 0.5, count: 20, errorStatuses: [500, 502, 503] };
          void standin.control.setFaults(store.domain, faults).catch(() => undefined);
        }
        const [victim] = workers;
        victim?.kill("SIGKILL");
        startWorker();
      }, 1_500);
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      // Redis goes away without its data (every job is lost) and comes back.
      redis?.kill("SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await startRedis();
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      clearInterval(chaos);
      for (const store of stores) await standin.control.setFaults(store.domain, null);

      const total = SHOPS * PER_SHOP;
      const final = () =>
        prisma.tikTokOrder.count({
          where: { syncStatus: { in: ["SYNCED", "FAILED", "BLOCKED"] }, nextAttemptAt: null },
        });
      await until(async () => (await final()) === total, 120_000, 500);
      for (const child of workers) child.kill("SIGTERM");

      expect(await final()).toBe(total);
      // Counted in Shopify's own store, not in the app's tables.
      for (const store of stores) {
        const orders = await standin.control.listOrders(store.domain);
        const created = new Set(orders.map((order) => order.sourceIdentifier));
        expect(orders.length - created.size, `duplicates in ${store.domain}`).toBe(0);
        const tiktokIds = await prisma.tikTokOrder.findMany({
          where: { shopId: store.shopId },
          select: { tiktokOrderId: true },
        });
        const lost = tiktokIds.filter((row) => !created.has(row.tiktokOrderId));
        expect(lost, `lost in ${store.domain}`).toEqual([]);
      }
    },
  );
});

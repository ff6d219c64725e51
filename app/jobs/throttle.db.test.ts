import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { startEmbeddedWorker } = await import("./embedded-worker.server");
const { enqueueSync } = await import("~/models/order-queue.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

describe("a flash sale against Shopify's rate limit", () => {
  it(
    "syncs a burst of 500 orders through a 1000-point bucket without one failure",
    { timeout: 180_000 },
    async () => {
      const bucket = { maximumAvailable: 1000, restoreRate: 100 };
      const { shop, domain } = await seedWorld(standin, {
        domain: "flash-sale.myshopify.com",
        skus: [{ skuId: DEFAULT_SKU_ID, inventory: 100_000 }],
        bucket,
      });
      const placed = Math.floor(Date.now() / 1000) - 7200;
      const ids: string[] = [];
      for (let i = 0; i < 500; i++)
        ids.push(await receiveOrder(shop.id, buildTikTokOrder({ create_time: placed })));

      const outcomes: string[] = [];
      const worker = startEmbeddedWorker({
        concurrency: 16,
        perShop: 16,
        pollMs: 50,
        onOutcome: (_, o) => outcomes.push(o.status),
      });
      await enqueueSync(ids, "WEBHOOK");
      const deadline = Date.now() + 170_000;
      while (Date.now() < deadline) {
        const open = await prisma.tikTokOrder.count({
          where: { shopId: shop.id, NOT: { syncStatus: "SYNCED" } },
        });
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await worker.stop();

      expect(outcomes.filter((status) => status !== "synced")).toEqual([]);
      expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id, syncStatus: "SYNCED" } })).toBe(500);
      expect(
        await prisma.syncAttempt.count({ where: { order: { shopId: shop.id }, outcome: { not: "SYNCED" } } }),
      ).toBe(0);
      const orders = await standin.control.listOrders(domain);
      expect(new Set(orders.map((order) => order.sourceIdentifier)).size).toBe(500);
      expect(orders).toHaveLength(500);
      const throttled = (await standin.control.listRequests(domain)).filter(
        (r) => r.outcome === "throttled",
      ).length;
      // Waiting for points instead of firing blind: Shopify's THROTTLED is the exception, not the pacing.
      expect(throttled).toBeLessThan(50);
    },
  );
});

import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { ensureShop } from "~/models/shop.server";
import { upsertTikTokOrder } from "../../test/factories/stored-order";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { claimDueOrders } from "~/models/sync-run.server";
import { enqueueSync, requeueBlocked } from "~/models/order-queue.server";

describe("re-queueing blocked orders", () => {
  it("re-queues only the orders with a line of the linked SKU", async () => {
    const shop = await ensureShop("requeue-sku.myshopify.com");
    const blocked = async (skuId: string) => {
      const order = buildTikTokOrder({ line_items: [buildLineItem({ sku_id: skuId })] });
      const { id } = await upsertTikTokOrder(shop.id, order);
      await prisma.tikTokOrder.update({
        where: { id },
        data: { syncStatus: "BLOCKED", reasonCode: "PRODUCT_NOT_LINKED" },
      });
      return id;
    };
    const linked = await blocked("sku-linked");
    await blocked("sku-other");
    expect(await requeueBlocked(shop.id, ["PRODUCT_NOT_LINKED"], { skuIds: ["sku-linked"] })).toBe(1);
    const due = await prisma.tikTokOrder.findMany({ where: { nextAttemptAt: { not: null } } });
    expect(due.map((row) => row.id)).toEqual([linked]);
    expect(await requeueBlocked(shop.id, ["PRODUCT_NOT_LINKED"])).toBe(2);
  });
});

describe("claiming due orders", () => {
  async function dueOrders(domain: string, count: number) {
    const shop = await ensureShop(domain);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await upsertTikTokOrder(shop.id, buildTikTokOrder())).id);
    await enqueueSync(ids, "WEBHOOK", new Date(Date.now() - 1000));
    return { shopId: shop.id, ids };
  }

  it("claims each due order once, however many workers claim at the same time", async () => {
    const { shopId, ids } = await dueOrders("claim-race.myshopify.com", 30);
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((holder) =>
        claimDueOrders({ holder, leaseMs: 60_000, limit: 10, perShop: 30, running: new Map() }),
      ),
    );
    const claimed = claims
      .flat()
      .filter((row) => row.shopId === shopId)
      .map((row) => row.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    // What no one claimed is still due, and claimed orders are not due again while their lease lasts.
    const rest = await claimDueOrders({
      holder: "e",
      leaseMs: 60_000,
      limit: 100,
      perShop: 30,
      running: new Map(),
    });
    const unclaimed = rest.filter((row) => row.shopId === shopId).map((row) => row.id);
    expect(claimed.length).toBeGreaterThan(0);
    expect([...claimed, ...unclaimed].sort()).toEqual([...ids].sort());
  });

  it("keeps to the per-store limit, counting what the worker already runs", async () => {
    const busy = await dueOrders("claim-busy.myshopify.com", 10);
    const quiet = await dueOrders("claim-quiet.myshopify.com", 2);
    const claimed = await claimDueOrders({
      holder: "w",
      leaseMs: 60_000,
      limit: 10,
      perShop: 4,
      running: new Map([[busy.shopId, 3]]),
    });
    const of = (shopId: string) => claimed.filter((row) => row.shopId === shopId).length;
    expect(of(busy.shopId)).toBe(1);
    expect(of(quiet.shopId)).toBe(2);
    // A claimed row carries what its sync reads: its store.
    expect(claimed.every((row) => row.shop.id === row.shopId)).toBe(true);
  });

  it("finds a quiet store's newer order behind a busy store's backlog that has no room", async () => {
    // What the tests before left due is claimed out of the way first.
    await claimDueOrders({ holder: "z", leaseMs: 60_000, limit: 1000, perShop: 1000, running: new Map() });
    const busy = await dueOrders("claim-backlog.myshopify.com", 20);
    const quiet = await dueOrders("claim-behind.myshopify.com", 1);
    const claimed = await claimDueOrders({
      holder: "x",
      leaseMs: 60_000,
      limit: 2,
      perShop: 4,
      running: new Map([[busy.shopId, 4]]),
    });
    // The quiet store's order, though twenty of the busy store's are older.
    expect(claimed.map((row) => row.id)).toEqual(quiet.ids);
  });
});

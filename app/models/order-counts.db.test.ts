import type { SyncStatus } from "@prisma/client";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { countOrdersByStatus } from "./order-counts.server";
import { upsertTikTokOrder } from "../../test/factories/stored-order";
import { upsertTikTokOrders } from "./tiktok-order.server";

/** What the counts must always equal: the store's orders, counted. */
async function counted(shopId: string): Promise<Record<SyncStatus, number>> {
  const groups = await prisma.tikTokOrder.groupBy({
    by: ["syncStatus"],
    where: { shopId },
    _count: { _all: true },
  });
  const counts: Record<SyncStatus, number> = { PENDING: 0, SYNCING: 0, SYNCED: 0, BLOCKED: 0, FAILED: 0 };
  for (const group of groups) counts[group.syncStatus] = group._count._all;
  return counts;
}

const storeWithOrders = async (domain: string, orders: number) => {
  const shop = await prisma.shop.create({ data: { domain } });
  const placed = Array.from({ length: orders }, (_, i) =>
    buildTikTokOrder({ create_time: 1_800_000_000 + i }),
  );
  await upsertTikTokOrders(shop.id, placed);
  return { shop, placed };
};

describe("the order counts per status", () => {
  it("count every order a store receives, one at a time or in a batch", async () => {
    const { shop, placed } = await storeWithOrders("counts-insert.myshopify.com", 5);
    await upsertTikTokOrder(shop.id, buildTikTokOrder());
    // A batch that updates two stored orders and adds one: only the new one is counted.
    await upsertTikTokOrders(shop.id, [
      ...placed.slice(0, 2).map((order) => ({ ...order, update_time: order.update_time + 60 })),
      buildTikTokOrder(),
    ]);

    const counts = await countOrdersByStatus(shop.id);
    expect(counts).toEqual(await counted(shop.id));
    expect(counts.PENDING).toBe(7);
  });

  it("move an order from one status to the next as the sync changes it", async () => {
    const { shop, placed } = await storeWithOrders("counts-update.myshopify.com", 6);
    const ids = placed.map((order) => order.id);
    const move = (tiktokOrderIds: string[], syncStatus: SyncStatus) =>
      prisma.tikTokOrder.updateMany({
        where: { shopId: shop.id, tiktokOrderId: { in: tiktokOrderIds } },
        data: { syncStatus },
      });

    await move(ids.slice(0, 4), "SYNCING");
    await move(ids.slice(0, 2), "SYNCED");
    await move(ids.slice(2, 3), "BLOCKED");
    await move(ids.slice(3, 4), "FAILED");
    // An update that changes no status leaves the counts alone.
    await prisma.tikTokOrder.updateMany({ where: { shopId: shop.id }, data: { attemptCount: 1 } });

    expect(await countOrdersByStatus(shop.id)).toEqual({
      PENDING: 2,
      SYNCING: 0,
      SYNCED: 2,
      BLOCKED: 1,
      FAILED: 1,
    });
    expect(await countOrdersByStatus(shop.id)).toEqual(await counted(shop.id));
  });

  it("keep each store's counts apart, and drop a store's counts with the store", async () => {
    const a = await storeWithOrders("counts-a.myshopify.com", 3);
    const b = await storeWithOrders("counts-b.myshopify.com", 2);
    await prisma.tikTokOrder.updateMany({
      where: { shopId: { in: [a.shop.id, b.shop.id] } },
      data: { syncStatus: "BLOCKED" },
    });
    await prisma.tikTokOrder.deleteMany({ where: { shopId: a.shop.id, tiktokOrderId: a.placed[0]?.id } });

    expect(await countOrdersByStatus(a.shop.id)).toEqual(await counted(a.shop.id));
    expect((await countOrdersByStatus(a.shop.id)).BLOCKED).toBe(2);
    expect((await countOrdersByStatus(b.shop.id)).BLOCKED).toBe(2);

    await prisma.shop.delete({ where: { id: a.shop.id } });
    expect(await prisma.tikTokOrderCount.count({ where: { shopId: a.shop.id } })).toBe(0);
    expect((await countOrdersByStatus(b.shop.id)).BLOCKED).toBe(2);
  });

  it("stay equal to counting the orders through any mix of changes", async () => {
    const { shop } = await storeWithOrders("counts-mix.myshopify.com", 40);
    const statuses = ["PENDING", "SYNCING", "SYNCED", "BLOCKED", "FAILED"] as const;
    const status = (n: number): SyncStatus => statuses[n % statuses.length] ?? "PENDING";
    const rows = await prisma.tikTokOrder.findMany({ where: { shopId: shop.id }, select: { id: true } });
    for (let round = 0; round < 12; round += 1) {
      // Each round, one statement moves a third of the orders (whatever their status) to one status, and
      // another moves a few of the rest to another.
      const third = rows.filter((_, i) => (i + round) % 3 === 0).map((row) => row.id);
      const few = rows.filter((_, i) => (i + round) % 3 !== 0 && i % 7 === round % 7).map((row) => row.id);
      await prisma.tikTokOrder.updateMany({
        where: { id: { in: third } },
        data: { syncStatus: status(round) },
      });
      await prisma.tikTokOrder.updateMany({
        where: { id: { in: few } },
        data: { syncStatus: status(round + 2) },
      });
      expect(await countOrdersByStatus(shop.id)).toEqual(await counted(shop.id));
    }
  });
});

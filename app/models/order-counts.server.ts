import type { SyncStatus } from "@prisma/client";
import prisma from "~/db.server";

/** How many of a store's orders are in one sync status with one reason (null: none). */
export type OrderCount = { syncStatus: SyncStatus; reasonCode: string | null; count: number };

/**
 * How many of a store's orders are in each sync status, per reason. Read from TikTokOrderCount, which a
 * trigger keeps exact with every write to TikTokOrder: a few dozen rows, however many orders the store has.
 */
export async function countOrders(shopId: string): Promise<OrderCount[]> {
  const rows = await prisma.tikTokOrderCount.findMany({ where: { shopId, count: { not: 0 } } });
  return rows.map((row) => ({
    syncStatus: row.syncStatus,
    reasonCode: row.reasonCode === "" ? null : row.reasonCode,
    count: row.count,
  }));
}

/** How many of a store's orders are in each sync status, whatever their reason. */
export async function countOrdersByStatus(shopId: string): Promise<Record<SyncStatus, number>> {
  return sumByStatus(await countOrders(shopId));
}

export function sumByStatus(rows: readonly Omit<OrderCount, "reasonCode">[]): Record<SyncStatus, number> {
  const counts: Record<SyncStatus, number> = { PENDING: 0, SYNCING: 0, SYNCED: 0, BLOCKED: 0, FAILED: 0 };
  for (const row of rows) counts[row.syncStatus] += row.count;
  return counts;
}

/**
 * How many of a store's orders placed in [from, to) are in each sync status: a day's orders, read from the
 * index in the list's order.
 */
export async function countOrdersPlaced(
  shopId: string,
  placed: { from: Date; to: Date },
): Promise<Record<SyncStatus, number>> {
  const groups = await prisma.tikTokOrder.groupBy({
    by: ["syncStatus"],
    where: { shopId, createTime: { gte: placed.from, lt: placed.to } },
    _count: { _all: true },
  });
  return sumByStatus(groups.map((group) => ({ syncStatus: group.syncStatus, count: group._count._all })));
}

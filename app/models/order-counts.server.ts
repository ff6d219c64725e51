import type { SyncStatus } from "@prisma/client";
import prisma from "~/db.server";

/**
 * How many of a store's orders are in each sync status. Read from TikTokOrderCount, which a trigger keeps
 * exact with every write to TikTokOrder: five rows, however many orders the store has.
 */
export async function countOrdersByStatus(shopId: string): Promise<Record<SyncStatus, number>> {
  const rows = await prisma.tikTokOrderCount.findMany({ where: { shopId } });
  const counts: Record<SyncStatus, number> = { PENDING: 0, SYNCING: 0, SYNCED: 0, BLOCKED: 0, FAILED: 0 };
  for (const row of rows) counts[row.syncStatus] = row.count;
  return counts;
}

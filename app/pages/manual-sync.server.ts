import { z } from "zod";
import prisma from "~/db.server";
import { enqueueSync } from "~/models/order-queue.server";
import { syncOrder, type SyncOutcome } from "~/sync/sync-order.server";
import { getTikTokOrder } from "../models/tiktok-order.server";
import { TIKTOK_ORDER_ID } from "./orders.server";

/** The Sync button and "Sync selected": the merchant's own orders only, by TikTok order id. */
export const tiktokOrderIdSchema = z.string().regex(TIKTOK_ORDER_ID, "Not a TikTok order id.");

// One page of orders at most: the selection never spans pages.
export const MAX_BULK = 250;
export const bulkSyncSchema = z.object({ ids: z.array(tiktokOrderIdSchema).min(1).max(MAX_BULK) });

/** Sync now, in this request. "missing" when the store has no such order. */
export async function syncOrderNow(shopDomain: string, tiktokOrderId: string): Promise<SyncOutcome> {
  const row = await getTikTokOrder(shopDomain, tiktokOrderId);
  if (!row) return { status: "missing" };
  return syncOrder(row.id, { trigger: "manual" });
}

export type BulkQueued = { queued: string[]; alreadySynced: number; notFound: number };

/**
 * Queues the selected orders of this store for a manual sync; the worker runs them. Ids of other stores'
 * orders are not found, and synced orders have nothing left to do.
 */
export async function queueBulkSync(
  shopDomain: string,
  tiktokOrderIds: readonly string[],
): Promise<BulkQueued> {
  const wanted = [...new Set(tiktokOrderIds)];
  const rows = await prisma.tikTokOrder.findMany({
    where: { shop: { domain: shopDomain }, tiktokOrderId: { in: wanted } },
    select: { id: true, tiktokOrderId: true, syncStatus: true },
  });
  const toSync = rows.filter((row) => row.syncStatus !== "SYNCED");
  await enqueueSync(
    toSync.map((row) => row.id),
    "MANUAL",
  );
  return {
    queued: toSync.map((row) => row.tiktokOrderId),
    alreadySynced: rows.length - toSync.length,
    notFound: wanted.length - rows.length,
  };
}

export type BulkProgress = {
  /** Still queued for the manual sync, or being synced right now. */
  running: number;
  synced: number;
  blocked: number;
  failed: number;
  /** Awaiting payment, or a transient failure that is retried on its own. */
  pending: number;
  done: boolean;
};

/** Where the queued orders stand: done once the worker has run every one of them. */
export async function bulkSyncProgress(
  shopDomain: string,
  tiktokOrderIds: readonly string[],
  now = new Date(),
): Promise<BulkProgress> {
  const rows = await prisma.tikTokOrder.findMany({
    where: { shop: { domain: shopDomain }, tiktokOrderId: { in: [...tiktokOrderIds] } },
    select: { syncStatus: true, nextAttemptAt: true, queuedTrigger: true, leaseExpiresAt: true },
  });
  const progress = { running: 0, synced: 0, blocked: 0, failed: 0, pending: 0 };
  for (const row of rows) {
    const queued = row.nextAttemptAt !== null && row.queuedTrigger === "MANUAL";
    const leased = row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
    if (queued || leased) progress.running++;
    else if (row.syncStatus === "SYNCED") progress.synced++;
    else if (row.syncStatus === "BLOCKED") progress.blocked++;
    else if (row.syncStatus === "FAILED") progress.failed++;
    else progress.pending++;
  }
  return { ...progress, done: progress.running === 0 };
}

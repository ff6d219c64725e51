import { data } from "@remix-run/node";
import { z } from "zod";
import { findOrderStates } from "~/models/order-list.server";
import { enqueueSync } from "~/models/order-queue.server";
import { syncOrder } from "~/sync/sync-order.server";
import type { SyncOutcome } from "~/sync/types";
import { getTikTokOrder } from "~/models/tiktok-order.server";
import { TIKTOK_ID } from "~/tiktok/ids";

/** The Sync button and "Sync selected": the merchant's own orders only, by TikTok order id. */
export const tiktokOrderIdSchema = z.string().regex(TIKTOK_ID, "Not a TikTok order id.");

// One page of orders at most: the selection never spans pages.
export const MAX_BULK = 250;
export const bulkSyncSchema = z.object({ ids: z.array(tiktokOrderIdSchema).min(1).max(MAX_BULK) });

/**
 * The Sync button's request (the order page's action, for a row of the list too): syncs the store's order
 * now and answers its outcome; a malformed or another store's id is a 400 or 404 with a sentence.
 */
export async function syncButtonAction(shopDomain: string, rawId: string | undefined) {
  const id = tiktokOrderIdSchema.safeParse(rawId);
  if (!id.success) return data({ error: "Not a TikTok order id." }, { status: 400 });
  const outcome = await syncOrderNow(shopDomain, id.data);
  if (outcome.status === "missing")
    return data({ error: "This order doesn't exist in your store." }, { status: 404 });
  return { outcome };
}

/** Sync now, in this request. "missing" when the store has no such order. */
export async function syncOrderNow(shopDomain: string, tiktokOrderId: string): Promise<SyncOutcome> {
  const row = await getTikTokOrder(shopDomain, tiktokOrderId);
  if (!row) return { status: "missing" };
  return syncOrder(row.id, { trigger: "manual" });
}

/** "Sync selected": queues the selected orders; anything but 1 to MAX_BULK TikTok order ids is a 400. */
export async function bulkSyncAction(shopDomain: string, body: unknown) {
  const input = bulkSyncSchema.safeParse(body);
  if (!input.success)
    return data({ error: `Select between 1 and ${MAX_BULK} orders to sync.` }, { status: 400 });
  return queueBulkSync(shopDomain, input.data.ids);
}

const progressQuery = z
  .string()
  .transform((ids) => ids.split(","))
  .pipe(z.array(tiktokOrderIdSchema).min(1).max(MAX_BULK));

/** Where a "Sync selected" run stands, for its ids (`ids=…`, comma-separated); malformed ids are a 400. */
export async function bulkSyncProgressLoader(shopDomain: string, ids: string | null) {
  const parsed = progressQuery.safeParse(ids ?? "");
  if (!parsed.success) throw data({ error: "Give the TikTok order ids as ids=…" }, { status: 400 });
  return bulkSyncProgress(shopDomain, parsed.data);
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
  const rows = await findOrderStates(shopDomain, wanted);
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
  const rows = await findOrderStates(shopDomain, tiktokOrderIds);
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

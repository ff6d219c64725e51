import { data } from "@remix-run/node";
import { z } from "zod";
import { enqueueSync } from "~/models/order-queue.server";
import { findOrderAfterSync, findSyncStates } from "~/models/sync-states.server";
import { getTikTokOrder } from "~/models/tiktok-order.server";
import { NO_ADDRESS } from "~/sync/address-digest";
import { plainFailure } from "~/sync/failures";
import { isForcedReason, isReasonCode, type ForcedReasonCode, type ReasonCode } from "~/sync/reasons";
import { syncOrder } from "~/sync/sync-order.server";
import type { SyncOutcome } from "~/sync/types";
import { readCreated } from "./order-views";
import { TIKTOK_ID } from "~/tiktok/ids";
import { tiktokOrderSchema } from "~/tiktok/types";
import type { RowReading } from "./order-views";

/** The Sync button and "Sync selected": the merchant's own orders only, by TikTok order id. */
export const tiktokOrderIdSchema = z.string().regex(TIKTOK_ID, "Not a TikTok order id.");

// One page of orders at most: the selection never spans pages.
export const MAX_BULK = 250;
export const bulkSyncSchema = z.object({
  ids: z.array(tiktokOrderIdSchema).min(1).max(MAX_BULK),
  /** The merchant has confirmed what Sync forces (a cancelled order created and cancelled, …). */
  confirmed: z.boolean().optional(),
});

/**
 * The Sync button's request (the order page's action, for a row of the list too): syncs the store's order
 * now and answers its outcome, with what followed; a malformed or another store's id is a 400 or 404 with a
 * sentence.
 */
export async function syncButtonAction(shopDomain: string, rawId: string | undefined) {
  const id = tiktokOrderIdSchema.safeParse(rawId);
  if (!id.success) return data({ error: "Not a TikTok order id." }, { status: 400 });
  const outcome = await syncOrderNow(shopDomain, id.data);
  if (outcome.status === "missing")
    return data({ error: "This order doesn't exist in your store." }, { status: 404 });
  return { outcome, ...(await whatFollowed(shopDomain, id.data, outcome)) };
}

/** What the merchant is told besides the outcome: a failure in plain words, what a create came to. */
export type SyncFollowUp = { failure: string | null; created: RowReading["created"] };

async function whatFollowed(shopDomain: string, id: string, outcome: SyncOutcome): Promise<SyncFollowUp> {
  if (outcome.status !== "failed" && outcome.status !== "synced") return { failure: null, created: null };
  const row = await findOrderAfterSync(shopDomain, id);
  const parsed = tiktokOrderSchema.safeParse(row?.raw);
  const order = parsed.success ? parsed.data : null;
  if (outcome.status === "failed")
    return { failure: plainFailure(outcome.code, outcome.message, order), created: null };
  if (!row) return { failure: null, created: null };
  return { failure: null, created: readCreated(row, order, row.shop.inventoryBehaviour !== "BYPASS") };
}

/** Sync now, in this request. "missing" when the store has no such order. */
export async function syncOrderNow(shopDomain: string, tiktokOrderId: string): Promise<SyncOutcome> {
  const row = await getTikTokOrder(shopDomain, tiktokOrderId);
  if (!row) return { status: "missing" };
  return syncOrder(row.id, { trigger: "manual" });
}

/**
 * "Sync selected": queues the selected orders; anything but 1 to MAX_BULK TikTok order ids is a 400. When
 * Sync would force some of them (cancelled, on hold), nothing is queued until the merchant confirms.
 */
export async function bulkSyncAction(shopDomain: string, body: unknown) {
  const input = bulkSyncSchema.safeParse(body);
  if (!input.success)
    return data({ error: `Select between 1 and ${MAX_BULK} orders to sync.` }, { status: 400 });
  if (!input.data.confirmed) {
    const confirm = await forcedAmong(shopDomain, input.data.ids);
    if (confirm) return { confirm };
  }
  return queueBulkSync(shopDomain, input.data.ids);
}

export type BulkConfirm = { selected: number; forced: { reason: ForcedReasonCode; count: number }[] };

/** How many of the selected orders Sync would force, by reason; null when it forces none. */
async function forcedAmong(shopDomain: string, ids: readonly string[]): Promise<BulkConfirm | null> {
  const rows = (await findSyncStates(shopDomain, [...new Set(ids)])).filter(
    (row) => row.syncStatus !== "SYNCED",
  );
  const forced = countBy(rows.filter((row) => row.syncStatus === "BLOCKED").map((row) => row.reasonCode));
  const counts = [...forced].flatMap(([reason, count]) =>
    isForcedReason(reason) ? [{ reason, count }] : [],
  );
  return counts.length > 0 ? { selected: rows.length, forced: counts } : null;
}

/** How many times each reason code occurs, most frequent first. */
function countBy(codes: readonly (string | null)[]): Map<ReasonCode, number> {
  const counts = new Map<ReasonCode, number>();
  for (const code of codes) if (code && isReasonCode(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return new Map([...counts].sort(([, a], [, b]) => b - a));
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
  const rows = await findSyncStates(shopDomain, wanted);
  // In the order the merchant selected them (the database returns them in no particular order).
  const selected = new Map(wanted.map((id, index) => [id, index]));
  const toSync = rows
    .filter((row) => row.syncStatus !== "SYNCED")
    .sort((a, b) => (selected.get(a.tiktokOrderId) ?? 0) - (selected.get(b.tiktokOrderId) ?? 0));
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
  /** Why orders are still blocked or failed, most frequent first; left out while none is. */
  reasons?: { code: ReasonCode; count: number }[];
  /** Synced orders that were created and cancelled at once, or created without an address; left out if none. */
  forced?: { cancelled: number; withoutAddress: number };
};

/** Where the queued orders stand: done once the worker has run every one of them. */
export async function bulkSyncProgress(
  shopDomain: string,
  tiktokOrderIds: readonly string[],
  now = new Date(),
): Promise<BulkProgress> {
  const rows = await findSyncStates(shopDomain, tiktokOrderIds);
  const progress = { running: 0, synced: 0, blocked: 0, failed: 0, pending: 0 };
  const forced = { cancelled: 0, withoutAddress: 0 };
  const stopped: (string | null)[] = [];
  for (const row of rows) {
    const queued = row.nextAttemptAt !== null && row.queuedTrigger === "MANUAL";
    const leased = row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
    if (queued || leased) progress.running++;
    else if (row.syncStatus === "SYNCED") {
      progress.synced++;
      if (row.shopifyCancelledAt) forced.cancelled++;
      if (row.shopifyAddressHash === NO_ADDRESS) forced.withoutAddress++;
    } else if (row.syncStatus === "BLOCKED" || row.syncStatus === "FAILED") {
      progress[row.syncStatus === "BLOCKED" ? "blocked" : "failed"]++;
      stopped.push(row.reasonCode);
    } else progress.pending++;
  }
  const reasons = [...countBy(stopped)].map(([code, count]) => ({ code, count }));
  return {
    ...progress,
    done: progress.running === 0,
    ...(reasons.length > 0 ? { reasons } : {}),
    ...(forced.cancelled + forced.withoutAddress > 0 ? { forced } : {}),
  };
}

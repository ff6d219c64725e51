import { EventEmitter } from "node:events";
import type { SyncTrigger } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { utcDate } from "~/db/json-row.server";

/**
 * The sync queue is the order rows themselves: an order is due when its `nextAttemptAt` has come and no
 * worker holds its lease. Enqueueing is one UPDATE, so it survives a crash and a restart, and a worker
 * anywhere (the embedded one, or one on another machine on PostgreSQL) picks it up.
 */
const wakeups = new EventEmitter();

export type QueueTrigger = SyncTrigger;

export async function enqueueSync(orderIds: readonly string[], trigger: QueueTrigger, runAt = new Date()) {
  if (orderIds.length === 0) return 0;
  const { count } = await prisma.tikTokOrder.updateMany({
    where: { id: { in: [...orderIds] } },
    data: { nextAttemptAt: runAt, queuedTrigger: trigger },
  });
  if (runAt.getTime() <= Date.now()) wakeups.emit("due");
  wakeups.emit("queued", { orderIds, runAt } satisfies Queued);
  return count;
}

/**
 * Re-queues a store's orders blocked for one of `reasons`, after the merchant fixed the cause; with `skuIds`,
 * only the orders that have a line of one of those TikTok SKUs (a link fixes its own SKU's orders).
 */
export async function requeueBlocked(
  shopId: string,
  reasons: readonly string[],
  options: { skuIds?: readonly string[]; trigger?: QueueTrigger; tiktokShopId?: string } = {},
): Promise<number> {
  const withSku = options.skuIds?.map((skuId) => ({
    raw: { path: ["line_items"], array_contains: [{ sku_id: skuId }] },
  }));
  if (withSku && withSku.length === 0) return 0;
  const { count } = await prisma.tikTokOrder.updateMany({
    where: {
      shopId,
      syncStatus: "BLOCKED",
      reasonCode: { in: [...reasons] },
      ...(options.tiktokShopId ? { tiktokShopId: options.tiktokShopId } : {}),
      ...(withSku ? { OR: withSku } : {}),
    },
    data: { nextAttemptAt: new Date(), queuedTrigger: options.trigger ?? "REQUEUE" },
  });
  if (count > 0) announceRequeue();
  return count;
}

/**
 * Makes the store's orders that failed for one of `reasons` due again (in `currency`, when given): the
 * merchant fixed what they failed on, in Settings.
 */
export async function requeueFailed(
  shopId: string,
  reasons: readonly string[],
  options: { currency?: string } = {},
): Promise<number> {
  const { count } = await prisma.tikTokOrder.updateMany({
    where: {
      shopId,
      syncStatus: "FAILED",
      reasonCode: { in: [...reasons] },
      ...(options.currency ? { currency: options.currency } : {}),
    },
    data: { nextAttemptAt: new Date(), queuedTrigger: "REQUEUE" },
  });
  if (count > 0) announceRequeue();
  return count;
}

function announceRequeue() {
  wakeups.emit("due");
  wakeups.emit("queued", { runAt: new Date() } satisfies Queued);
}

/** Tells the workers that these orders were made due now by a statement of their own (a batch upsert). */
export function announceDue(orderIds: readonly string[]): void {
  wakeups.emit("due");
  wakeups.emit("queued", { orderIds, runAt: new Date() } satisfies Queued);
}

/** Orders made due; without `orderIds` when a statement did it by a condition (a re-queue, a batch upsert). */
export type Queued = { orderIds?: readonly string[]; runAt: Date };

/** Called by a shared queue's producer (BullMQ) to hand the orders this process queued to the workers. */
export function onQueued(listener: (queued: Queued) => void): () => void {
  wakeups.on("queued", listener);
  return () => wakeups.off("queued", listener);
}

/** Called by a worker in this process to hear about new work without waiting for its next poll. */
export function onDue(listener: () => void): () => void {
  wakeups.on("due", listener);
  return () => wakeups.off("due", listener);
}

export type DueState = { nextAttemptAt: Date | null; queuedTrigger: SyncTrigger | null };

/** When an order is due next and for what: a queue job's first read. */
export async function readDueState(orderId: string): Promise<DueState | null> {
  type Row = { nextAttemptAt: string | null; queuedTrigger: SyncTrigger | null };
  const [row] = await database.query<Row>(
    `SELECT to_jsonb("nextAttemptAt") AS "nextAttemptAt", "queuedTrigger"::text AS "queuedTrigger"
     FROM "TikTokOrder" WHERE "id" = $1`,
    [orderId],
  );
  if (!row) return null;
  return {
    nextAttemptAt: row.nextAttemptAt === null ? null : utcDate(row.nextAttemptAt),
    queuedTrigger: row.queuedTrigger,
  };
}

/** Takes every order of the store off the queue (the app was uninstalled: it can no longer reach the store). */
export async function unscheduleStore(shopDomain: string): Promise<void> {
  await prisma.tikTokOrder.updateMany({
    where: { shop: { domain: shopDomain }, nextAttemptAt: { not: null } },
    data: { nextAttemptAt: null, queuedTrigger: null },
  });
}

/** The orders among `orderIds` that are due, with when (a queue job is added for each). */
export type DueRow = { id: string; shopId: string; nextAttemptAt: Date };

export async function findDue(orderIds: readonly string[]): Promise<DueRow[]> {
  const rows = await prisma.tikTokOrder.findMany({
    where: { id: { in: [...orderIds] }, nextAttemptAt: { not: null } },
    select: { id: true, shopId: true, nextAttemptAt: true },
  });
  return rows.filter((row): row is DueRow => row.nextAttemptAt !== null);
}

/** The orders due since `dueBefore` that no live lease holds, oldest first: a sweep's look for lost jobs. */
export async function findDueUnheld(dueBefore: Date, now: Date, take: number): Promise<DueRow[]> {
  const rows = await prisma.tikTokOrder.findMany({
    where: {
      nextAttemptAt: { lte: dueBefore },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take,
    select: { id: true, shopId: true, nextAttemptAt: true },
  });
  return rows.filter((row): row is DueRow => row.nextAttemptAt !== null);
}

/** The holders, named with `prefix`, of leases that have not run out. */
export async function listLeaseHolders(prefix: string, now: Date): Promise<string[]> {
  const held = await prisma.tikTokOrder.findMany({
    where: { leaseHolder: { startsWith: prefix }, leaseExpiresAt: { gt: now } },
    distinct: ["leaseHolder"],
    select: { leaseHolder: true },
  });
  return held.map((row) => row.leaseHolder).filter((holder) => holder !== null);
}

/**
 * Ends every lease of a holder that died, and makes its orders due now. It may have died between writing an
 * outcome, decided on the order it claimed, and queuing the newer TikTok state that arrived meanwhile (the
 * outcome cleared its due time): each is synced once more. A due order's queue job died with the holder,
 * so a new due time (a new job) replaces one in the past. Answers how many leases were released.
 */
export async function releaseDeadHolder(holder: string, now: Date): Promise<number> {
  await prisma.tikTokOrder.updateMany({
    where: { leaseHolder: holder, nextAttemptAt: null },
    data: { nextAttemptAt: now, queuedTrigger: "REQUEUE" },
  });
  await prisma.tikTokOrder.updateMany({
    where: { leaseHolder: holder, nextAttemptAt: { lt: now } },
    data: { nextAttemptAt: now },
  });
  const { count } = await prisma.tikTokOrder.updateMany({
    where: { leaseHolder: holder },
    data: { leaseHolder: null, leaseExpiresAt: null },
  });
  return count;
}

/** An order a worker found busy (another holder, or its group's first order) is looked at again shortly. */
export async function postpone(orderId: string, ms: number): Promise<void> {
  await prisma.tikTokOrder.updateMany({
    where: { id: orderId, nextAttemptAt: { not: null } },
    data: { nextAttemptAt: new Date(Date.now() + ms) },
  });
}

import { Queue } from "bullmq";
import { bullConnection, prefix } from "~/lib/redis.server";
import { findDue, type DueRow } from "~/models/order-queue.server";
import { takeTurns } from "./fairness.server";

/**
 * The BullMQ queues. `order-sync` holds one job per due order, carrying its id (and its store, the key
 * for fair turns) only: the order row stays the truth. A job's id is the order id and the time it is due,
 * so the same enqueue from two processes collapses into one job. `order-sync-control` holds the sweeper,
 * the TikTok polls and housekeeping, so they never wait behind a flash sale.
 */
export const SYNC_QUEUE = "order-sync";
export const CONTROL_QUEUE = "order-sync-control";

export type SyncJobData = { orderId: string; shopId: string };
let queues: { sync: Queue<SyncJobData>; control: Queue } | undefined;

export function bullQueues() {
  queues ??= {
    sync: quiet(new Queue<SyncJobData>(SYNC_QUEUE, { connection: bullConnection(), prefix: prefix() })),
    control: quiet(new Queue(CONTROL_QUEUE, { connection: bullConnection(), prefix: prefix() })),
  };
  return queues;
}

/**
 * While Redis is unreachable a queue reports each failed reconnection as an "error" event; unheard, BullMQ
 * prints them as errors. The connection retries by itself, a failed add is reported where it happens, and
 * the sweeper queues what it missed, so one warning a minute is enough.
 */
function quiet<Q extends Queue>(queue: Q): Q {
  let warnedAt = 0;
  queue.on("error", (error: Error) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    console.warn(`Redis is unreachable for the ${queue.name} queue, retrying: ${error.message}`);
  });
  return queue;
}

export async function closeQueues(): Promise<void> {
  const open = queues;
  queues = undefined;
  if (open) await Promise.all([open.sync.close(), open.control.close()]);
}

export const syncJobId = (orderId: string, dueAt: Date) => `${orderId}-${dueAt.getTime()}`;

/** The Redis key of a job, to test that it exists without loading it. */
export const syncJobKey = (jobId: string) => `${prefix()}:${SYNC_QUEUE}:${jobId}`;

/** Adds a job for each row, delayed until it is due, in its store's fair turn. */
export async function addSyncJobs(rows: readonly DueRow[]): Promise<void> {
  const byShop = new Map<string, DueRow[]>();
  for (const row of rows) byShop.set(row.shopId, [...(byShop.get(row.shopId) ?? []), row]);
  const now = Date.now();
  const jobs = [];
  for (const [shopId, shopRows] of byShop) {
    const turns = await takeTurns(shopId, shopRows.length);
    for (const [i, row] of shopRows.entries()) {
      jobs.push({
        name: "sync",
        data: { orderId: row.id, shopId },
        opts: {
          jobId: syncJobId(row.id, row.nextAttemptAt),
          delay: Math.max(0, row.nextAttemptAt.getTime() - now),
          priority: turns[i] ?? 1,
          // Only for faults of the worker itself (the database unreachable): the sync retries its own.
          attempts: 5,
          backoff: { type: "exponential", delay: 1_000 },
          // Gone once done, so the sweeper can tell an order whose job was lost from one still queued.
          removeOnComplete: true,
          removeOnFail: true,
        },
      });
    }
  }
  for (let i = 0; i < jobs.length; i += 500) await bullQueues().sync.addBulk(jobs.slice(i, i + 500));
}

/** Adds jobs for orders by id, as their rows say (due ones only). */
export async function addSyncJobsFor(orderIds: readonly string[]): Promise<void> {
  await addSyncJobs(await findDue(orderIds));
}

/** Asks for a sweep soon: orders were made due by a statement that did not name them. */
export async function requestSweep(): Promise<void> {
  await bullQueues().control.add(
    "sweep",
    {},
    { deduplication: { id: "sweep", ttl: 1_000 }, removeOnComplete: true, removeOnFail: true },
  );
}

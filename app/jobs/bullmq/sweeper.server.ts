import { sharedRedis } from "~/lib/redis.server";
import { findDueUnheld, listLeaseHolders, releaseDeadHolder } from "~/models/order-queue.server";
import { deadHolders } from "./liveness.server";
import { addSyncJobs, syncJobId, syncJobKey } from "./queues.server";

/**
 * The safety net under the jobs: the order rows are the truth, so whatever a lost job left behind (Redis
 * restarted without its data, an enqueue whose job was never added, a worker killed mid-sync) is found
 * in the database and queued again.
 */
export const HOLDER_PREFIX = "bullmq-";
// An order due for less than this may still be getting its job from the process that queued it.
const GRACE_MS = 5_000;
const BATCH = 5_000;

export type SweepResult = { released: number; queued: number };

export async function sweep(now = new Date()): Promise<SweepResult> {
  const released = await releaseDeadLeases(now);
  const rows = await findDueUnheld(new Date(now.getTime() - GRACE_MS), now, BATCH);
  const pipeline = sharedRedis().pipeline();
  for (const row of rows) pipeline.exists(syncJobKey(syncJobId(row.id, row.nextAttemptAt)));
  const exists = rows.length > 0 ? ((await pipeline.exec()) ?? []) : [];
  const lost = rows.filter((_, i) => exists[i]?.[1] !== 1);
  await addSyncJobs(lost);
  return { released, queued: lost.length };
}

/** Leases held by worker processes that died: released, so their orders are due again now. */
async function releaseDeadLeases(now: Date): Promise<number> {
  const holders = await listLeaseHolders(HOLDER_PREFIX, now);
  let released = 0;
  for (const holder of await deadHolders(holders, now.getTime()))
    released += await releaseDeadHolder(holder, now);
  return released;
}

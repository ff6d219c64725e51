import prisma from "~/db.server";
import { deadHolders } from "./liveness.server";
import { addSyncJobs, syncJobId, syncJobKey, type DueRow } from "./queues.server";
import { sharedRedis } from "../../lib/redis.server";

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
  const due = await prisma.tikTokOrder.findMany({
    where: {
      nextAttemptAt: { lte: new Date(now.getTime() - GRACE_MS) },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true, shopId: true, nextAttemptAt: true },
  });
  const rows = due.filter((row): row is DueRow => row.nextAttemptAt !== null);
  const pipeline = sharedRedis().pipeline();
  for (const row of rows) pipeline.exists(syncJobKey(syncJobId(row.id, row.nextAttemptAt)));
  const exists = rows.length > 0 ? ((await pipeline.exec()) ?? []) : [];
  const lost = rows.filter((_, i) => exists[i]?.[1] !== 1);
  await addSyncJobs(lost);
  return { released, queued: lost.length };
}

/** Leases held by worker processes that died: released, so their orders are due again now. */
async function releaseDeadLeases(now: Date): Promise<number> {
  const held = await prisma.tikTokOrder.findMany({
    where: { leaseHolder: { startsWith: HOLDER_PREFIX }, leaseExpiresAt: { gt: now } },
    distinct: ["leaseHolder"],
    select: { leaseHolder: true },
  });
  const holders = held.map((row) => row.leaseHolder).filter((holder) => holder !== null);
  let released = 0;
  for (const holder of await deadHolders(holders, now.getTime())) {
    // It may have died between writing an outcome, decided on the order it claimed, and queuing the newer
    // TikTok state that arrived meanwhile (the outcome cleared its due time): each is synced once more.
    await prisma.tikTokOrder.updateMany({
      where: { leaseHolder: holder, nextAttemptAt: null },
      data: { nextAttemptAt: now, queuedTrigger: "REQUEUE" },
    });
    // A due order's job died with the holder, and BullMQ hands it on only when its lock runs out (a minute
    // or more): a new due time is a new job, which the sweep adds once the grace has passed.
    await prisma.tikTokOrder.updateMany({
      where: { leaseHolder: holder, nextAttemptAt: { lt: now } },
      data: { nextAttemptAt: now },
    });
    const { count } = await prisma.tikTokOrder.updateMany({
      where: { leaseHolder: holder },
      data: { leaseHolder: null, leaseExpiresAt: null },
    });
    released += count;
  }
  return released;
}

import { randomUUID } from "node:crypto";
import { Worker as BullWorker, type Job } from "bullmq";
import { syncOrder } from "~/sync/sync-order.server";
import { queuedTriggerName } from "~/sync/types";
import type { Worker, WorkerOptions } from "~/jobs/provider";
import { postpone, readDueState } from "~/models/order-queue.server";
import { turnTaken } from "./fairness.server";
import { startHeartbeat } from "./liveness.server";
import { addSyncJobs, CONTROL_QUEUE, SYNC_QUEUE, type SyncJobData } from "./queues.server";
import { bullConnection, prefix } from "~/lib/redis.server";
import { ensureSchedules, runControlJob, type ScheduleOptions } from "./schedules.server";
import { HOLDER_PREFIX } from "./sweeper.server";

export type BullWorkerOptions = WorkerOptions & {
  /** Also run the control queue (sweeper, TikTok polls) and keep its schedules declared. */
  control?: Partial<ScheduleOptions> | false;
};

/**
 * A worker for the BullMQ queue. A job only names an order: the handler reads the row, syncs it under the
 * order's lease (so a duplicate job, or a second process, is harmless), and afterwards queues a job for
 * whatever time the row says it is due next (a retry, a sample group's window).
 */
export function startBullmqWorker(options: BullWorkerOptions = {}): Worker {
  const id = `${HOLDER_PREFIX}${randomUUID()}`;
  const inFlight = new Set<string>();
  const heartbeat = startHeartbeat(id);

  async function runSync(job: Job<SyncJobData>) {
    const { orderId, shopId } = job.data;
    if (job.attemptsMade === 0) await turnTaken(shopId);
    // Another job of this process is on it and will queue what follows. The lease can't tell the two
    // apart (one holder per process), so this check and the add must not be split by an await.
    if (inFlight.has(orderId)) return;
    inFlight.add(orderId);
    try {
      const row = await readDueState(orderId);
      if (!row?.nextAttemptAt) return;
      if (row.nextAttemptAt.getTime() > Date.now() + 500) {
        await addSyncJobs([{ id: orderId, shopId, nextAttemptAt: row.nextAttemptAt }]);
        return;
      }
      const trigger = queuedTriggerName(row.queuedTrigger);
      const outcome = await syncOrder(orderId, {
        trigger,
        holder: id,
        ...(options.retry ? { retry: options.retry } : {}),
      });
      if (outcome.status === "busy") await postpone(orderId, 2000);
      options.onOutcome?.(orderId, outcome);
    } finally {
      inFlight.delete(orderId);
    }
    // syncOrder has released the lease, and made the order due again if TikTok's state changed meanwhile: a
    // job for the order's next turn may start at once.
    const after = await readDueState(orderId);
    if (after?.nextAttemptAt)
      await addSyncJobs([{ id: orderId, shopId, nextAttemptAt: after.nextAttemptAt }]);
  }

  const worker = new BullWorker<SyncJobData>(SYNC_QUEUE, runSync, {
    connection: bullConnection(),
    prefix: prefix(),
    concurrency: options.concurrency ?? 8,
    // A sync can wait a while for its store's Shopify points; the lock is renewed meanwhile (every 15 s).
    // A job whose worker died is handed on once its lock ran out and a stalled check saw it: within 45 s.
    lockDuration: 30_000,
    stalledInterval: 15_000,
    maxStalledCount: 10,
  });
  worker.on("error", () => undefined);

  let control: BullWorker | undefined;
  let schedules: NodeJS.Timeout | undefined;
  if (options.control !== false) {
    const every: ScheduleOptions = {
      sweepEveryMs: options.control?.sweepEveryMs ?? 30_000,
      pollEveryMs: options.control?.pollEveryMs ?? 120_000,
    };
    control = new BullWorker(CONTROL_QUEUE, runControlJob, {
      connection: bullConnection(),
      prefix: prefix(),
      concurrency: 2,
    });
    control.on("error", () => undefined);
    const declare = () => ensureSchedules(every).catch(() => undefined);
    void declare();
    schedules = setInterval(declare, every.sweepEveryMs);
    schedules.unref();
  }

  return {
    id,
    wake: () => undefined,
    async stop() {
      clearInterval(schedules);
      // Waits for the jobs in progress; what is still queued stays in Redis for the other workers.
      await Promise.all([worker.close(), control?.close()]);
      await heartbeat.stop();
    },
  };
}

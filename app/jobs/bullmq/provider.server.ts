import type { QueueProvider } from "~/jobs/provider";
import { onQueued } from "~/models/order-queue.server";
import { addSyncJobsFor, closeQueues, requestSweep } from "./queues.server";
import { closeSharedRedis } from "~/lib/redis.server";
import { startBullmqWorker } from "./worker.server";

/**
 * The BullMQ provider: every enqueue of this process (a webhook, a poll, the Sync button, a re-queue)
 * becomes jobs on Redis after its rows were written. If adding the job fails, the row is still due and
 * the sweeper queues it within one sweep.
 */
export function createBullmqProvider(): QueueProvider {
  const pending = new Set<Promise<void>>();
  const unsubscribe = onQueued(({ orderIds }) => {
    const work = (orderIds ? addSyncJobsFor(orderIds) : requestSweep()).catch((error: unknown) =>
      console.warn(`Queueing orders on Redis failed (the sweeper will): ${String(error)}`),
    );
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  return {
    kind: "bullmq",
    startWorker: (options) => startBullmqWorker(options),
    async close() {
      unsubscribe();
      await Promise.allSettled(pending);
      await closeQueues();
      await closeSharedRedis();
    },
  };
}

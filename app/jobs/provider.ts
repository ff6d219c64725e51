import type { RetryPolicy } from "~/sync/failures";
import type { SyncOutcome } from "~/sync/types";

/**
 * The queue's contract, owned here and implemented by the embedded worker (`embedded-worker.server.ts`)
 * and the BullMQ one (`bullmq/`). Either way the order row is the truth (`nextAttemptAt`, the lease):
 * enqueueing writes the row first, and a provider only decides how workers hear about it.
 * - `embedded`: the worker in the app's process scans the rows (one machine, no Redis).
 * - `bullmq`: a job per due order on Redis (`REDIS_URL`), drained by any number of worker processes.
 */
export interface QueueProvider {
  readonly kind: "embedded" | "bullmq";
  /** Starts a worker in this process. */
  startWorker(options: WorkerOptions): Worker;
  /** Stops handing this process's enqueues to the workers and closes connections. */
  close(): Promise<void>;
}

export type WorkerOptions = {
  /** Orders synced at once in this process. */
  concurrency?: number;
  /** Orders of one store synced at once: its Shopify rate limit is shared, a flash sale must not starve others. */
  perShop?: number;
  /** How often to look for due orders when nothing woke the worker. */
  pollMs?: number;
  retry?: RetryPolicy;
  onOutcome?: (orderId: string, outcome: SyncOutcome) => void;
};

/** A running worker: `wake` makes it look for due orders now; `stop` lets its in-flight syncs finish. */
export type Worker = { id: string; stop(): Promise<void>; wake(): void };

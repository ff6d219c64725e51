import type { Worker, WorkerOptions } from "./embedded-worker.server";

/**
 * Where queued orders go to be synced. Either way the order row is the truth (`nextAttemptAt`, the lease):
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

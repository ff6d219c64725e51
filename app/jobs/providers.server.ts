import { env } from "~/env.server";
import { createBullmqProvider } from "./bullmq/provider.server";
import { startEmbeddedWorker } from "./embedded-worker.server";
import type { QueueProvider } from "./provider";

const embedded: QueueProvider = {
  kind: "embedded",
  startWorker: (options) => startEmbeddedWorker(options),
  close: async () => undefined,
};

/** BullMQ on Redis when REDIS_URL is set, the in-process queue over the order rows otherwise. */
export function createQueueProvider(): QueueProvider {
  return env.REDIS_URL ? createBullmqProvider() : embedded;
}

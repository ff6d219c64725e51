// npm run worker: a sync worker process for the BullMQ queue on Redis (REDIS_URL), without an HTTP server.
// Run any number of them on any machines next to the web processes (SYNC_WORKER=off there); they share
// PostgreSQL (DATABASE_URL) and Redis. Each also sends Shopify fulfilments to TikTok (the shipment worker:
// its queue is the database's rows, shared by lease) and runs the pass for fulfilments whose webhook never
// came, unless SHIPMENT_WORKER=off, and tells Shopify Flow of orders that need the merchant (the Flow notifier:
// its queue is the database's rows too). SIGTERM or SIGINT finishes the syncs in progress, then exits.
import { closeAllDatabases } from "~/db/connect.server";
import { env } from "~/env.server";
import { startShipmentWorker } from "~/fulfillment/shipment-worker.server";
import { createBullmqProvider } from "~/jobs/bullmq/provider.server";
import { startBullmqWorker } from "~/jobs/bullmq/worker.server";
import { DEFAULT_RETRY_POLICY } from "~/sync/failures";
import { startFlowNotifier } from "~/sync/flow-notices.server";

if (!env.REDIS_URL) {
  console.error("npm run worker needs REDIS_URL (the web process runs the embedded worker without it).");
  process.exit(1);
}

// Enqueues made here (a retry's next job, a poll's orders) go to Redis like the web process's.
const provider = createBullmqProvider();
const worker = startBullmqWorker({
  concurrency: env.SYNC_CONCURRENCY,
  retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: env.SYNC_RETRY_BASE_MS },
  control: {
    sweepEveryMs: env.SYNC_SWEEP_SECONDS * 1000,
    pollEveryMs: env.TIKTOK_POLL_INTERVAL_SECONDS * 1000,
  },
});
const shipments = env.SHIPMENT_WORKER === "on" ? startShipmentWorker() : null;
const flowNotifier = startFlowNotifier();
console.log(
  `Sync worker ${worker.id} started (concurrency ${env.SYNC_CONCURRENCY})${shipments ? ", with the shipment worker" : ""}.`,
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Sync worker ${worker.id}: ${signal}, finishing the syncs in progress.`);
  await Promise.all([worker.stop(), shipments?.stop(), flowNotifier.stop()]);
  await provider.close();
  await closeAllDatabases();
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));

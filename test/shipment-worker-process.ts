// A process that sends Shopify fulfilments to TikTok and does nothing else, for the queue tests to kill apart
// from the order workers (`npm run worker` with SHIPMENT_WORKER=off). SHIPMENT_POLL_MS sets how often it looks for due fulfilments; the pass for missed
// webhooks is left to the test. SIGTERM finishes the sends in progress, then exits.
import { closeAllDatabases } from "~/db/connect.server";
import { startShipmentWorker } from "~/fulfillment/shipment-worker.server";

const worker = startShipmentWorker({
  pollMs: Number(process.env.SHIPMENT_POLL_MS ?? 2000),
  reconcileMs: 0,
});
console.log("Shipment worker started.");

process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(closeAllDatabases)
    .then(() => process.exit(0));
});

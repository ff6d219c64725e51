import { env } from "~/env.server";
import { onShutdown } from "~/lib/shutdown.server";
import { isTikTokConfigured } from "~/tiktok/connection.server";
import { startPoller, type Poller } from "~/tiktok/poller.server";
import { startShipmentWorker, type ShipmentWorker } from "~/fulfillment/shipment-worker.server";
import { startFlowNotifier, type FlowNotifier } from "~/sync/flow-notices.server";
import type { Worker } from "./provider";
import { createQueueProvider } from "./providers.server";

declare global {
  /** null once started with SYNC_WORKER=off. */
  var __syncWorker: Worker | null | undefined;
  var __tiktokPoller: Poller | undefined;
  var __shipmentWorker: ShipmentWorker | undefined;
  var __flowNotifier: FlowNotifier | undefined;
}

/**
 * Starts this process's sync worker once (the embedded queue, or BullMQ with REDIS_URL), unless
 * SYNC_WORKER=off, with the shipment worker and the Flow notifier, and next to the embedded one the TikTok
 * order poller when the app has TikTok credentials.
 */
export function startAppWorker(): void {
  if (globalThis.__syncWorker !== undefined) return;
  globalThis.__syncWorker = null;
  // With REDIS_URL every process hands what it queues to BullMQ, whether or not it also runs a worker.
  const provider = createQueueProvider();
  onShutdown(() => provider.close());
  if (env.SYNC_WORKER === "off") return;
  const worker = provider.startWorker({
    concurrency: env.SYNC_CONCURRENCY,
    perShop: env.SYNC_CONCURRENCY_PER_SHOP,
  });
  globalThis.__syncWorker = worker;
  onShutdown(() => worker.stop());
  // Fulfilments go back to TikTok from every process that runs a worker: the rows are the queue either way.
  if (!globalThis.__shipmentWorker) {
    const shipments = startShipmentWorker();
    globalThis.__shipmentWorker = shipments;
    onShutdown(() => shipments.stop());
  }
  // Shopify Flow is told of orders that need the merchant from every such process too: notices are rows.
  if (!globalThis.__flowNotifier) {
    const notifier = startFlowNotifier();
    globalThis.__flowNotifier = notifier;
    onShutdown(() => notifier.stop());
  }
  // On BullMQ the polls are repeatable jobs of the worker processes, one store at a time across them all.
  if (provider.kind === "embedded" && isTikTokConfigured() && !globalThis.__tiktokPoller) {
    const poller = startPoller({ intervalMs: env.TIKTOK_POLL_INTERVAL_SECONDS * 1000 });
    globalThis.__tiktokPoller = poller;
    onShutdown(() => poller.stop());
  }
}

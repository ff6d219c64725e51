import { closeAllDatabases } from "~/db/connect.server";
import { env } from "~/env.server";
import { onShutdown } from "~/lib/shutdown.server";
import { isTikTokConfigured } from "~/tiktok/connection.server";
import { startPoller, type Poller } from "~/tiktok/poller.server";
import { startEmbeddedWorker, type Worker } from "./embedded-worker.server";

declare global {
  var __syncWorker: Worker | undefined;
  var __tiktokPoller: Poller | undefined;
}

/**
 * Starts this process's sync worker once (the embedded queue), unless SYNC_WORKER=off, and next to it the
 * TikTok order poller when the app has TikTok credentials.
 */
export function startAppWorker(): void {
  if (env.SYNC_WORKER === "off" || globalThis.__syncWorker) return;
  const worker = startEmbeddedWorker({
    concurrency: env.SYNC_CONCURRENCY,
    perShop: env.SYNC_CONCURRENCY_PER_SHOP,
  });
  globalThis.__syncWorker = worker;
  onShutdown(closeAllDatabases);
  onShutdown(() => worker.stop());
  if (isTikTokConfigured() && !globalThis.__tiktokPoller) {
    const poller = startPoller({ intervalMs: env.TIKTOK_POLL_INTERVAL_SECONDS * 1000 });
    globalThis.__tiktokPoller = poller;
    onShutdown(() => poller.stop());
  }
}

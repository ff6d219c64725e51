import { closeAllDatabases } from "~/db/connect.server";
import { env } from "~/env.server";
import { onShutdown } from "~/lib/shutdown.server";
import { startEmbeddedWorker, type Worker } from "./embedded-worker.server";

declare global {
  var __syncWorker: Worker | undefined;
}

/** Starts this process's sync worker once (the embedded queue), unless SYNC_WORKER=off. */
export function startAppWorker(): void {
  if (env.SYNC_WORKER === "off" || globalThis.__syncWorker) return;
  const worker = startEmbeddedWorker({
    concurrency: env.SYNC_CONCURRENCY,
    perShop: env.SYNC_CONCURRENCY_PER_SHOP,
  });
  globalThis.__syncWorker = worker;
  onShutdown(closeAllDatabases);
  onShutdown(() => worker.stop());
}

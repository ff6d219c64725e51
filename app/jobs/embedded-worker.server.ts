import { randomUUID } from "node:crypto";
import { claimDueOrders, type ClaimedRow } from "~/models/sync-run.server";
import { startIncarnation } from "~/models/worker-instance.server";
import { DEFAULT_RETRY_POLICY } from "~/sync/failures";
import { LEASE_MS, syncClaimed } from "~/sync/sync-order.server";
import { queuedTriggerName } from "~/sync/types";
import type { Worker, WorkerOptions } from "./provider";
import { onDue, postpone } from "~/models/order-queue.server";

/**
 * The embedded queue's worker: drains due orders with bounded concurrency, overall and per store. It runs
 * in the app's process; on start it resumes whatever a crash left due, and releases at once the leases
 * this process held before it (worker-instance.server.ts) rather than waiting for them to expire.
 */
export function startEmbeddedWorker(options: WorkerOptions = {}): Worker {
  const id = `worker-${randomUUID()}`;
  // Shopify's order search trails a create by seconds: an order whose create the crash cut short is
  // looked up no sooner than an uncertain create's retry would be (ADR 006).
  const recoveredDueAt = new Date(Date.now() + (options.retry ?? DEFAULT_RETRY_POLICY).minUncertainDelayMs);
  const incarnation = startIncarnation(recoveredDueAt).then(
    ({ holder, released }) => {
      if (released > 0)
        console.info(`Released ${released} order lease(s) this app held before it restarted.`);
      return { holder };
    },
    (error: unknown) => {
      // Without a name of its own the worker still runs; what a crash left held waits out its lease.
      console.warn(`The sync worker starts without releasing earlier leases: ${(error as Error).message}`);
      return { holder: id };
    },
  );
  const concurrency = options.concurrency ?? 8;
  const perShop = options.perShop ?? 4;
  const pollMs = options.pollMs ?? 1000;
  const inFlight = new Map<string, Promise<void>>();
  const perShopCount = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  let again = false;

  function schedule(delay: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(wake, delay);
  }

  function wake() {
    if (stopped) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = scan()
      .catch(() => undefined)
      .finally(() => {
        scanning = undefined;
        if (again) {
          again = false;
          wake();
        } else schedule(pollMs);
      });
  }

  async function scan() {
    const { holder } = await incarnation;
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    // Claimed in one statement, within the per-store limit: every row returned is this worker's to sync.
    const claimed = await claimDueOrders({
      holder,
      leaseMs: LEASE_MS,
      limit: free,
      perShop,
      running: perShopCount,
    });
    for (const row of claimed) run(row, holder);
  }

  function run(order: ClaimedRow, holder: string) {
    perShopCount.set(order.shopId, (perShopCount.get(order.shopId) ?? 0) + 1);
    const trigger = queuedTriggerName(order.queuedTrigger);
    const task = syncClaimed(order, {
      trigger,
      holder,
      ...(options.retry ? { retry: options.retry } : {}),
    })
      .then(async (outcome) => {
        if (outcome.status === "busy") await postpone(order.id, 2000);
        options.onOutcome?.(order.id, outcome);
      })
      .catch(() => postpone(order.id, 5000))
      .finally(() => {
        inFlight.delete(order.id);
        const left = (perShopCount.get(order.shopId) ?? 1) - 1;
        if (left > 0) perShopCount.set(order.shopId, left);
        else perShopCount.delete(order.shopId);
        wake();
      });
    inFlight.set(order.id, task);
  }

  const unsubscribe = onDue(wake);
  wake();
  return {
    id,
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await scanning;
      await Promise.allSettled(inFlight.values());
    },
  };
}

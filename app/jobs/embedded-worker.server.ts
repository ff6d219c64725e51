import { randomUUID } from "node:crypto";
import { claimDueOrders, type ClaimedRow } from "~/models/sync-run.server";
import { startIncarnation } from "~/models/worker-instance.server";
import { DEFAULT_RETRY_POLICY } from "~/sync/failures";
import { LEASE_MS, syncClaimed } from "~/sync/sync-order.server";
import { queuedTriggerName } from "~/sync/types";
import type { Worker, WorkerOptions } from "./provider";
import { startLeasedLoop } from "~/lib/leased-loop.server";
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
  const perShop = options.perShop ?? 4;
  const perShopCount = new Map<string, number>();

  /** One claimed order synced; counted against its store from the moment it is claimed until it ends. */
  async function sync(order: ClaimedRow, holder: string) {
    perShopCount.set(order.shopId, (perShopCount.get(order.shopId) ?? 0) + 1);
    try {
      const outcome = await syncClaimed(order, {
        trigger: queuedTriggerName(order.queuedTrigger),
        holder,
        ...(options.retry ? { retry: options.retry } : {}),
      });
      if (outcome.status === "busy") await postpone(order.id, 2000);
      options.onOutcome?.(order.id, outcome);
    } catch {
      await postpone(order.id, 5000);
    } finally {
      const left = (perShopCount.get(order.shopId) ?? 1) - 1;
      if (left > 0) perShopCount.set(order.shopId, left);
      else perShopCount.delete(order.shopId);
    }
  }

  // The leased loop of the shipment worker and the Flow notifier (app/lib/leased-loop.server.ts), over the
  // order rows: claim what is due up to the slots free, sync each, claim again as each ends, when an order
  // becomes due in this process, or every `pollMs`.
  const loop = startLeasedLoop({
    name: "Sync worker",
    concurrency: options.concurrency ?? 8,
    pollMs: options.pollMs ?? 1000,
    claim: async (free) => {
      const { holder } = await incarnation;
      // Claimed in one statement, within the per-store limit: every row returned is this worker's to sync.
      const claimed = await claimDueOrders({
        holder,
        leaseMs: LEASE_MS,
        limit: free,
        perShop,
        running: perShopCount,
      });
      return claimed.map((order) => ({ order, holder }));
    },
    work: ({ order, holder }) => sync(order, holder),
    label: ({ order }) => `Order ${order.id}`,
    signal: { subscribe: onDue },
  });
  return { id, wake: loop.wake, stop: loop.stop };
}

import { randomUUID } from "node:crypto";
import { claimDueOrders } from "~/models/sync-run.server";
import type { RetryPolicy } from "~/sync/failures";
import { LEASE_MS, syncClaimed } from "~/sync/sync-order.server";
import { queuedTriggerName } from "~/sync/types";
import { pollShop } from "~/tiktok/poll-shop.server";
import type { StandinControl } from "../../tools/shopify-standin";
import type { OrderSpec, TikTokStandinControl } from "../../tools/tiktok-standin";

/** The demo store as the seeding sees it: both stand-ins, the store, and its connected TikTok shop. */
export type DemoWorld = {
  shopify: StandinControl;
  tiktok: TikTokStandinControl;
  domain: string;
  /** The app's offline token for the store. */
  accessToken: string;
  tiktokShopId: string;
  skuIdOf(sku: string): string;
};

/**
 * Places orders on TikTok and brings them in as the app does without a server: the poller finds them, and
 * each order due is synced as the worker syncs it, until none is due. `retry` is the worker's retry policy
 * for these syncs; by default the app's, so a transient failure waits for the running app to retry it.
 */
export async function arrive(world: DemoWorld, specs: readonly OrderSpec[], retry?: RetryPolicy) {
  const shops = new Set<string>();
  for (const spec of specs) {
    const order = { shopId: world.tiktokShopId, ...spec };
    await world.tiktok.createOrder(order);
    shops.add(order.shopId);
  }
  for (const tiktokShopId of shops) {
    const polled = await pollShop({ shopDomain: world.domain, tiktokShopId });
    if (!polled.ok) throw new Error(`The demo could not poll its TikTok orders: ${polled.error}`);
  }
  await syncDueOrders(retry);
}

async function syncDueOrders(retry: RetryPolicy | undefined) {
  const holder = `demo-${randomUUID()}`;
  // Until none is due, should a sync leave one due again at once; the demo's orders need one round.
  for (let round = 0; round < 20; round++) {
    const due = await claimDueOrders({
      holder,
      leaseMs: LEASE_MS,
      limit: 100,
      perShop: 100,
      running: new Map(),
    });
    if (due.length === 0) return;
    for (const order of due) {
      const trigger = queuedTriggerName(order.queuedTrigger);
      await syncClaimed(order, { trigger, holder, ...(retry ? { retry } : {}) });
    }
  }
  throw new Error("The demo's orders are still due after 20 rounds of syncing.");
}

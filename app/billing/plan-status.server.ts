import type { AdminClient } from "~/admin-api/admin-client.server";
import { getActiveSubscriptions } from "~/admin-api/operations/billing";
import { requeueBlocked } from "~/models/order-queue.server";
import { findShopId } from "~/models/shop.server";

const CACHE_MS = 60_000;
const cache = new Map<string, { active: boolean; at: number }>();

/** Whether the store has an active app subscription; asked of Shopify at most once a minute per store. */
export async function isPlanActive(client: AdminClient, now = Date.now()): Promise<boolean> {
  const cached = cache.get(client.shop);
  if (cached && now - cached.at < CACHE_MS) return cached.active;
  const subscriptions = await getActiveSubscriptions(client);
  const active = subscriptions.some((subscription) => subscription.status === "ACTIVE");
  cache.set(client.shop, { active, at: now });
  return active;
}

/** Forget what is cached, e.g. when a subscription webhook says the plan changed. */
export function forgetPlan(shop: string): void {
  cache.delete(shop);
}

/**
 * The store's plan may have changed — Shopify's app_subscriptions/update webhook, or the merchant back from
 * approving or declining a charge: the cached plan status is dropped, and an active plan re-queues the
 * orders that waited for one (PLAN_INACTIVE). Answers how many were re-queued.
 */
export async function planChanged(shopDomain: string, active: boolean): Promise<number> {
  forgetPlan(shopDomain);
  if (!active) return 0;
  const shopId = await findShopId(shopDomain);
  return shopId ? requeueBlocked(shopId, ["PLAN_INACTIVE"]) : 0;
}

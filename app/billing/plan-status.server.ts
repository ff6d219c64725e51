import type { AdminClient } from "../admin-api/admin-client.server";
import { getActiveSubscriptions } from "../admin-api/operations/billing";

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

import { unscheduleStore } from "~/models/order-queue.server";
import { forgetPlan, planChanged } from "~/billing/plan-status.server";
import { deleteSessions } from "~/models/session.server";
import { markShopUninstalled } from "~/models/shop.server";
import { wipeTikTokTokens } from "~/models/tiktok-connection.server";

/**
 * The app was uninstalled: Shopify sessions go, TikTok tokens are wiped (the connection row stays, marked
 * deauthorized, so a reinstall that reconnects the same TikTok shop keeps its history), and the store is
 * marked uninstalled so the poller and the workers skip it. Orders and links are kept until shop/redact.
 * Safe to run twice, and after the sessions are already gone.
 */
export async function handleAppUninstalled(shopDomain: string, now = new Date()): Promise<void> {
  await deleteSessions(shopDomain);
  await wipeTikTokTokens(shopDomain, now);
  await markShopUninstalled(shopDomain);
  // Nothing stays scheduled for a store the app can no longer reach.
  await unscheduleStore(shopDomain);
  forgetPlan(shopDomain);
}

/** The app subscription changed: the cached plan status is dropped; an activation re-queues PLAN_INACTIVE. */
export function handleSubscriptionUpdate(shopDomain: string, status: string): Promise<number> {
  return planChanged(shopDomain, status.toUpperCase() === "ACTIVE");
}

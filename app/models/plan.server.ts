import prisma from "~/db.server";
import { requeueBlocked } from "~/models/order-queue.server";
import { forgetPlan } from "~/billing/plan-status.server";

/**
 * The store's plan may have changed — Shopify's app_subscriptions/update webhook, or the merchant back from
 * approving or declining a charge: the cached plan status is dropped, and an active plan re-queues the
 * orders that waited for one (PLAN_INACTIVE). Answers how many were re-queued.
 */
export async function planChanged(shopDomain: string, active: boolean): Promise<number> {
  forgetPlan(shopDomain);
  if (!active) return 0;
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  return shop ? requeueBlocked(shop.id, ["PLAN_INACTIVE"]) : 0;
}

/** Orders blocked at stage 7 because no plan was active. */
export function countWaitingForPlan(shopDomain: string): Promise<number> {
  return prisma.tikTokOrder.count({
    where: { shop: { domain: shopDomain }, syncStatus: "BLOCKED", reasonCode: "PLAN_INACTIVE" },
  });
}

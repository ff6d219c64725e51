import prisma from "~/db.server";

/**
 * The store's orders among `tiktokOrderIds`, with where their syncs stand and why: "Sync selected" asks
 * before forcing, and sums up what each order came to. Other stores' ids find nothing.
 */
export function findSyncStates(shopDomain: string, tiktokOrderIds: readonly string[]) {
  return prisma.tikTokOrder.findMany({
    where: { shop: { domain: shopDomain }, tiktokOrderId: { in: [...tiktokOrderIds] } },
    select: {
      id: true,
      tiktokOrderId: true,
      syncStatus: true,
      reasonCode: true,
      nextAttemptAt: true,
      queuedTrigger: true,
      leaseExpiresAt: true,
      shopifyCancelledAt: true,
      shopifyAddressHash: true,
    },
  });
}

/** One order of the store as a Sync left it, with the store's inventory behaviour: what its create came to. */
export function findOrderAfterSync(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { shop: { domain: shopDomain }, tiktokOrderId },
    select: {
      raw: true,
      shopifyCancelledAt: true,
      shopifyAddressHash: true,
      shopifyPaidAt: true,
      sellerCancelStatus: true,
      shop: { select: { inventoryBehaviour: true } },
    },
  });
}

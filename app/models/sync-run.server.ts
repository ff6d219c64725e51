import type { AttemptOutcome, Prisma, SyncStatus, SyncTrigger } from "@prisma/client";
import prisma from "~/db.server";

/**
 * The database side of syncOrder: the lease that lets one worker at a time hold an order, the attempt
 * records, and where the order stands afterwards.
 */
export async function claimOrder(orderId: string, holder: string, leaseMs: number, now = new Date()) {
  const { count } = await prisma.tikTokOrder.updateMany({
    where: {
      id: orderId,
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseHolder: holder }],
    },
    data: { leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  if (count === 0) return null;
  return prisma.tikTokOrder.findUnique({ where: { id: orderId }, include: { shop: true } });
}

export async function releaseOrder(orderId: string, holder: string): Promise<void> {
  await prisma.tikTokOrder.updateMany({
    where: { id: orderId, leaseHolder: holder },
    data: { leaseHolder: null, leaseExpiresAt: null },
  });
}

/** The newest attempt, to find a create whose outcome was never learned. */
export async function lastAttempt(orderId: string) {
  return prisma.syncAttempt.findFirst({ where: { orderId }, orderBy: { startedAt: "desc" } });
}

export async function startAttempt(orderId: string, trigger: SyncTrigger, stages: Prisma.InputJsonValue) {
  return prisma.syncAttempt.create({ data: { orderId, trigger, outcome: "CREATING", stages } });
}

export type AttemptEnd = {
  outcome: AttemptOutcome;
  reasonCode?: string | null;
  errorDetail?: string | null;
  shopifyOrderId?: string | null;
};

export async function finishAttempt(attemptId: string, end: AttemptEnd): Promise<void> {
  await prisma.syncAttempt.update({ where: { id: attemptId }, data: { ...end, finishedAt: new Date() } });
}

export async function recordAttempt(
  orderId: string,
  trigger: SyncTrigger,
  stages: Prisma.InputJsonValue,
  end: AttemptEnd,
) {
  await prisma.syncAttempt.create({ data: { orderId, trigger, stages, ...end, finishedAt: new Date() } });
}

export type OrderState = {
  syncStatus?: SyncStatus;
  reasonCode?: string | null;
  reasonStage?: number | null;
  shopifyOrderId?: string | null;
  shopifyOrderName?: string | null;
  shopifyCancelledAt?: Date | null;
  shopifyAddressHash?: string | null;
  nextAttemptAt?: Date | null;
  queuedTrigger?: SyncTrigger | null;
  attemptCount?: { increment: number } | number;
};

export async function setOrderState(orderId: string, state: OrderState): Promise<void> {
  await prisma.tikTokOrder.update({ where: { id: orderId }, data: state });
}

export async function orderExists(orderId: string): Promise<boolean> {
  return (await prisma.tikTokOrder.count({ where: { id: orderId } })) > 0;
}

/** Every order of a combined sample group points at the group's first order before the create. */
export async function setCombinedInto(orderIds: readonly string[], leaderId: string): Promise<void> {
  await prisma.tikTokOrder.updateMany({
    where: { id: { in: [...orderIds] } },
    data: { combinedIntoId: leaderId },
  });
}

export async function getOrderRow(orderId: string) {
  return prisma.tikTokOrder.findUnique({ where: { id: orderId } });
}

/** The orders a Shopify order now stands for (one, or a combined sample group) are Synced. */
export async function markSynced(
  orderIds: readonly string[],
  shopify: { id: string; name: string | null },
  addressHash: string | null = null,
) {
  await prisma.tikTokOrder.updateMany({
    where: { id: { in: [...orderIds] } },
    data: {
      syncStatus: "SYNCED",
      shopifyOrderId: shopify.id,
      shopifyOrderName: shopify.name,
      shopifyAddressHash: addressHash,
      reasonCode: null,
      reasonStage: null,
      nextAttemptAt: null,
      queuedTrigger: null,
    },
  });
}

import { Prisma, type SyncStatus } from "@prisma/client";
import prisma from "~/db.server";
import type { TikTokOrder } from "~/tiktok/types";

export type UpsertOutcome = "created" | "updated" | "stale";

const fromUnix = (seconds: number) => new Date(seconds * 1000);

function columnsOf(order: TikTokOrder) {
  return {
    tiktokStatus: order.status,
    isSample: order.is_sample_order ?? false,
    isOnHold: order.is_on_hold_order ?? false,
    fulfillmentType: order.fulfillment_type ?? null,
    createTime: fromUnix(order.create_time),
    updateTime: fromUnix(order.update_time),
    raw: order as Prisma.InputJsonObject,
  };
}

/**
 * Stores an order as TikTok last described it. Webhooks and polling deliver the same order many times and
 * out of order: an update only lands when its `update_time` is newer than what is stored, in one statement,
 * so two deliveries racing can't put an older state over a newer one.
 */
export async function upsertTikTokOrder(
  shopId: string,
  order: TikTokOrder,
): Promise<{ outcome: UpsertOutcome; id: string }> {
  const columns = columnsOf(order);
  try {
    const created = await prisma.tikTokOrder.create({
      data: { shopId, tiktokOrderId: order.id, ...columns },
      select: { id: true },
    });
    return { outcome: "created", id: created.id };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
  }
  const { count } = await prisma.tikTokOrder.updateMany({
    where: { shopId, tiktokOrderId: order.id, updateTime: { lt: columns.updateTime } },
    data: columns,
  });
  const row = await prisma.tikTokOrder.findUniqueOrThrow({
    where: { shopId_tiktokOrderId: { shopId, tiktokOrderId: order.id } },
    select: { id: true },
  });
  return { outcome: count === 1 ? "updated" : "stale", id: row.id };
}

export async function getTikTokOrder(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({ where: { tiktokOrderId, shop: { domain: shopDomain } } });
}

export type OrderPageQuery = { status?: SyncStatus; reasonCode?: string; cursor?: string; take?: number };

/** One page of a store's orders, newest first, for the Orders tab. */
export async function listTikTokOrders(shopDomain: string, query: OrderPageQuery = {}) {
  const take = Math.min(Math.max(query.take ?? 50, 1), 250);
  const rows = await prisma.tikTokOrder.findMany({
    where: {
      shop: { domain: shopDomain },
      ...(query.status ? { syncStatus: query.status } : {}),
      ...(query.reasonCode ? { reasonCode: query.reasonCode } : {}),
    },
    orderBy: [{ createTime: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const hasNext = rows.length > take;
  const page = hasNext ? rows.slice(0, take) : rows;
  return { orders: page, nextCursor: hasNext ? page.at(-1)?.id : undefined };
}

/** Orders per sync status for the tabs' counts. */
export async function countTikTokOrdersByStatus(shopDomain: string): Promise<Record<SyncStatus, number>> {
  const groups = await prisma.tikTokOrder.groupBy({
    by: ["syncStatus"],
    where: { shop: { domain: shopDomain } },
    _count: { _all: true },
  });
  const counts: Record<SyncStatus, number> = { PENDING: 0, SYNCING: 0, SYNCED: 0, BLOCKED: 0, FAILED: 0 };
  for (const group of groups) counts[group.syncStatus] = group._count._all;
  return counts;
}

import type { Prisma, SyncStatus } from "@prisma/client";
import prisma from "~/db.server";

/** Which of a store's orders a list shows. `idPrefix` matches the start of the TikTok order id. */
export type OrderListFilter = {
  statuses?: readonly SyncStatus[];
  reasonCode?: string;
  reasonStage?: number;
  idPrefix?: string;
};

/** A page of a list, by TikTok order id: `take` rows after (or, `backwards`, before) the cursor. */
export type OrderListPage = { cursorId?: string; backwards: boolean; take: number };

/**
 * A store's orders newest first, one row more than `take` so the caller knows whether another page follows.
 * Prisma's cursor condition is an OR of subqueries no index can serve: on its own, page 200 would walk the
 * 10,000 newer orders to find where it starts. The bound on createTime says no more than the cursor does,
 * but the database can start reading the index there.
 */
export async function listOrders(shopId: string, filter: OrderListFilter, page: OrderListPage) {
  const { cursorId, backwards, take } = page;
  const cursor = cursorId
    ? await prisma.tikTokOrder.findUnique({
        where: { shopId_tiktokOrderId: { shopId, tiktokOrderId: cursorId } },
        select: { createTime: true },
      })
    : null;
  const where: Prisma.TikTokOrderWhereInput = {
    shopId,
    ...(filter.statuses ? { syncStatus: { in: [...filter.statuses] } } : {}),
    ...(filter.reasonCode ? { reasonCode: filter.reasonCode } : {}),
    ...(filter.reasonStage ? { reasonStage: filter.reasonStage } : {}),
    ...(filter.idPrefix ? { tiktokOrderId: { startsWith: filter.idPrefix } } : {}),
    ...(cursor ? { createTime: backwards ? { gte: cursor.createTime } : { lte: cursor.createTime } } : {}),
  };
  return prisma.tikTokOrder.findMany({
    where,
    orderBy: [{ createTime: "desc" }, { id: "desc" }],
    take: backwards ? -(take + 1) : take + 1,
    ...(cursorId ? { cursor: { shopId_tiktokOrderId: { shopId, tiktokOrderId: cursorId } }, skip: 1 } : {}),
  });
}

/** One order of a store with its store and every sync attempt, newest first; null for another store's. */
export function findOrderWithAttempts(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { tiktokOrderId, shop: { domain: shopDomain } },
    include: { shop: true, attempts: { orderBy: { startedAt: "desc" } } },
  });
}

/** The store's orders among `tiktokOrderIds`, with where their syncs stand; other stores' ids find nothing. */
export function findOrderStates(shopDomain: string, tiktokOrderIds: readonly string[]) {
  return prisma.tikTokOrder.findMany({
    where: { shop: { domain: shopDomain }, tiktokOrderId: { in: [...tiktokOrderIds] } },
    select: {
      id: true,
      tiktokOrderId: true,
      syncStatus: true,
      nextAttemptAt: true,
      queuedTrigger: true,
      leaseExpiresAt: true,
    },
  });
}

/** Orders blocked at stage 7 because no plan was active. */
export function countWaitingForPlan(shopDomain: string): Promise<number> {
  return prisma.tikTokOrder.count({
    where: { shop: { domain: shopDomain }, syncStatus: "BLOCKED", reasonCode: "PLAN_INACTIVE" },
  });
}

export type SeenSku = {
  skuId: string;
  productId: string;
  productName: string;
  skuName: string | null;
  sellerSku: string | null;
};

/** Every TikTok SKU the store's orders name, as the newest order describes it. */
export function listSkusSeenInOrders(shopId: string): Promise<SeenSku[]> {
  return prisma.$queryRaw<SeenSku[]>`
    SELECT DISTINCT ON (line->>'sku_id') line->>'sku_id' AS "skuId", line->>'product_id' AS "productId",
      line->>'product_name' AS "productName", line->>'sku_name' AS "skuName", line->>'seller_sku' AS "sellerSku"
    FROM "TikTokOrder" o CROSS JOIN LATERAL jsonb_array_elements(o.raw->'line_items') line
    WHERE o."shopId" = ${shopId}
    ORDER BY line->>'sku_id', o."createTime" DESC`;
}

export type BlockedLine = { orderId: string; reasonCode: string; createTime: Date; skuId: string };

/** The lines of the store's orders blocked for one of `reasonCodes`, one row per order and SKU. */
export function listBlockedLines(shopId: string, reasonCodes: readonly string[]): Promise<BlockedLine[]> {
  return prisma.$queryRaw<BlockedLine[]>`
    SELECT DISTINCT o.id AS "orderId", o."reasonCode", o."createTime", line->>'sku_id' AS "skuId"
    FROM "TikTokOrder" o CROSS JOIN LATERAL jsonb_array_elements(o.raw->'line_items') line
    WHERE o."shopId" = ${shopId} AND o."syncStatus" = 'BLOCKED' AND o."reasonCode" = ANY(${[...reasonCodes]})`;
}

import type { TikTokOrder } from "@prisma/client";
import prisma from "~/db.server";
import {
  beyond,
  filterConditions,
  SqlParams,
  type ListPosition,
  type OrderListFilter,
} from "./order-filter.server";

export type { OrderListFilter } from "./order-filter.server";

/**
 * A page of a list, by TikTok order id: `take` rows after (or, `backwards`, before) the cursor. `countTo`
 * (going forward) also counts the orders from the page's first row on, as far as that many.
 */
export type OrderListPage = { cursorId?: string; backwards: boolean; take: number; countTo?: number };

/** Where the store's order `tiktokOrderId` stands in the list's order; null for another store's. */
function findPosition(shopId: string, tiktokOrderId: string): Promise<ListPosition | null> {
  return prisma.tikTokOrder.findUnique({
    where: { shopId_tiktokOrderId: { shopId, tiktokOrderId } },
    select: { createTime: true, id: true },
  });
}

/**
 * A store's orders newest first, one row more than `take` so the caller knows whether another page follows
 * (going back, the extra row is the first). The ids are picked in SQL, from the index in the list's order
 * (a search from its own indexes: ADR 017), then read whole. With `countTo`, the same statement reads on
 * past the page to count (`ahead`): a search's matches are then read once, not twice.
 */
export async function listOrders(
  shopId: string,
  filter: OrderListFilter,
  page: OrderListPage,
): Promise<{ rows: TikTokOrder[]; ahead: number | null }> {
  const { cursorId, backwards, take } = page;
  const countTo = backwards ? undefined : page.countTo;
  const cursor = cursorId ? await findPosition(shopId, cursorId) : null;
  if (cursorId && !cursor) return { rows: [], ahead: countTo === undefined ? null : 0 };
  const params = new SqlParams();
  const where = filterConditions(shopId, filter, params);
  if (cursor) where.push(beyond(cursor, backwards ? "newer" : "older", params));
  const direction = backwards ? "ASC" : "DESC";
  const limit = Math.max(Math.trunc(take) + 1, Math.trunc(countTo ?? 0));
  const picked = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT o."id" FROM "TikTokOrder" o WHERE ${where.join(" AND ")}
     ORDER BY o."createTime" ${direction}, o."id" ${direction} LIMIT ${limit}`,
    ...params.values,
  );
  const ids = picked.slice(0, take + 1).map((row) => row.id);
  if (backwards) ids.reverse();
  const found = await prisma.tikTokOrder.findMany({ where: { id: { in: ids } } });
  const byId = new Map(found.map((row) => [row.id, row]));
  return {
    rows: ids.flatMap((id) => byId.get(id) ?? []),
    ahead: countTo === undefined ? null : picked.length,
  };
}

/**
 * How many of a store's orders `filter` lists, counting no further than `limit`; with `newerThan`, only
 * those before that order in the list (its place in the list, less one). Null for another store's order.
 */
export async function countListed(
  shopId: string,
  filter: OrderListFilter,
  options: { limit: number; newerThan?: string },
): Promise<number | null> {
  const params = new SqlParams();
  const where = filterConditions(shopId, filter, params);
  if (options.newerThan) {
    const position = await findPosition(shopId, options.newerThan);
    if (!position) return null;
    where.push(beyond(position, "newer", params));
  }
  const [row] = await prisma.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS "count" FROM (
       SELECT 1 FROM "TikTokOrder" o WHERE ${where.join(" AND ")} LIMIT ${Math.trunc(options.limit)}) AS listed`,
    ...params.values,
  );
  return row?.count ?? 0;
}

/** An order as the CSV export writes it: no buyer data, and only what a row of the list says. */
export type ExportedOrder = {
  id: string;
  tiktokOrderId: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  syncStatus: string;
  reasonCode: string | null;
  reasonStage: number | null;
  total: string | null;
  currency: string | null;
  shopifyOrderName: string | null;
};

/**
 * The next `take` orders of the list after `after` (from the newest when null), with only the columns the
 * export writes: read a batch at a time, so an export of any size holds one batch in memory.
 */
export function listOrdersForExport(
  shopId: string,
  filter: OrderListFilter,
  after: ListPosition | null,
  take: number,
): Promise<ExportedOrder[]> {
  const params = new SqlParams();
  const where = filterConditions(shopId, filter, params);
  if (after) where.push(beyond(after, "older", params));
  return prisma.$queryRawUnsafe<ExportedOrder[]>(
    `SELECT o."id", o."tiktokOrderId", to_char(o."createTime", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
       o."syncStatus"::text AS "syncStatus", o."reasonCode", o."reasonStage",
       o."raw" #>> '{payment,total_amount}' AS "total", o."raw" #>> '{payment,currency}' AS "currency",
       o."shopifyOrderName"
     FROM "TikTokOrder" o WHERE ${where.join(" AND ")}
     ORDER BY o."createTime" DESC, o."id" DESC LIMIT ${Math.trunc(take)}`,
    ...params.values,
  );
}

/** One order of a store with its store and every sync attempt, newest first; null for another store's. */
export function findOrderWithAttempts(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { tiktokOrderId, shop: { domain: shopDomain } },
    include: { shop: true, attempts: { orderBy: { startedAt: "desc" } } },
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

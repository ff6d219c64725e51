import type { Prisma, SyncStatus } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import { isReasonCode, type ReasonCode } from "~/sync/reasons";
import type { SyncButtonState } from "~/sync/sync-button";
import { parseStoredOrder } from "~/sync/sync-context.server";
import { countOrdersByStatus } from "../models/order-counts.server";
import { summarizeOrder, shopifyOrderLink, type OrderSummary } from "./order-views";
import { loadPageFacts, syncButtonForRow } from "./page-facts.server";

export const ORDER_TABS = ["all", "blocked", "failed", "pending", "synced"] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

// "Pending" covers orders being created right now: both are on their way.
const TAB_STATUSES: Record<OrderTab, SyncStatus[] | null> = {
  all: null,
  blocked: ["BLOCKED"],
  failed: ["FAILED"],
  pending: ["PENDING", "SYNCING"],
  synced: ["SYNCED"],
};

export const TIKTOK_ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const orderId = z.string().regex(TIKTOK_ORDER_ID);

/** The Orders page's URL parameters. A value that doesn't fit is dropped, never an error page. */
export const ordersQuerySchema = z.object({
  tab: z.enum(ORDER_TABS).catch("all"),
  reason: z
    .custom<ReasonCode>((value) => typeof value === "string" && isReasonCode(value))
    .optional()
    .catch(undefined),
  stage: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional()
    .catch(undefined),
  after: orderId.optional().catch(undefined),
  before: orderId.optional().catch(undefined),
});
export type OrdersQuery = z.infer<typeof ordersQuerySchema>;

export const parseOrdersQuery = (params: URLSearchParams): OrdersQuery =>
  ordersQuerySchema.parse(Object.fromEntries(params));

export type OrderRowView = Omit<OrderSummary, "total"> & {
  /** Null when the stored TikTok order can't be read (its sync failed for that reason). */
  total: OrderSummary["total"] | null;
  tiktokOrderId: string;
  createdAt: string;
  status: SyncStatus;
  reasonCode: ReasonCode | null;
  shopifyOrder: { name: string; url: string | null } | null;
  sync: SyncButtonState | null;
};

export type OrdersPage = {
  connected: boolean;
  counts: Record<OrderTab, number>;
  orders: OrderRowView[];
  /** TikTok order ids to page from; null at either end. */
  pageInfo: { next: string | null; previous: string | null };
};

export const PAGE_SIZE = 50;
const NO_ORDERS: Record<SyncStatus, number> = { PENDING: 0, SYNCING: 0, SYNCED: 0, BLOCKED: 0, FAILED: 0 };

/** One page of a store's TikTok orders, newest first, with the tab counts and each row's Sync button. */
export async function loadOrdersPage(
  shopDomain: string,
  query: OrdersQuery,
  options: { now?: Date; take?: number } = {},
): Promise<OrdersPage> {
  const now = options.now ?? new Date();
  const take = options.take ?? PAGE_SIZE;
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, include: { connection: true } });
  const byStatus = shop ? await countOrdersByStatus(shop.id) : NO_ORDERS;
  const counts = {
    all: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    blocked: byStatus.BLOCKED,
    failed: byStatus.FAILED,
    pending: byStatus.PENDING + byStatus.SYNCING,
    synced: byStatus.SYNCED,
  };
  const empty = { next: null, previous: null };
  if (!shop) return { connected: false, counts, orders: [], pageInfo: empty };

  const cursorId = query.before ?? query.after;
  const backwards = query.before !== undefined;
  // Prisma's cursor condition is an OR of subqueries no index can serve: on its own, page 200 would walk the
  // 10,000 newer orders to find where it starts. The bound on createTime below says no more than the cursor
  // does, but the database can start reading the index there.
  const cursor = cursorId
    ? await prisma.tikTokOrder.findUnique({
        where: { shopId_tiktokOrderId: { shopId: shop.id, tiktokOrderId: cursorId } },
        select: { createTime: true },
      })
    : null;
  const statuses = TAB_STATUSES[query.tab];
  const where: Prisma.TikTokOrderWhereInput = {
    shopId: shop.id,
    ...(statuses ? { syncStatus: { in: statuses } } : {}),
    ...(query.reason ? { reasonCode: query.reason } : {}),
    ...(query.stage ? { reasonStage: query.stage } : {}),
    ...(query.q ? { tiktokOrderId: { startsWith: query.q } } : {}),
    ...(cursor ? { createTime: backwards ? { gte: cursor.createTime } : { lte: cursor.createTime } } : {}),
  };
  const rows = await prisma.tikTokOrder.findMany({
    where,
    orderBy: [{ createTime: "desc" }, { id: "desc" }],
    take: backwards ? -(take + 1) : take + 1,
    ...(cursorId
      ? { cursor: { shopId_tiktokOrderId: { shopId: shop.id, tiktokOrderId: cursorId } }, skip: 1 }
      : {}),
  });
  const more = rows.length > take;
  const page = more ? (backwards ? rows.slice(1) : rows.slice(0, take)) : rows;
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : cursorId !== undefined;

  const parsed = page.map((row) => {
    const result = parseStoredOrder(row);
    return result.success ? result.data : null;
  });
  const askPlan = page.some((row) => row.reasonCode === "PLAN_INACTIVE");
  const facts = await loadPageFacts(
    shop,
    parsed.filter((order) => order !== null),
    { askPlan },
  );
  const orders = page.map((row, index): OrderRowView => {
    const order = parsed[index] ?? null;
    return {
      tiktokOrderId: row.tiktokOrderId,
      createdAt: row.createTime.toISOString(),
      status: row.syncStatus,
      reasonCode: row.reasonCode && isReasonCode(row.reasonCode) ? row.reasonCode : null,
      shopifyOrder: shopifyOrderLink(row),
      sync: syncButtonForRow(facts, row, order, now),
      ...(order ? summarizeOrder(order) : { buyer: null, items: { count: 0, first: null }, total: null }),
    };
  });
  return {
    connected: shop.connection !== null,
    counts,
    orders,
    pageInfo: {
      next: hasNext ? (page.at(-1)?.tiktokOrderId ?? null) : null,
      previous: hasPrevious ? (page[0]?.tiktokOrderId ?? null) : null,
    },
  };
}

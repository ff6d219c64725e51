import type { SyncStatus } from "@prisma/client";
import { z } from "zod";
import { listOrders } from "~/models/order-list.server";
import { findShopWithConnection } from "~/models/shop.server";
import { TIKTOK_ID } from "~/tiktok/ids";
import { isReasonCode, type ReasonCode } from "~/sync/reasons";
import { parseStoredOrder } from "~/sync/sync-context.server";
import { countOrdersByStatus } from "~/models/order-counts.server";
import { summarizeOrder, shopifyOrderLink, type OrderSummary } from "./order-views";
import { loadPageFacts, rowStatus, type RowStatus } from "./page-facts.server";

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

const orderId = z.string().regex(TIKTOK_ID);

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

export type OrderRowView = Omit<OrderSummary, "total"> &
  RowStatus & {
    /** Null when the stored TikTok order can't be read (its sync failed for that reason). */
    total: OrderSummary["total"] | null;
    tiktokOrderId: string;
    createdAt: string;
    shopifyOrder: { name: string; url: string | null } | null;
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
  const shop = await findShopWithConnection(shopDomain);
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
  const statuses = TAB_STATUSES[query.tab];
  const rows = await listOrders(
    shop.id,
    {
      ...(statuses ? { statuses } : {}),
      ...(query.reason ? { reasonCode: query.reason } : {}),
      ...(query.stage ? { reasonStage: query.stage } : {}),
      ...(query.q ? { idPrefix: query.q } : {}),
    },
    { ...(cursorId ? { cursorId } : {}), backwards, take },
  );
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
      shopifyOrder: shopifyOrderLink(row),
      ...rowStatus(facts, row, order, now),
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

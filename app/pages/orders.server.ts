import { shipByWarning, type ShipByWarning } from "~/fulfillment/ship-by";
import { trackingCells, type TrackingCell } from "./shipments-view.server";
import type { Shop, SyncStatus } from "@prisma/client";
import { countOrders, sumByStatus, type OrderCount } from "~/models/order-counts.server";
import { listOrderCurrencies } from "~/models/exchange-rate.server";
import { countListed, listOrders } from "~/models/order-list.server";
import { findShopWithConnections } from "~/models/shop.server";
import { describeReason, isBlockReason, isReasonCode } from "~/sync/reasons";
import { parseStoredOrder } from "~/sync/sync-context.server";
import { summarizeOrder, shopifyOrderLink, type OrderSummary } from "./order-views";
import {
  filterOf,
  type OrdersFilter,
  type OrdersQuery,
  type OrderTab,
  type QueryProblems,
} from "./orders-query";
import { loadPageFacts, rowStatus, type RowStatus } from "./page-facts.server";

export { ORDER_TABS, parseOrdersQuery, type OrdersQuery, type OrderTab } from "./orders-query";

export type OrderRowView = Omit<OrderSummary, "total"> &
  RowStatus & {
    /** Null when the stored TikTok order can't be read (its sync failed for that reason). */
    total: OrderSummary["total"] | null;
    tiktokOrderId: string;
    createdAt: string;
    shopifyOrder: { name: string; url: string | null } | null;
    /** The TikTok shop's name; null for an order stored before the app knew which shop sent it. */
    tiktokShop: string | null;
    /** Its Shopify fulfilments' way to TikTok; null when it has none. */
    tracking: TrackingCell | null;
    /** The buyer asked TikTok to cancel it, and the merchant hasn't answered. */
    cancelRequested: boolean;
    /** Cancelled in Shopify, still open on TikTok: the merchant is asked whether to cancel it there. */
    cancelOnTikTokAsked: boolean;
    /** Not shipped yet, and near or past TikTok's ship-by time. */
    shipBy: ShipByWarning | null;
  };

/**
 * Where the page is in the filtered list: rows `start` to `end` of `total`. Counting stops at a limit, so a
 * search may say "at least" (`totalAtLeast`), and a page very deep in a long list only that it is `past`
 * that many (`start` and `end` null).
 */
export type ListPosition = {
  start: number | null;
  end: number | null;
  past: number | null;
  total: number;
  totalAtLeast: boolean;
};

export type OrdersPage = {
  connected: boolean;
  /** The store's TikTok shops and its orders' currencies, to filter by (and show) when there are several. */
  shops: { id: string; name: string }[];
  currencies: string[];
  counts: Record<OrderTab, number>;
  orders: OrderRowView[];
  /** TikTok order ids to page from; null at either end. */
  pageInfo: { next: string | null; previous: string | null };
  position: ListPosition;
  /** Why the search or the dates can't be used; the list is then empty. */
  problems: QueryProblems;
};

export const PAGE_SIZE = 50;
// How far a count reads (ADR 017). A search or a date range is counted to 500 ("1–50 of 500+"): its
// matches are scattered through the table. The orders before a page are read in the list's own index.
export const COUNT_LIMIT = 500;
export const POSITION_LIMIT = 25_000;

const tabCounts = (byStatus: Record<SyncStatus, number>): Record<OrderTab, number> => ({
  all: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
  blocked: byStatus.BLOCKED,
  failed: byStatus.FAILED,
  pending: byStatus.PENDING + byStatus.SYNCING,
  synced: byStatus.SYNCED,
});

/** The orders a filter of statuses and reasons lists, from the counts the database keeps; null for others. */
function countedByTable(counts: readonly OrderCount[], filter: OrdersFilter): number | null {
  // The counts table counts by status and reason only: a shop, a currency, dates or a search are counted by
  // reading the list.
  if (filter.placed || filter.search !== undefined || filter.tiktokShopId || filter.currency) return null;
  const stageOf = (code: string | null) =>
    code && isReasonCode(code) && isBlockReason(code) ? describeReason(code).stage : null;
  return counts
    .filter((row) => !filter.statuses || filter.statuses.includes(row.syncStatus))
    .filter((row) => !filter.reasonCodes || filter.reasonCodes.some((code) => code === row.reasonCode))
    .filter((row) => !filter.reasonStage || stageOf(row.reasonCode) === filter.reasonStage)
    .reduce((sum, row) => sum + row.count, 0);
}

const NOTHING: Omit<OrdersPage, "connected" | "counts" | "problems" | "shops" | "currencies"> = {
  orders: [],
  pageInfo: { next: null, previous: null },
  position: { start: null, end: null, past: null, total: 0, totalAtLeast: false },
};

/** One page of a store's TikTok orders, newest first, with the tab counts, its place and each row's Sync. */
export async function loadOrdersPage(
  shopDomain: string,
  query: OrdersQuery,
  options: { now?: Date; take?: number } = {},
): Promise<OrdersPage> {
  const now = options.now ?? new Date();
  const take = options.take ?? PAGE_SIZE;
  const shop = await findShopWithConnections(shopDomain);
  const byReason = shop ? await countOrders(shop.id) : [];
  const counts = tabCounts(sumByStatus(byReason));
  const wanted = filterOf(query);
  if (!shop) return { connected: false, counts, problems: {}, shops: [], currencies: [], ...NOTHING };
  const connected = shop.connections.length > 0;
  const shops = shop.connections.map((c) => ({
    id: c.tiktokShopId,
    name: c.tiktokShopName ?? c.tiktokShopId,
  }));
  const currencies = await listOrderCurrencies(shop.id);
  const lists = { connected, counts, shops, currencies };
  if ("problems" in wanted) return { ...lists, problems: wanted.problems, ...NOTHING };
  const { filter } = wanted;

  const cursorId = query.before ?? query.after;
  const backwards = query.before !== undefined;
  // A list the counts table can't count (a search, dates) is counted as the page is read.
  const counted = countedByTable(byReason, filter);
  const countTo = counted === null ? COUNT_LIMIT + 1 : undefined;
  const { rows, ahead } = await listOrders(shop.id, filter, {
    ...(cursorId ? { cursorId } : {}),
    ...(countTo ? { countTo } : {}),
    backwards,
    take,
  });
  const more = rows.length > take;
  const page = more ? (backwards ? rows.slice(1) : rows.slice(0, take)) : rows;
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : cursorId !== undefined;

  const [orders, position] = await Promise.all([
    rowViews(shop, shops, page, now),
    positionOf(shop.id, filter, page[0]?.tiktokOrderId ?? null, {
      counted,
      ahead,
      first: !hasPrevious,
      last: !hasNext,
      rows: page.length,
    }),
  ]);
  return {
    ...lists,
    orders,
    pageInfo: {
      next: hasNext ? (page.at(-1)?.tiktokOrderId ?? null) : null,
      previous: hasPrevious ? (page[0]?.tiktokOrderId ?? null) : null,
    },
    position,
    problems: {},
  };
}

/** The rows as the table shows them, each with its Sync button judged on today's facts. */
async function rowViews(
  shop: Shop,
  shops: OrdersPage["shops"],
  page: Awaited<ReturnType<typeof listOrders>>["rows"],
  now: Date,
) {
  const parsed = page.map((row) => {
    const result = parseStoredOrder(row);
    return result.success ? result.data : null;
  });
  const askPlan = page.some((row) => row.reasonCode === "PLAN_INACTIVE");
  const tracking = await trackingCells(page.map((row) => row.id));
  const facts = await loadPageFacts(
    shop,
    parsed.filter((order) => order !== null),
    { askPlan, rows: page },
  );
  return page.map((row, index): OrderRowView => {
    const order = parsed[index] ?? null;
    return {
      tiktokOrderId: row.tiktokOrderId,
      createdAt: row.createTime.toISOString(),
      shopifyOrder: shopifyOrderLink(row),
      tiktokShop: shops.find((s) => s.id === row.tiktokShopId)?.name ?? row.tiktokShopId,
      tracking: tracking.get(row.id) ?? null,
      cancelRequested: row.cancelRequestStatus === "CANCELLATION_REQUEST_PENDING",
      cancelOnTikTokAsked: row.sellerCancelStatus === "ASKING",
      shipBy: order ? shipByWarning(order, now, row.shopifyCancelledAt !== null) : null,
      ...rowStatus(facts, row, order, now),
      ...(order ? summarizeOrder(order) : { buyer: null, items: { count: 0, first: null }, total: null }),
    };
  });
}

/**
 * The page's rows' place in the list: the orders before its first row are counted, as far as the limit.
 * The list's length is the counts table's (`counted`); or those before the page plus those the list read
 * from the page on (`ahead`); or, for a list that ends on this page, its last row; or else counted.
 */
async function positionOf(
  shopId: string,
  filter: OrdersFilter,
  firstId: string | null,
  page: { counted: number | null; ahead: number | null; first: boolean; last: boolean; rows: number },
): Promise<ListPosition> {
  const before = await (page.first || !firstId
    ? 0
    : countListed(shopId, filter, { limit: POSITION_LIMIT, newerThan: firstId }));
  const deep = before !== null && before >= POSITION_LIMIT;
  const start = before === null || deep || page.rows === 0 ? null : before + 1;
  const end = start === null ? null : start + page.rows - 1;
  const after = page.ahead ?? (page.last && end !== null ? page.rows : null);
  const total =
    page.counted ??
    (after !== null && !deep
      ? (before ?? 0) + Math.min(after, COUNT_LIMIT)
      : await countListed(shopId, filter, { limit: COUNT_LIMIT + 1 }));
  const atLeast = page.counted === null && (after ?? total ?? 0) > COUNT_LIMIT;
  // Orders that arrived since the count can put the page past it.
  const known = Math.max(
    atLeast && after === null ? COUNT_LIMIT : (total ?? 0),
    end ?? 0,
    deep ? POSITION_LIMIT : 0,
  );
  return { start, end, past: deep ? POSITION_LIMIT : null, total: known, totalAtLeast: atLeast };
}

import type { SyncStatus } from "@prisma/client";
import { z } from "zod";
import { REASON_CODES, describeReason, isReasonCode, type Attention, type ReasonCode } from "~/sync/reasons";
import { TIKTOK_ID } from "~/tiktok/ids";
import { isTimeZone, startOfDay } from "./time-zone";

export const ORDER_TABS = ["all", "blocked", "failed", "pending", "synced"] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

// "Pending" covers orders being created right now: both are on their way.
export const TAB_STATUSES: Record<OrderTab, SyncStatus[] | null> = {
  all: null,
  blocked: ["BLOCKED"],
  failed: ["FAILED"],
  pending: ["PENDING", "SYNCING"],
  synced: ["SYNCED"],
};

/** Reasons by how the merchant reads them: what needs them, and what syncs once a wait ends. */
export const ATTENTION_FILTERS = ["action", "waiting"] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number] & Attention;
export const reasonsNeeding = (attention: AttentionFilter): ReasonCode[] =>
  REASON_CODES.filter((code) => describeReason(code).attention === attention);

export const SEARCH_MAX = 64;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) =>
  DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const orderId = z.string().regex(TIKTOK_ID);

/**
 * The Orders list's URL parameters. A value the app made and that doesn't fit is dropped; what the merchant
 * typed (the search, the dates) is kept as typed, and `filterOf` says why it can't be used.
 */
export const ordersQuerySchema = z.object({
  tab: z.enum(ORDER_TABS).catch("all"),
  reason: z
    .custom<ReasonCode>((value) => typeof value === "string" && isReasonCode(value))
    .optional()
    .catch(undefined),
  stage: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  attention: z.enum(ATTENTION_FILTERS).optional().catch(undefined),
  // The TikTok shop (its id) and the currency the orders were placed in.
  shop: z.string().regex(TIKTOK_ID).optional().catch(undefined),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .catch(undefined),
  // Whitespace runs read as one space; a search far too long to be one is not echoed back.
  q: z
    .string()
    .max(1000)
    .transform((text) => text.trim().replace(/\s+/g, " "))
    .transform((text) => text || undefined)
    .optional()
    .catch(undefined),
  from: z.string().max(20).optional().catch(undefined),
  to: z.string().max(20).optional().catch(undefined),
  tz: z.string().max(64).optional().catch(undefined),
  after: orderId.optional().catch(undefined),
  before: orderId.optional().catch(undefined),
});
export type OrdersQuery = z.infer<typeof ordersQuerySchema>;

export const parseOrdersQuery = (params: URLSearchParams): OrdersQuery => {
  const query = ordersQuerySchema.parse(Object.fromEntries(params));
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as OrdersQuery;
};

/** Why the search or the dates can't be used, in the merchant's words. */
export type QueryProblems = { q?: string; placed?: string };

export type OrdersFilter = {
  statuses?: SyncStatus[];
  reasonCodes?: ReasonCode[];
  reasonStage?: number;
  tiktokShopId?: string;
  currency?: string;
  placed?: { from?: Date; to?: Date };
  search?: string;
};

/** The list's filter, or what is wrong with the search or the dates: never all orders instead. */
export function filterOf(query: OrdersQuery): { filter: OrdersFilter } | { problems: QueryProblems } {
  const problems: QueryProblems = {};
  const search = query.q;
  if (search !== undefined && search.length > SEARCH_MAX)
    problems.q = `Search for at most ${SEARCH_MAX} characters: an order ID, an order name, a name or a SKU.`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
  else if (search !== undefined && /[\u0000-\u001f\u007f]|\p{Cs}/u.test(search))
    problems.q = "The search contains characters that can't be searched for.";
  const placed = placedOf(query, problems);
  if (problems.q || problems.placed) return { problems };
  const statuses = TAB_STATUSES[query.tab];
  const reasons = query.reason ? [query.reason] : undefined;
  const group = query.attention ? reasonsNeeding(query.attention) : undefined;
  const reasonCodes = reasons && group ? reasons.filter((code) => group.includes(code)) : (reasons ?? group);
  return {
    filter: {
      ...(statuses ? { statuses } : {}),
      ...(reasonCodes ? { reasonCodes } : {}),
      ...(query.stage ? { reasonStage: query.stage } : {}),
      ...(query.shop ? { tiktokShopId: query.shop } : {}),
      ...(query.currency ? { currency: query.currency } : {}),
      ...(placed ? { placed } : {}),
      ...(search !== undefined ? { search } : {}),
    },
  };
}

/** The placed-between filter: from the start of `from` to the end of `to`, in the merchant's time zone. */
function placedOf(query: OrdersQuery, problems: QueryProblems): OrdersFilter["placed"] {
  if (query.from === undefined && query.to === undefined) return undefined;
  const tz = query.tz ?? "UTC";
  if (!isTimeZone(tz)) problems.placed = "The time zone of the dates isn't known: choose the dates again.";
  else if ([query.from, query.to].some((day) => day !== undefined && !isDay(day)))
    problems.placed = "Enter dates as YYYY-MM-DD.";
  else if (query.from && query.to && query.from > query.to)
    problems.placed = "The first date is after the last one.";
  if (problems.placed) return undefined;
  return {
    ...(query.from ? { from: startOfDay(query.from, tz) } : {}),
    ...(query.to ? { to: startOfDay(query.to, tz, 1) } : {}),
  };
}

import type { AttemptOutcome, SyncTrigger } from "@prisma/client";
import { z } from "zod";
import { findOrderWithAttempts } from "~/models/order-list.server";
import { toOrderCreateInput } from "~/sync/mapping";
import { plainFailure } from "~/sync/failures";
import { isBlockReason, isReasonCode, type ReasonCode } from "~/sync/reasons";
import { parseStoredOrder } from "~/sync/sync-context.server";
import type { TikTokLineItem, TikTokOrder } from "~/tiktok/types";
import { compareMoney, type MoneyComparison } from "./money-comparison";
import { shopifyOrderLink, summarizeOrder, tiktokStatusInWords, type OrderSummary } from "./order-views";
import { loadShippingView, type ShippingView } from "./shipments-view.server";
import { cancelRequestView, type CancelRequestView } from "./cancel-requests.server";
import { sellerCancelView, type SellerCancelView } from "./seller-cancel.server";
import { loadPageFacts, moneyFor, rowStatus, type PageFacts, type RowStatus } from "./page-facts.server";

export type LinkState = "linked" | "not_linked" | "variant_deleted";
export type StageResult = {
  stage: number;
  status: "passed" | "failed" | "skipped" | "not_reached";
  reasons: ReasonCode[];
};

export type AttemptView = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  trigger: SyncTrigger;
  outcome: AttemptOutcome;
  reasonCode: ReasonCode | null;
  stages: StageResult[];
  /** Shopify's or TikTok's message, verbatim. */
  errorDetail: string | null;
  /** A failed attempt's message in plain words. */
  plain: string | null;
};

export type LineView = {
  skuId: string;
  productName: string;
  skuName: string | null;
  sellerSku: string | null;
  quantity: number;
  link: LinkState;
};

export type PaymentView = {
  method: string | null;
  cod: boolean;
  /** A cash-on-delivery order: when its payment was recorded in Shopify (ISO), null until then. */
  recordedAt: string | null;
};

export type OrderDetail = RowStatus & {
  tiktokOrderId: string;
  /** The TikTok shop the order was placed in, by name; null when the app does not know which. */
  tiktokShop: string | null;
  tiktokStatus: string;
  /** TikTok's status in words ("Awaiting shipment"), and who ships the order. */
  tiktokStatusText: string;
  /** Null for a fulfilment type TikTok added since: `fulfillmentType` shows it as sent. */
  fulfilledBy: "TikTok" | "Tokopedia" | "you" | null;
  fulfillmentType: string | null;
  /** How the buyer receives the order, when not delivered home: a pick-up point, or a type TikTok added. */
  delivery: string | null;
  /** How TikTok sells the order when not as a plain one ("Pre-order"); a type TikTok added reads as sent. */
  orderType: string | null;
  /** A replacement or exchange TikTok sent at no charge, and the order it stands for when TikTok names it. */
  replaces: { kind: "replacement" | "exchange"; original: string | null } | null;
  createdAt: string;
  /** How the buyer pays, as TikTok names it; cash on delivery is paid to the courier when delivered. */
  payment: PaymentView | null;
  shopifyOrder: { name: string; url: string | null } | null;
  summary: OrderSummary | null;
  attempts: AttemptView[];
  lines: LineView[];
  money: MoneyComparison | null;
  /** The way back: Shopify fulfilments sent to TikTok. */
  shipping: ShippingView;
  /** The buyer's cancellation request on TikTok, waiting for the merchant's answer or answered. */
  cancelRequest: CancelRequestView | null;
  /** Cancelled in Shopify by the merchant: whether to cancel it on TikTok too, or what came of it. */
  sellerCancel: SellerCancelView | null;
  raw: string;
};

const stagesSchema = z.array(
  z.looseObject({
    stage: z.number(),
    status: z.enum(["passed", "failed", "skipped", "not_reached"]),
    reason: z.string().optional(),
    skipped: z.array(z.string()).optional(),
  }),
);

const FULFILLED_BY: Record<string, OrderDetail["fulfilledBy"]> = {
  FULFILLMENT_BY_SELLER: "you",
  FULFILLMENT_BY_TIKTOK: "TikTok",
  FULFILLMENT_BY_DILAYANI_TOKOPEDIA: "Tokopedia",
};

/** TikTok's delivery type in words; home delivery (or none sent) says nothing, a type TikTok added reads as sent. */
function deliveryInWords(type: string | undefined): string | null {
  if (!type || type === "HOME_DELIVERY") return null;
  return type === "COLLECTION_POINT" ? "Collected by the buyer at a pick-up point" : type;
}

const ORDER_TYPES: Record<string, string> = {
  PRE_ORDER: "Pre-order: it ships later than TikTok's usual handling time",
  MADE_TO_ORDER: "Made to order",
  BACK_ORDER: "Back order",
  ZERO_LOTTERY: "Zero lottery",
};
const orderTypeInWords = (type: string) => ORDER_TYPES[type] ?? type;

function replacementOf(order: TikTokOrder): OrderDetail["replaces"] {
  const kind = order.is_replacement_order ? "replacement" : order.is_exchange_order ? "exchange" : null;
  if (!kind) return null;
  return { kind, original: order.replaced_order_id ?? order.exchange_source_order_id ?? null };
}

/** Everything the order page shows; null when the store has no such order (another store's included). */
export async function loadOrderDetail(
  shopDomain: string,
  tiktokOrderId: string,
  now = new Date(),
): Promise<OrderDetail | null> {
  const row = await findOrderWithAttempts(shopDomain, tiktokOrderId);
  if (!row) return null;
  const parsed = parseStoredOrder(row);
  const order = parsed.success ? parsed.data : null;
  const facts = await loadPageFacts(row.shop, order ? [order] : [], {
    askPlan: row.reasonCode === "PLAN_INACTIVE",
    rows: [row],
  });
  return {
    tiktokOrderId: row.tiktokOrderId,
    tiktokShop: row.tiktokShopId ? (facts.connections.get(row.tiktokShopId)?.name ?? row.tiktokShopId) : null,
    tiktokStatus: row.tiktokStatus,
    tiktokStatusText: tiktokStatusInWords(row.tiktokStatus),
    // TikTok leaves it out on a seller's own orders.
    fulfilledBy: FULFILLED_BY[row.fulfillmentType ?? "FULFILLMENT_BY_SELLER"] ?? null,
    fulfillmentType: row.fulfillmentType,
    delivery: order ? deliveryInWords(order.delivery_type) : null,
    replaces: order ? replacementOf(order) : null,
    orderType: order?.order_type && order.order_type !== "NORMAL" ? orderTypeInWords(order.order_type) : null,
    createdAt: row.createTime.toISOString(),
    payment: order
      ? {
          method: order.payment_method_name?.trim() || null,
          cod: order.is_cod === true,
          recordedAt: row.shopifyPaidAt?.toISOString() ?? null,
        }
      : null,
    shopifyOrder: shopifyOrderLink(row),
    ...rowStatus(facts, row, order, now),
    summary: order ? summarizeOrder(order) : null,
    attempts: row.attempts.map((attempt) => {
      const reasonCode = attempt.reasonCode && isReasonCode(attempt.reasonCode) ? attempt.reasonCode : null;
      const failed = attempt.outcome === "FAILED" && reasonCode && !isBlockReason(reasonCode);
      return {
        id: attempt.id,
        startedAt: attempt.startedAt.toISOString(),
        finishedAt: attempt.finishedAt?.toISOString() ?? null,
        trigger: attempt.trigger,
        outcome: attempt.outcome,
        reasonCode,
        stages: stageResults(attempt.stages),
        errorDetail: attempt.errorDetail,
        plain: failed && attempt.errorDetail ? plainFailure(reasonCode, attempt.errorDetail, order) : null,
      };
    }),
    lines: order ? linesOf(order.line_items, facts) : [],
    money: order
      ? compareMoney(
          order.payment,
          toOrderCreateInput(order, {
            settings: facts.mapping,
            links: facts.links,
            now,
            money: moneyFor(facts, order),
          }),
        )
      : null,
    shipping: await loadShippingView(row.id, order, {
      now,
      cancelledInShopify: row.shopifyCancelledAt !== null,
      tiktokReturns: row.tiktokReturns,
      merchantRefunds: row.merchantRefunds,
    }),
    cancelRequest: await cancelRequestView(shopDomain, row),
    sellerCancel: sellerCancelView(row),
    raw: JSON.stringify(row.raw, null, 2),
  };
}

function stageResults(stored: unknown): StageResult[] {
  const parsed = stagesSchema.safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data.map((trace) => ({
    stage: trace.stage,
    status: trace.status,
    reasons: [trace.reason, ...(trace.skipped ?? [])].filter(
      (code): code is ReasonCode => code !== undefined && isReasonCode(code),
    ),
  }));
}

/** TikTok's one-line-per-unit lines, one per SKU, with the SKU's link as the checks see it. */
function linesOf(items: readonly TikTokLineItem[], facts: PageFacts): LineView[] {
  const bySku = new Map<string, LineView>();
  for (const item of items) {
    const line = bySku.get(item.sku_id);
    if (line) {
      line.quantity++;
      continue;
    }
    const link = facts.links.get(item.sku_id);
    bySku.set(item.sku_id, {
      skuId: item.sku_id,
      productName: item.product_name,
      skuName: item.sku_name ?? null,
      sellerSku: item.seller_sku ?? null,
      quantity: 1,
      link: !link ? "not_linked" : link.variantExists ? "linked" : "variant_deleted",
    });
  }
  return [...bySku.values()];
}

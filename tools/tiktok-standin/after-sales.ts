import type { TikTokLineItem, TikTokOrder } from "../../app/tiktok/types";
import { fromCents, toCents } from "./money";
import type { OrderRecord } from "./order-builder";
import { refuse } from "./refusal";
import type { Shop, StandinState } from "./state";
import { WEBHOOK_TYPES, type WebhookSender } from "./webhooks";

/**
 * Cancellations and returns (Open API 202309, prefix /return_refund/202309), as TikTok's search endpoints
 * serve them. The records keep TikTok's field names, so the control API and the Open API show the same JSON.
 */
export type CancelStatus =
  "CANCELLATION_REQUEST_PENDING" | "CANCELLATION_REQUEST_CANCEL" | "CANCELLATION_REQUEST_COMPLETE";
export type ReturnStatus =
  | "RETURN_OR_REFUND_REQUEST_PENDING"
  | "REFUND_OR_RETURN_REQUEST_REJECT"
  | "AWAITING_BUYER_SHIP"
  | "BUYER_SHIPPED_ITEM"
  | "RETURN_OR_REFUND_REQUEST_COMPLETE";
export type ReturnType = "REFUND" | "RETURN_AND_REFUND";

/** What the buyer gets back; `refund_total` is the sum of the other amounts, to the cent. */
export type RefundAmount = {
  currency: string;
  refund_total: string;
  refund_subtotal: string;
  refund_shipping_fee: string;
  refund_tax: string;
  retail_delivery_fee: string;
};
/** One line item's share: its sale price and its tax. */
export type LineRefund = { currency: string; refund_total: string };

export type StandinCancellation = {
  cancel_id: string;
  order_id: string;
  /** BUYER_CANCEL when the buyer asked, CANCEL when the seller cancelled. */
  cancel_type: "BUYER_CANCEL" | "CANCEL";
  role: "BUYER" | "SELLER";
  cancel_status: CancelStatus;
  cancel_reason: string;
  cancel_line_items: { order_line_item_id: string; refund_amount: LineRefund }[];
  refund_amount: RefundAmount;
  /** Set when the seller rejected the request. */
  reject_reason?: string;
  create_time: number;
  update_time: number;
};

export type StandinReturn = {
  return_id: string;
  order_id: string;
  return_type: ReturnType;
  return_status: ReturnStatus;
  role: "BUYER";
  return_line_items: {
    return_line_item_id: string;
    order_line_item_id: string;
    refund_amount: LineRefund;
  }[];
  refund_amount: RefundAmount;
  /** Set when the seller rejected the request. */
  reject_reason?: string;
  create_time: number;
  update_time: number;
};

export type CancellationRecord = { shopId: string; cancellation: StandinCancellation };
export type ReturnRecord = { shopId: string; returnOrder: StandinReturn };

/**
 * The stand-in's codes for refusing a cancellation or return call. Like PACKAGE_ERRORS they are its own
 * (TikTok documents these errors per endpoint), 8 digits in TikTok's style; tell them apart by code.
 */
export const AFTER_SALES_ERRORS = {
  /** 404: no such order, or another shop's. */
  ORDER_NOT_FOUND: 25021001,
  /** 404: no such cancellation, or another shop's. */
  CANCELLATION_NOT_FOUND: 25021002,
  /** 404: no such return, or another shop's. */
  RETURN_NOT_FOUND: 25021003,
  /** 404: reject reasons asked for an id that is neither a cancellation nor a return of the shop. */
  REQUEST_NOT_FOUND: 25021004,
  /** IN_TRANSIT, DELIVERED, COMPLETED, or a package with a tracking number: too late to cancel. */
  ORDER_NOT_CANCELLABLE: 25021005,
  /** The order is already CANCELLED. */
  ORDER_ALREADY_CANCELLED: 25021006,
  /** A seller cancel reason that is not one of the shop's region's. */
  INVALID_CANCEL_REASON: 25021007,
  /** The seller cancels an order whose buyer has a cancellation request pending: answer that instead. */
  CANCELLATION_PENDING: 25021008,
  /** Approving or rejecting a cancellation that is no longer pending. */
  CANCELLATION_NOT_PENDING: 25021009,
  /** A reject reason that GET /return_refund/202309/reject_reasons does not list for the request. */
  INVALID_REJECT_REASON: 25021010,
  /** A return decision that does not fit the return's type and status. */
  DECISION_NOT_ALLOWED: 25021011,
} as const;

/** The reasons a seller may give for rejecting a buyer's cancellation request. */
export const CANCELLATION_REJECT_REASONS = [
  { name: "seller_reject_apply_product_has_been_packed", text: "The product has been packed" },
  { name: "seller_reject_apply_package_handed_to_carrier", text: "The package is with the carrier" },
  { name: "seller_reject_apply_agreed_with_buyer", text: "Agreed with the buyer to keep the order" },
] as const;

/** The reasons a seller may give for rejecting a refund or return request. */
export const RETURN_REJECT_REASONS = [
  { name: "seller_reject_return_product_used_or_damaged", text: "The item was used or damaged" },
  { name: "seller_reject_return_outside_return_window", text: "The return window has closed" },
  { name: "seller_reject_return_no_evidence", text: "No evidence of the problem was provided" },
] as const;

/**
 * The seller cancel reasons the stand-in accepts, with the text the order's `cancel_reason` shows. GB
 * shops have `_uk` variants (seen in public client code); a GB shop may send either form.
 */
export const SELLER_CANCEL_REASONS = {
  seller_cancel_reason_out_of_stock: "Out of stock",
  seller_cancel_reason_wrong_price: "Pricing error",
  seller_cancel_reason_buyer_request: "Buyer requested cancellation",
} as const;

/** The text of a seller cancel reason the shop's region accepts, or undefined. */
export function sellerCancelReasonText(shop: Shop, reason: string): string | undefined {
  const base = shop.region.toUpperCase() === "GB" ? reason.replace(/_uk$/, "") : reason;
  return Object.entries(SELLER_CANCEL_REASONS).find(([name]) => name === base)?.[1];
}

/** The buyer's money back for these lines, to the cent: sale prices, their tax, and optionally shipping. */
export function refundFor(
  order: TikTokOrder,
  lineIds: readonly string[],
  include: { shipping: boolean; retailDeliveryFee: boolean },
): { lines: { lineId: string; refund: LineRefund }[]; total: RefundAmount } {
  const { payment } = order;
  const currency = payment.currency;
  // Nothing was paid yet (unpaid, or cash on delivery before delivery): nothing to give back.
  const paid = order.paid_time !== undefined;
  const cents = (amount: number) => (paid ? amount : 0);
  const lines = order.line_items.filter((line) => lineIds.includes(line.id));
  const lineTax = (line: TikTokLineItem) =>
    (line.item_tax ?? []).reduce((sum, tax) => sum + toCents(tax.tax_amount), 0);
  const subtotal = cents(lines.reduce((sum, line) => sum + toCents(line.sale_price), 0));
  const shipping = cents(include.shipping ? toCents(payment.shipping_fee) : 0);
  const tax = cents(
    lines.reduce((sum, line) => sum + lineTax(line), 0) +
      (include.shipping ? toCents(payment.shipping_fee_tax) : 0),
  );
  const retail = cents(include.retailDeliveryFee ? toCents(payment.retail_delivery_fee) : 0);
  return {
    lines: lines.map((line) => ({
      lineId: line.id,
      refund: { currency, refund_total: fromCents(cents(toCents(line.sale_price) + lineTax(line))) },
    })),
    total: {
      currency,
      refund_total: fromCents(subtotal + shipping + tax + retail),
      refund_subtotal: fromCents(subtotal),
      refund_shipping_fee: fromCents(shipping),
      refund_tax: fromCents(tax),
      retail_delivery_fee: fromCents(retail),
    },
  };
}

/** The shop's order, for the Open API; another shop's is as absent as one that does not exist. */
export function shopOrder(state: StandinState, shop: Shop, orderId: string): OrderRecord {
  const record = state.orders.get(orderId);
  if (record?.shopId === shop.id) return record;
  throw refuse(404, AFTER_SALES_ERRORS.ORDER_NOT_FOUND, `Order ${orderId} does not exist.`);
}

export function shopCancellation(state: StandinState, shop: Shop, cancelId: string): CancellationRecord {
  const record = state.cancellations.get(cancelId);
  if (record?.shopId === shop.id) return record;
  throw refuse(404, AFTER_SALES_ERRORS.CANCELLATION_NOT_FOUND, `Cancellation ${cancelId} does not exist.`);
}

export function shopReturn(state: StandinState, shop: Shop, returnId: string): ReturnRecord {
  const record = state.returns.get(returnId);
  if (record?.shopId === shop.id) return record;
  throw refuse(404, AFTER_SALES_ERRORS.RETURN_NOT_FOUND, `Return ${returnId} does not exist.`);
}

/** A record's update_time strictly increases, as an order's does. */
export function touched(previous: number, now: number): number {
  return Math.max(now, previous + 1);
}

/** Type 11, `create_time` being when this status began (the request's creation for a new one). */
export function cancellationWebhook(webhooks: WebhookSender, { shopId, cancellation }: CancellationRecord) {
  return webhooks.emit(WEBHOOK_TYPES.CANCELLATION_STATUS_CHANGE, shopId, {
    order_id: cancellation.order_id,
    cancellations_role: cancellation.role,
    cancel_status: cancellation.cancel_status,
    cancel_id: cancellation.cancel_id,
    create_time: cancellation.update_time,
  });
}

/** Type 12. */
export function returnWebhook(webhooks: WebhookSender, { shopId, returnOrder }: ReturnRecord) {
  return webhooks.emit(WEBHOOK_TYPES.RETURN_STATUS_CHANGE, shopId, {
    order_id: returnOrder.order_id,
    return_role: returnOrder.role,
    return_type: returnOrder.return_type,
    return_status: returnOrder.return_status,
    return_id: returnOrder.return_id,
    create_time: returnOrder.create_time,
    update_time: returnOrder.update_time,
  });
}

/** Newest first, as TikTok's searches list them; the id breaks a tie within one second. */
export function newestFirst<T extends { create_time: number }>(items: T[], id: (item: T) => string): T[] {
  return [...items].sort((a, b) => b.create_time - a.create_time || id(b).localeCompare(id(a)));
}

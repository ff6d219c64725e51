import type { TikTokOrder } from "~/tiktok/types";
import { buyerContactFrom, usableEmail } from "./buyer-contact";
import { orderAttributes } from "./map-attributes";
import { mapCharges } from "./map-charges";
import { mapLineItems, type MappingFailure } from "./map-lines";
import { formatAmount, parseAmount, ZERO, type Amount } from "./money";
import type {
  InventoryBehaviour,
  OrderCreateInput,
  OrderCreateOrderInput,
  OrderCreateOrderTransactionInput,
} from "./shopify-order-input";

export { ATTRIBUTE } from "./map-attributes";
export type { MappingFailure } from "./map-lines";

export interface MappingContext {
  settings: {
    orderTags: readonly string[];
    /** "TT-{id}": `{id}` becomes the TikTok order id. */
    orderNameFormat: string;
    inventoryBehaviour: InventoryBehaviour;
    notifyCustomer: boolean;
    sampleOrderTag: string;
  };
  /** Keyed by TikTok `sku_id`. */
  links: ReadonlyMap<string, { variantId: string }>;
  now: Date;
}

export type MappingResult = ({ ok: true } & OrderCreateInput) | { ok: false; failure: MappingFailure };

/** Shopify's `sourceName` for every order the app creates; `orders(query: "source_name:…")` finds them. */
export const SOURCE_NAME = "tiktok_shop";
export const PAYMENT_GATEWAY = "TikTok Shop";
export const DISCOUNT_CODE = "TIKTOK-SHOP";
/** Tag of an order created while TikTok still withholds its address (on-hold rule "sync"). */
export const ADDRESS_PENDING_TAG = "TikTok address pending";
/** Shopify's manual payment method for cash on delivery: the method a COD order's payment is recorded under. */
export const COD_PAYMENT_METHOD = "Cash on Delivery (COD)";
export const REPLACEMENT_TAG = "TikTok replacement";
export const EXCHANGE_TAG = "TikTok exchange";
/** Tag of an order (or one with a line) TikTok sells as a pre-order: it ships later than the others. */
export const PRE_ORDER_TAG = "TikTok pre-order";

/**
 * The `orderCreate` input for a TikTok order: pure, and its Shopify total equals TikTok's `total_amount` in
 * TikTok's currency. Seller and platform discounts form the order's discount and who funds which is kept in
 * attributes (docs/decisions/002-platform-discounts.md). Fails, naming the field, when a line has no link.
 */
export function toOrderCreateInput(order: TikTokOrder, ctx: MappingContext): MappingResult {
  const currency = order.payment.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    const failure = {
      code: "MISSING_REQUIRED_FIELD",
      field: "payment.currency",
      message: "No currency.",
    } as const;
    return { ok: false, failure };
  }
  const mapped = mapLineItems(order.line_items, ctx.links, currency);
  if (!mapped.ok) return mapped;
  const { lines } = mapped;
  const charges = mapCharges(order, lines, currency);
  const contact = buyerContactFrom(order.recipient_address);
  const money = (amount: Amount) => ({
    shopMoney: { amount: formatAmount(amount, currency), currencyCode: currency },
  });
  const discount = lines.gross - lines.net + (charges.unexplained < ZERO ? -charges.unexplained : ZERO);
  const email = usableEmail(order.buyer_email);
  const missing = contact.shippingAddress ? undefined : missingAddress(order);
  const tags = [
    ...ctx.settings.orderTags,
    ...(order.is_sample_order ? [ctx.settings.sampleOrderTag] : []),
    ...(missing?.pending ? [ADDRESS_PENDING_TAG] : []),
    ...(order.is_replacement_order ? [REPLACEMENT_TAG] : []),
    ...(order.is_exchange_order ? [EXCHANGE_TAG] : []),
    ...(isPreOrder(order) ? [PRE_ORDER_TAG] : []),
  ];
  // Shopify refuses a processedAt in the future (PROCESSED_AT_INVALID): a clock ahead of ours is clamped.
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  const placedAt = Math.min(order.create_time, nowSeconds);
  const payment = paymentOf(order, nowSeconds);

  const notes = [missing?.note, deliveryNote(order), replacementNote(order)].filter((note) => !!note);

  const shopifyOrder: OrderCreateOrderInput = {
    name: orderName(ctx.settings.orderNameFormat, order.id),
    currency,
    processedAt: isoFromUnixSeconds(placedAt),
    sourceName: SOURCE_NAME,
    sourceIdentifier: order.id,
    financialStatus: payment.received ? "PAID" : "PENDING",
    taxesIncluded: charges.taxesIncluded,
    lineItems: lines.lineItems,
    shippingLines: charges.shippingLines,
    ...(charges.orderTaxLines.length > 0 ? { taxLines: charges.orderTaxLines } : {}),
    ...(discount > ZERO
      ? { discountCode: { itemFixedDiscountCode: { code: DISCOUNT_CODE, amountSet: money(discount) } } }
      : {}),
    transactions: payment.received ? sale(parseAmount(order.payment.total_amount), money, payment) : [],
    ...(contact.shippingAddress ? { shippingAddress: contact.shippingAddress } : {}),
    ...(email ? { email } : {}),
    buyerAcceptsMarketing: false,
    tags: [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))],
    customAttributes: orderAttributes(order, {
      currency,
      lines,
      unexplained: charges.unexplained,
      maskedPostalCode: contact.maskedPostalCode,
      addressMissing: missing?.detail,
    }),
    ...(notes.length > 0 ? { note: notes.join("\n") } : {}),
  };
  const options = {
    inventoryBehaviour: ctx.settings.inventoryBehaviour,
    sendReceipt: ctx.settings.notifyCustomer,
    sendFulfillmentReceipt: ctx.settings.notifyCustomer,
  };
  return { ok: true, order: shopifyOrder, options };
}

/** TikTok statuses after which a cash-on-delivery order's cash was collected. */
const DELIVERED_STATUSES: ReadonlySet<string> = new Set(["DELIVERED", "COMPLETED"]);

/** Whether TikTok reports a cash-on-delivery order delivered, so its cash collected. */
export function isCodDelivered(order: TikTokOrder): boolean {
  return order.is_cod === true && DELIVERED_STATUSES.has(order.status);
}

/** When a delivered COD order was paid: TikTok's delivery time, else its paid or update time; never ahead. */
export function codPaidAt(order: TikTokOrder, nowSeconds: number): number {
  return Math.min(order.delivery_time ?? order.paid_time ?? order.update_time, nowSeconds);
}

type Payment = { received: boolean; gateway: string; at: number };

/**
 * What the buyer has paid by now (docs/decisions/024-cash-on-delivery-and-replacements.md): a prepaid order
 * TikTok's total, at its paid time; a cash-on-delivery order nothing until TikTok reports it delivered (the
 * payment is recorded then, under Shopify's COD method); a replacement or exchange nothing, as TikTok charges
 * the buyer nothing for it (never a second sale); an order cancelled before it was paid (no paid time),
 * nothing: Sync can force a cancelled order through, and it must not record a sale that never happened.
 */
function paymentOf(order: TikTokOrder, nowSeconds: number): Payment {
  if (order.is_replacement_order || order.is_exchange_order)
    return {
      received: parseAmount(order.payment.total_amount) <= ZERO,
      gateway: PAYMENT_GATEWAY,
      at: nowSeconds,
    };
  if (order.is_cod === true) {
    const delivered = isCodDelivered(order);
    return { received: delivered, gateway: COD_PAYMENT_METHOD, at: codPaidAt(order, nowSeconds) };
  }
  const neverPaid = order.paid_time === undefined && order.status === "CANCELLED";
  return {
    received: !neverPaid,
    gateway: PAYMENT_GATEWAY,
    at: Math.min(order.paid_time ?? nowSeconds, nowSeconds),
  };
}

// The buyer paid TikTok's total. A free order (a sample) records no payment: there is no sale to record.
function sale(
  total: Amount,
  money: (amount: Amount) => OrderCreateOrderTransactionInput["amountSet"],
  payment: Payment,
): OrderCreateOrderTransactionInput[] {
  if (total <= ZERO) return [];
  return [
    {
      kind: "SALE",
      status: "SUCCESS",
      gateway: payment.gateway,
      amountSet: money(total),
      processedAt: isoFromUnixSeconds(payment.at),
    },
  ];
}

/**
 * Why an order has no shipping address, and what the Shopify order says of it. TikTok withholds it while the
 * order is on hold (tagged until it comes); a cancelled order's was blanked (nothing added: no address is
 * coming); any other order's is awaited.
 */
function missingAddress(order: TikTokOrder): { pending: boolean; note?: string; detail?: string } {
  if (order.status === "CANCELLED" || order.cancel_time !== undefined) return { pending: false };
  // As at stage 5: `is_on_hold_order` says the order was or will be on hold; the status says it is now.
  if (order.status === "ON_HOLD")
    return {
      pending: true,
      note: "TikTok withholds the shipping address while the order is on hold; it is added when the hold ends.",
      detail: "Pending: TikTok withholds it while the order is on hold",
    };
  return {
    pending: true,
    note: "TikTok has not sent the shipping address yet; it is added when TikTok sends it.",
    detail: "Pending: TikTok has not sent it yet",
  };
}

function isPreOrder(order: TikTokOrder): boolean {
  return order.order_type === "PRE_ORDER" || order.line_items.some((line) => line.sku_type === "PRE_ORDER");
}

function deliveryNote(order: TikTokOrder): string | undefined {
  if (order.delivery_type !== "COLLECTION_POINT") return undefined;
  return "Delivery: COLLECTION_POINT. The buyer collects the order at a pick-up point: the shipping address is the point's.";
}

function replacementNote(order: TikTokOrder): string | undefined {
  const kind = order.is_replacement_order ? "replacement" : order.is_exchange_order ? "exchange" : undefined;
  if (!kind) return undefined;
  const original = order.replaced_order_id ?? order.exchange_source_order_id;
  return `A TikTok ${kind} order${original ? ` for TikTok order ${original}` : ""}: the buyer was not charged again.`;
}

export function orderName(format: string, tiktokOrderId: string): string {
  return format.includes("{id}") ? format.replaceAll("{id}", tiktokOrderId) : `${format}${tiktokOrderId}`;
}

function isoFromUnixSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

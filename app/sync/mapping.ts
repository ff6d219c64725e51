import type { TikTokOrder } from "~/tiktok/types";
import { buyerContactFrom, usableEmail } from "./buyer-contact";
import { orderAttributes } from "./map-attributes";
import { mapCharges } from "./map-charges";
import { mapLineItems, type MappingFailure, type MoneyBagOf } from "./map-lines";
import { convertAmount, formatAmount, formatRate, parseAmount, parseRate, ZERO, type Amount } from "./money";
import { orderMetafields } from "./order-metafields";
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
  /**
   * The Shopify store's currency and, when TikTok's currency differs, the rate the merchant set in Settings:
   * 1 unit of TikTok's currency = `rate.value` units of the store's currency. Absent: the store's currency is
   * taken to be TikTok's (as before).
   */
  money?: { shopCurrency: string; rate?: { value: string; setAt: Date } };
  /**
   * The URL of a TikTok order's page in the app (inside Shopify admin), which Shopify shows on the order as
   * where it came from. Absent: the order has no `sourceUrl`.
   */
  orderPageUrl?: (tiktokOrderId: string) => string;
  /** The TikTok shop the order was placed in, for its metafield; absent or null when not known. */
  tiktokShopId?: string | null;
}

/** `exchangeRate`, when the amounts were converted: units of the store's currency per unit of TikTok's. */
export type MappingResult =
  ({ ok: true; exchangeRate?: string } & OrderCreateInput) | { ok: false; failure: MappingFailure };

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
 * A store in another currency gets the order in TikTok's as its presentment currency, every amount also
 * converted at the merchant's rate; without a rate the order fails (EXCHANGE_RATE_MISSING). The order carries
 * the app's metafields and, given the address of the order's page in the app, links back to it (ADR 029).
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
  const conversion = conversionOf(currency, ctx.money);
  if (!conversion.ok) return conversion;
  const { into } = conversion;
  const money = moneyBagOf(currency, into);
  const mapped = mapLineItems(order.line_items, ctx.links, money);
  if (!mapped.ok) return mapped;
  const { lines } = mapped;
  const charges = mapCharges(order, lines, money);
  const contact = buyerContactFrom(order.recipient_address);
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

  const notes = [
    missing?.note,
    deliveryNote(order),
    replacementNote(order),
    into && conversionNote(into),
  ].filter((note) => !!note);

  const shopifyOrder: OrderCreateOrderInput = {
    name: orderName(ctx.settings.orderNameFormat, order.id),
    currency: into?.shopCurrency ?? currency,
    ...(into ? { presentmentCurrency: currency } : {}),
    processedAt: isoFromUnixSeconds(placedAt),
    sourceName: SOURCE_NAME,
    sourceIdentifier: order.id,
    ...(ctx.orderPageUrl ? { sourceUrl: ctx.orderPageUrl(order.id) } : {}),
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
      exchangeRate: into && statedRate(into),
    }),
    metafields: orderMetafields(order, ctx.tiktokShopId),
    ...(notes.length > 0 ? { note: notes.join("\n") } : {}),
  };
  const options = {
    inventoryBehaviour: ctx.settings.inventoryBehaviour,
    sendReceipt: ctx.settings.notifyCustomer,
    sendFulfillmentReceipt: ctx.settings.notifyCustomer,
  };
  return {
    ok: true,
    order: shopifyOrder,
    options,
    ...(into ? { exchangeRate: formatRate(into.rate) } : {}),
  };
}

/** From TikTok's currency to the store's, at the merchant's rate: 1 `currency` = `rate` `shopCurrency`. */
type Conversion = { currency: string; shopCurrency: string; rate: Amount; setAt: Date };

function conversionOf(
  currency: string,
  money: MappingContext["money"],
): { ok: true; into?: Conversion } | { ok: false; failure: MappingFailure } {
  const shopCurrency = money?.shopCurrency.trim().toUpperCase();
  if (!money || !shopCurrency || shopCurrency === currency) return { ok: true };
  const { rate } = money;
  const value = rate && parseRate(rate.value);
  if (rate && value) return { ok: true, into: { currency, shopCurrency, rate: value, setAt: rate.setAt } };
  const message = rate
    ? `The exchange rate from ${currency} to ${shopCurrency} in Settings ("${rate.value}") is not a positive number: set it again.`
    : `No exchange rate from ${currency} to ${shopCurrency}: set one in Settings.`;
  return { ok: false, failure: { code: "EXCHANGE_RATE_MISSING", field: "payment.currency", message } };
}

/**
 * TikTok's amount in TikTok's currency; converted, it is the presentment money (exact, so the order still
 * totals TikTok's `total_amount`) and its shop money is the store's currency at the rate, to the minor unit.
 */
function moneyBagOf(currency: string, into: Conversion | undefined): MoneyBagOf {
  const inTikTok = (amount: Amount) => ({ amount: formatAmount(amount, currency), currencyCode: currency });
  if (!into) return (amount) => ({ shopMoney: inTikTok(amount) });
  const { shopCurrency, rate } = into;
  return (amount) => ({
    shopMoney: {
      amount: formatAmount(convertAmount(amount, rate, shopCurrency), shopCurrency),
      currencyCode: shopCurrency,
    },
    presentmentMoney: inTikTok(amount),
  });
}

/** "1 GBP = 1.27 USD". */
function statedRate({ currency, shopCurrency, rate }: Conversion): string {
  return `1 ${currency} = ${formatRate(rate)} ${shopCurrency}`;
}

function conversionNote(conversion: Conversion): string {
  const day = conversion.setAt.toISOString().slice(0, 10);
  return `Amounts in ${conversion.currency}, converted to ${conversion.shopCurrency} at ${statedRate(conversion)} (the rate set in Settings on ${day}).`;
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
function sale(total: Amount, money: MoneyBagOf, payment: Payment): OrderCreateOrderTransactionInput[] {
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

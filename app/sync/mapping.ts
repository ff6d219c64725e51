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
const ADDRESS_PENDING_NOTE =
  "TikTok withholds the shipping address while the order is on hold; it is added when the hold ends.";

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
  const addressPending = !contact.shippingAddress;
  const tags = [
    ...ctx.settings.orderTags,
    ...(order.is_sample_order ? [ctx.settings.sampleOrderTag] : []),
    ...(addressPending ? [ADDRESS_PENDING_TAG] : []),
  ];
  // Shopify refuses a processedAt in the future (PROCESSED_AT_INVALID): a clock ahead of ours is clamped.
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  const placedAt = Math.min(order.create_time, nowSeconds);
  const paidAt = Math.min(order.paid_time ?? nowSeconds, nowSeconds);

  const shopifyOrder: OrderCreateOrderInput = {
    name: orderName(ctx.settings.orderNameFormat, order.id),
    currency,
    processedAt: isoFromUnixSeconds(placedAt),
    sourceName: SOURCE_NAME,
    sourceIdentifier: order.id,
    financialStatus: "PAID",
    taxesIncluded: charges.taxesIncluded,
    lineItems: lines.lineItems,
    shippingLines: charges.shippingLines,
    ...(charges.orderTaxLines.length > 0 ? { taxLines: charges.orderTaxLines } : {}),
    ...(discount > ZERO
      ? { discountCode: { itemFixedDiscountCode: { code: DISCOUNT_CODE, amountSet: money(discount) } } }
      : {}),
    transactions: sale(parseAmount(order.payment.total_amount), money, paidAt),
    ...(contact.shippingAddress ? { shippingAddress: contact.shippingAddress } : {}),
    ...(email ? { email } : {}),
    buyerAcceptsMarketing: false,
    tags: [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))],
    customAttributes: orderAttributes(order, {
      currency,
      lines,
      unexplained: charges.unexplained,
      maskedPostalCode: contact.maskedPostalCode,
      addressPending,
    }),
    ...(addressPending ? { note: ADDRESS_PENDING_NOTE } : {}),
  };
  const options = {
    inventoryBehaviour: ctx.settings.inventoryBehaviour,
    sendReceipt: ctx.settings.notifyCustomer,
    sendFulfillmentReceipt: ctx.settings.notifyCustomer,
  };
  return { ok: true, order: shopifyOrder, options };
}

// The buyer paid TikTok's total. A free order (a sample) records no payment: there is no sale to record.
function sale(
  total: Amount,
  money: (amount: Amount) => OrderCreateOrderTransactionInput["amountSet"],
  paidAt: number,
): OrderCreateOrderTransactionInput[] {
  if (total <= ZERO) return [];
  return [
    {
      kind: "SALE",
      status: "SUCCESS",
      gateway: PAYMENT_GATEWAY,
      amountSet: money(total),
      processedAt: isoFromUnixSeconds(paidAt),
    },
  ];
}

export function orderName(format: string, tiktokOrderId: string): string {
  return format.includes("{id}") ? format.replaceAll("{id}", tiktokOrderId) : `${format}${tiktokOrderId}`;
}

function isoFromUnixSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

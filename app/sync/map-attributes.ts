import type { TikTokOrder } from "~/tiktok/types";
import type { MappedLines } from "./map-lines";
import { formatAmount, parseOptionalAmount, ZERO, type Amount } from "./money";
import type { OrderCreateCustomAttributeInput } from "./shopify-order-input";

/**
 * The order's "Additional details" in Shopify: what the merchant needs from TikTok that has no Shopify field,
 * above all who funds each discount, so the order reconciles with TikTok's settlement.
 */
export const ATTRIBUTE = {
  orderId: "TikTok order ID",
  buyerMessage: "TikTok buyer message",
  sellerDiscount: "TikTok seller discount (funded by you)",
  platformDiscount: "TikTok platform discount (funded by TikTok)",
  shippingSellerDiscount: "TikTok shipping discount (funded by you)",
  shippingPlatformDiscount: "TikTok shipping discount (funded by TikTok)",
  unexplained: "TikTok total adjustment",
  maskedPostalCode: "TikTok postal code (masked)",
  addressPending: "Shipping address",
  paymentMethod: "TikTok payment method",
  deliveryType: "TikTok delivery",
  replaces: "Replaces TikTok order",
  orderType: "TikTok order type",
  splitOrCombined: "TikTok split or combined",
  /** "1 GBP = 1.27 USD": the rate the amounts were converted at, when the store's currency isn't TikTok's. */
  exchangeRate: "exchange_rate",
} as const;

export interface AttributeFacts {
  currency: string;
  lines: MappedLines;
  unexplained: Amount;
  maskedPostalCode?: string;
  /** Why the order has no shipping address, said in the order's details; undefined when it has one. */
  addressMissing?: string;
  /** "1 GBP = 1.27 USD" when the amounts were converted to the store's currency. */
  exchangeRate?: string;
}

/** Amounts of zero and empty texts are left out. */
export function orderAttributes(
  order: TikTokOrder,
  facts: AttributeFacts,
): OrderCreateCustomAttributeInput[] {
  const payment = order.payment;
  // Co-funded shipping discounts are the seller's, reimbursed later under TikTok's programme terms.
  const shippingSellerDiscount =
    parseOptionalAmount(payment.shipping_fee_seller_discount) +
    parseOptionalAmount(payment.shipping_fee_cofunded_discount);
  const entries: [string, Amount | string | undefined][] = [
    [ATTRIBUTE.orderId, order.id],
    [ATTRIBUTE.buyerMessage, order.buyer_message?.trim()],
    [ATTRIBUTE.sellerDiscount, facts.lines.sellerDiscount],
    [ATTRIBUTE.platformDiscount, facts.lines.platformDiscount],
    [ATTRIBUTE.shippingSellerDiscount, shippingSellerDiscount],
    [ATTRIBUTE.shippingPlatformDiscount, parseOptionalAmount(payment.shipping_fee_platform_discount)],
    [ATTRIBUTE.unexplained, facts.unexplained],
    [ATTRIBUTE.maskedPostalCode, facts.maskedPostalCode],
    [ATTRIBUTE.addressPending, facts.addressMissing],
    [ATTRIBUTE.paymentMethod, order.payment_method_name?.trim()],
    [ATTRIBUTE.deliveryType, order.delivery_type === "COLLECTION_POINT" ? "Collection point" : undefined],
    [ATTRIBUTE.replaces, order.replaced_order_id ?? order.exchange_source_order_id],
    // How TikTok made the order, when not a plain one: a pre-order ships later, as TikTok words it.
    [ATTRIBUTE.orderType, order.order_type && order.order_type !== "NORMAL" ? order.order_type : undefined],
    [ATTRIBUTE.splitOrCombined, order.split_or_combine_tag?.trim()],
    [ATTRIBUTE.exchangeRate, facts.exchangeRate],
  ];
  const attributes: OrderCreateCustomAttributeInput[] = [];
  for (const [key, value] of entries) {
    if (typeof value === "bigint") {
      if (value !== ZERO)
        attributes.push({ key, value: `${formatAmount(value, facts.currency)} ${facts.currency}` });
    } else if (value) {
      attributes.push({ key, value });
    }
  }
  return attributes;
}

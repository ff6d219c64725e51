import type { TikTokOrder } from "~/tiktok/types";
import type { MappedLines, MoneyBagOf } from "./map-lines";
import { parseAmount, parseOptionalAmount, ratio, ZERO, type Amount } from "./money";
import type { OrderCreateShippingLineInput, OrderCreateTaxLineInput } from "./shopify-order-input";

/** Everything on the Shopify order besides the lines, chosen so its total is TikTok's `total_amount`. */
export interface MappedCharges {
  taxesIncluded: boolean;
  shippingLines: OrderCreateShippingLineInput[];
  /** Product tax TikTok reports only for the whole order (its lines carry none). */
  orderTaxLines: OrderCreateTaxLineInput[];
  /** What TikTok's parts don't explain: positive is charged as its own line, negative is discounted. */
  unexplained: Amount;
}

// Buyer-paid charges some markets add on top of the formula (TH small order fee, ID service and distance
// fees, …), each under its own name. They are counted only when TikTok's total includes them.
export const EXTRA_FEES = [
  ["small_order_fee", "Small order fee"],
  ["buyer_service_fee", "Buyer service fee"],
  ["distance_fee", "Distance fee"],
  ["handling_fee", "Payment handling fee"],
  ["shipping_insurance_fee", "Shipping insurance"],
  ["item_insurance_fee", "Item insurance"],
  ["item_insurance_tax", "Item insurance tax"],
] as const;

const atLeastZero = (amount: Amount) => (amount > ZERO ? amount : ZERO);

const taxLine = (
  title: string,
  rate: string,
  amount: Amount,
  money: MoneyBagOf,
): OrderCreateTaxLineInput => ({
  title,
  rate,
  priceSet: money(amount),
  // TikTok reports the taxes it collects and remits as marketplace facilitator (US, cross-border).
  channelLiable: true,
});

/**
 * TikTok's `total_amount = sub_total + shipping_fee + taxes + retail_delivery_fee`, but where prices include
 * VAT the taxes are already inside `sub_total`, and some markets add fees. The first reading of the parts
 * that gives TikTok's total decides whether taxes are included and whether the fees count; anything still
 * left over is kept visible as `unexplained` rather than dropped.
 */
export function mapCharges(order: TikTokOrder, lines: MappedLines, money: MoneyBagOf): MappedCharges {
  const payment = order.payment;
  const shipping = atLeastZero(
    payment.shipping_fee !== undefined
      ? parseAmount(payment.shipping_fee)
      : parseOptionalAmount(payment.original_shipping_fee) -
          parseOptionalAmount(payment.shipping_fee_seller_discount) -
          parseOptionalAmount(payment.shipping_fee_platform_discount),
  );
  const shippingTax = parseOptionalAmount(payment.shipping_fee_tax);
  const retailDeliveryFee = parseOptionalAmount(payment.retail_delivery_fee);
  // Lines usually carry their taxes; when none does, TikTok's product tax goes on the order instead.
  const orderProductTax =
    lines.itemTax !== ZERO
      ? ZERO
      : payment.product_tax !== undefined
        ? parseAmount(payment.product_tax)
        : atLeastZero(parseOptionalAmount(payment.tax) - shippingTax);
  const taxes = lines.itemTax + orderProductTax + shippingTax;
  const fees = EXTRA_FEES.map(([field, title]) => ({
    field,
    title,
    amount: parseOptionalAmount(payment[field]),
  }));
  const feeTotal = fees.reduce((sum, fee) => sum + fee.amount, ZERO);

  const total = parseAmount(payment.total_amount);
  const base = lines.net + shipping + retailDeliveryFee;
  // A retail delivery fee means a US order, whose taxes are never inside the price.
  const readings = [
    { taxesIncluded: false, withFees: false },
    { taxesIncluded: false, withFees: true },
    { taxesIncluded: true, withFees: false },
    { taxesIncluded: true, withFees: true },
  ].filter((reading) => !reading.taxesIncluded || (taxes !== ZERO && retailDeliveryFee === ZERO));
  const sumOf = (reading: { taxesIncluded: boolean; withFees: boolean }) =>
    base + (reading.taxesIncluded ? ZERO : taxes) + (reading.withFees ? feeTotal : ZERO);
  const chosen = readings.find((reading) => sumOf(reading) === total) ?? {
    taxesIncluded: false,
    withFees: true,
  };
  const unexplained = total - sumOf(chosen);

  const shippingTaxLines = [
    ...(shippingTax !== ZERO
      ? [taxLine("Shipping tax", ratio(shippingTax, shipping), shippingTax, money)]
      : []),
    // A state charge on the delivery that the marketplace remits: a channel-liable tax on the shipping line.
    ...(retailDeliveryFee !== ZERO ? [taxLine("Retail delivery fee", "0", retailDeliveryFee, money)] : []),
  ];
  const deliveryOption = order["delivery_option_name"];
  const shippingLines: OrderCreateShippingLineInput[] = [
    {
      title: typeof deliveryOption === "string" && deliveryOption ? deliveryOption : "TikTok Shop shipping",
      ...(order.shipping_type ? { code: order.shipping_type } : {}),
      source: "TikTok Shop",
      priceSet: money(shipping),
      ...(shippingTaxLines.length > 0 ? { taxLines: shippingTaxLines } : {}),
    },
    ...(chosen.withFees ? fees : [])
      .filter((fee) => fee.amount !== ZERO)
      .map((fee) => ({
        title: fee.title,
        code: fee.field,
        source: "TikTok Shop",
        priceSet: money(fee.amount),
      })),
    ...(unexplained > ZERO
      ? [
          {
            title: "Other TikTok Shop charges",
            source: "TikTok Shop",
            priceSet: money(unexplained),
          },
        ]
      : []),
  ];
  const orderTaxLines =
    orderProductTax !== ZERO
      ? [taxLine("Product tax", ratio(orderProductTax, lines.net), orderProductTax, money)]
      : [];
  return { taxesIncluded: chosen.taxesIncluded, shippingLines, orderTaxLines, unexplained };
}

import { EXTRA_FEES } from "~/sync/map-charges";
import type { MappingResult } from "~/sync/mapping";
import { formatAmount, isDecimalAmount, parseAmount, sumAmounts, timesQuantity } from "~/sync/money";
import { amountOf, shopifyAmountPaid, shopifyOrderTotal } from "~/sync/order-total";
import type { TikTokPayment } from "~/tiktok/types";

export type MoneyRow = { label: string; amount: string; field?: string };

export type MoneyComparison = {
  /** TikTok's currency: both sides are compared in it. */
  currency: string;
  /** TikTok's payment block, field by field, as sent. */
  tiktok: MoneyRow[];
  /** The orderCreate input's amounts, or why there is none yet. */
  shopify:
    { ok: true; rows: MoneyRow[]; taxesIncluded: boolean; matches: boolean } | { ok: false; message: string };
  /**
   * When the store's currency isn't TikTok's: the Shopify total in the store's currency and the rate it was
   * converted at (1 unit of `currency` = `rate` units of `shopCurrency`).
   */
  converted?: { shopCurrency: string; rate: string; total: string };
};

// TikTok's fields in the order a receipt reads; fees some markets add follow under their own names.
const TIKTOK_FIELDS: (readonly [keyof TikTokPayment & string, string])[] = [
  ["original_total_product_price", "Products at original prices"],
  ["seller_discount", "Seller discount"],
  ["platform_discount", "Platform discount"],
  ["sub_total", "Subtotal"],
  ["original_shipping_fee", "Shipping at original price"],
  ["shipping_fee_seller_discount", "Shipping seller discount"],
  ["shipping_fee_platform_discount", "Shipping platform discount"],
  ["shipping_fee_cofunded_discount", "Shipping co-funded discount"],
  ["shipping_fee", "Shipping"],
  ["product_tax", "Product tax"],
  ["shipping_fee_tax", "Shipping tax"],
  ["tax", "Tax"],
  ["retail_delivery_fee", "Retail delivery fee"],
  ...EXTRA_FEES,
];

/** Money as TikTok sent it next to what the app sends Shopify for it, to the cent. */
export function compareMoney(payment: TikTokPayment, mapped: MappingResult): MoneyComparison {
  const known = new Set<string>([...TIKTOK_FIELDS.map(([field]) => field), "total_amount", "currency"]);
  const tiktok: MoneyRow[] = [
    ...TIKTOK_FIELDS.flatMap(([field, label]) => {
      const value = payment[field];
      return isDecimalAmount(value) ? [{ field, label, amount: value }] : [];
    }),
    ...Object.entries(payment).flatMap(([field, value]) =>
      !known.has(field) && isDecimalAmount(value)
        ? [{ field, label: field.replaceAll("_", " "), amount: value }]
        : [],
    ),
    { field: "total_amount", label: "Total", amount: payment.total_amount },
  ];
  if (!mapped.ok)
    return { currency: payment.currency, tiktok, shopify: { ok: false, message: mapped.failure.message } };

  const order = mapped.order;
  // A converted order's presentment money is TikTok's, to the cent: that is what is compared.
  const currency = order.presentmentCurrency ?? order.currency;
  const format = (value: bigint) => formatAmount(value, currency);
  const lines = sumAmounts(
    order.lineItems.map((line) => timesQuantity(amountOf(line.priceSet), line.quantity)),
  );
  const discount = amountOf(order.discountCode?.itemFixedDiscountCode.amountSet);
  // The first shipping line is TikTok's shipping; a market's fees follow as lines of their own, by name.
  const [shippingLine, ...feeLines] = order.shippingLines;
  const taxLines = [
    ...order.lineItems.flatMap((line) => line.taxLines ?? []),
    ...order.shippingLines.flatMap((line) => line.taxLines ?? []),
    ...(order.taxLines ?? []),
  ];
  const taxes = sumAmounts(taxLines.map((line) => amountOf(line.priceSet)));
  const total = shopifyOrderTotal(order);
  const rows: MoneyRow[] = [
    { label: "Line items (price × quantity)", amount: format(lines) },
    { label: "Discount", amount: format(-discount) },
    { label: "Shipping", amount: format(amountOf(shippingLine?.priceSet)) },
    ...feeLines.map((line) => ({ label: line.title, amount: format(amountOf(line.priceSet)) })),
    { label: order.taxesIncluded ? "Taxes (included in prices)" : "Taxes", amount: format(taxes) },
    { label: "Total", amount: format(total) },
    { label: "Recorded as paid", amount: format(shopifyAmountPaid(order)) },
  ];
  const matches = total === parseAmount(payment.total_amount);
  const converted = mapped.exchangeRate && {
    shopCurrency: order.currency,
    rate: mapped.exchangeRate,
    total: formatAmount(shopifyOrderTotal(order, "shop"), order.currency),
  };
  return {
    currency,
    tiktok,
    shopify: { ok: true, rows, taxesIncluded: order.taxesIncluded, matches },
    ...(converted ? { converted } : {}),
  };
}

import { parseAmount, sumAmounts, timesQuantity, ZERO, type Amount } from "./money";
import type { MoneyBagInput, OrderCreateOrderInput, OrderCreateTaxLineInput } from "./shopify-order-input";

/**
 * Which money of the input to read: the presentment money, TikTok's currency, which reconciles with TikTok to
 * the cent (an order in one currency has only shop money, in TikTok's currency too); or the store's.
 */
export type MoneySide = "presentment" | "shop";

/** An amount of the input on one side; zero when there is none. */
export function amountOf(bag: MoneyBagInput | undefined, side: MoneySide = "presentment"): Amount {
  if (!bag) return ZERO;
  const money = side === "presentment" ? (bag.presentmentMoney ?? bag.shopMoney) : bag.shopMoney;
  return parseAmount(money.amount);
}

const taxOf = (lines: readonly OrderCreateTaxLineInput[] | undefined, side: MoneySide): Amount =>
  sumAmounts((lines ?? []).map((line) => amountOf(line.priceSet, side)));

/**
 * The total Shopify will show for an `orderCreate` input: line prices × quantities, less the discount, plus
 * shipping lines, plus tax lines unless the prices already include them. Checked against TikTok's
 * `total_amount` before an order is sent, and by the tests. In TikTok's currency unless `side` says.
 */
export function shopifyOrderTotal(order: OrderCreateOrderInput, side: MoneySide = "presentment"): Amount {
  const lines = sumAmounts(
    order.lineItems.map((line) => timesQuantity(amountOf(line.priceSet, side), line.quantity)),
  );
  const discount = amountOf(order.discountCode?.itemFixedDiscountCode.amountSet, side);
  const shipping = sumAmounts(order.shippingLines.map((line) => amountOf(line.priceSet, side)));
  const taxes =
    sumAmounts(order.lineItems.map((line) => taxOf(line.taxLines, side))) +
    sumAmounts(order.shippingLines.map((line) => taxOf(line.taxLines, side))) +
    taxOf(order.taxLines, side);
  return lines - discount + shipping + (order.taxesIncluded ? ZERO : taxes);
}

/** The amounts every transaction records as received, in TikTok's currency. */
export function shopifyAmountPaid(order: OrderCreateOrderInput): Amount {
  return sumAmounts(order.transactions.map((transaction) => amountOf(transaction.amountSet)));
}

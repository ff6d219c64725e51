import { parseAmount, sumAmounts, timesQuantity, ZERO, type Amount } from "./money";
import type { MoneyBagInput, OrderCreateOrderInput, OrderCreateTaxLineInput } from "./shopify-order-input";

const amountOf = (bag: MoneyBagInput | undefined): Amount => (bag ? parseAmount(bag.shopMoney.amount) : ZERO);
const taxOf = (lines: readonly OrderCreateTaxLineInput[] | undefined): Amount =>
  sumAmounts((lines ?? []).map((line) => amountOf(line.priceSet)));

/**
 * The total Shopify will show for an `orderCreate` input: line prices × quantities, less the discount, plus
 * shipping lines, plus tax lines unless the prices already include them. Checked against TikTok's
 * `total_amount` before an order is sent, and by the tests.
 */
export function shopifyOrderTotal(order: OrderCreateOrderInput): Amount {
  const lines = sumAmounts(
    order.lineItems.map((line) => timesQuantity(amountOf(line.priceSet), line.quantity)),
  );
  const discount = amountOf(order.discountCode?.itemFixedDiscountCode.amountSet);
  const shipping = sumAmounts(order.shippingLines.map((line) => amountOf(line.priceSet)));
  const taxes =
    sumAmounts(order.lineItems.map((line) => taxOf(line.taxLines))) +
    sumAmounts(order.shippingLines.map((line) => taxOf(line.taxLines))) +
    taxOf(order.taxLines);
  return lines - discount + shipping + (order.taxesIncluded ? ZERO : taxes);
}

/** The amounts every transaction records as received. */
export function shopifyAmountPaid(order: OrderCreateOrderInput): Amount {
  return sumAmounts(order.transactions.map((transaction) => amountOf(transaction.amountSet)));
}

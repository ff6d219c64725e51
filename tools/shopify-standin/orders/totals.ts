import { applyRate, parseAmount, sum, times, ZERO, type Amount } from "../money";
import type { LineItemRecord, OrderTotals, ShippingLineRecord, TaxLineRecord } from "../store";
import type { DiscountCodeInput, MoneyBagInput, TaxLineInput } from "./order-input";

/**
 * An order's totals from its input: line items × quantity, less the order's discount code, plus shipping
 * (free with a free-shipping code) and taxes (unless prices include them). Exact to the minor unit.
 */
export function computeTotals(input: {
  currency: string;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  taxLines: TaxLineRecord[];
  discountCode: DiscountCodeInput | null | undefined;
  taxesIncluded: boolean;
}): OrderTotals {
  const lineItems = sum(input.lineItems.map((line) => times(line.unitPrice, line.quantity)));
  const shippingBeforeDiscount = sum(input.shippingLines.map((line) => line.price));
  const code = input.discountCode;
  let itemDiscount = ZERO;
  if (code?.itemFixedDiscountCode) itemDiscount = moneyOf(code.itemFixedDiscountCode.amountSet);
  if (code?.itemPercentageDiscountCode) {
    const percentage = code.itemPercentageDiscountCode.percentage ?? 0;
    itemDiscount = applyRate(lineItems, percentage / 100, input.currency);
  }
  itemDiscount = itemDiscount > lineItems ? lineItems : itemDiscount;
  const shippingDiscount = code?.freeShippingDiscountCode ? shippingBeforeDiscount : ZERO;
  const subtotal = lineItems - itemDiscount;
  const shipping = shippingBeforeDiscount - shippingDiscount;
  const tax = sum(
    [
      ...input.taxLines,
      ...input.lineItems.flatMap((line) => line.taxLines),
      ...input.shippingLines.flatMap((line) => line.taxLines),
    ].map((line) => line.amount),
  );
  const total = subtotal + shipping + (input.taxesIncluded ? ZERO : tax);
  return { lineItems, discounts: itemDiscount + shippingDiscount, subtotal, shipping, tax, total };
}

/** Tax lines with their amount: the given priceSet, else rate × the amount they apply to. */
export function taxLineRecords(
  lines: TaxLineInput[] | null | undefined,
  base: Amount,
  currency: string,
): TaxLineRecord[] {
  return (lines ?? []).map((line) => ({
    title: line.title,
    rate: Number(line.rate),
    amount: line.priceSet ? moneyOf(line.priceSet) : applyRate(base, line.rate, currency),
    channelLiable: line.channelLiable ?? false,
  }));
}

export function moneyOf(bag: MoneyBagInput | null | undefined): Amount {
  return (bag && parseAmount(bag.shopMoney.amount)) ?? ZERO;
}

import { applyRate, parseAmount, sum, times, ZERO, type Amount } from "../money";
import type {
  AmountSet,
  LineItemRecord,
  OrderRecord,
  OrderTotals,
  ShippingLineRecord,
  ShopState,
  TaxLineRecord,
} from "../store";
import type { DiscountCodeInput, MoneyBagInput, OrderCreateOrderInput, TaxLineInput } from "./order-input";

/** One side of an order's money: the shop's currency, or the buyer's (presentment) currency. */
export type Side = keyof AmountSet;
/** The order's currency on each side. */
export type OrderCurrencies = Record<Side, string>;

/** The order's currency (`currency`, else the shop's) and the buyer's (`presentmentCurrency`, else the same). */
export function orderCurrencies(shop: ShopState, input: OrderCreateOrderInput): OrderCurrencies {
  const currency = input.currency ?? shop.currencyCode;
  return { shop: currency, presentment: input.presentmentCurrency ?? currency };
}

/** The same computation in both currencies. */
export function bothSides(compute: (side: Side) => Amount): AmountSet {
  return { shop: compute("shop"), presentment: compute("presentment") };
}

/**
 * An order's totals from its input: line items × quantity, less the order's discount code, plus shipping
 * (free with a free-shipping code) and taxes (unless prices include them). Exact to the minor unit, in the
 * shop's currency and in the presentment currency, each from that currency's amounts.
 */
export function computeTotals(input: {
  currencies: OrderCurrencies;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  taxLines: TaxLineRecord[];
  discountCode: DiscountCodeInput | null | undefined;
  taxesIncluded: boolean;
}): OrderTotals {
  const shop = totalsIn("shop", input);
  const presentment = totalsIn("presentment", input);
  const both = (key: keyof OrderTotals) => ({ shop: shop[key], presentment: presentment[key] });
  return {
    lineItems: both("lineItems"),
    discounts: both("discounts"),
    subtotal: both("subtotal"),
    shipping: both("shipping"),
    tax: both("tax"),
    total: both("total"),
  };
}

function totalsIn(side: Side, input: Parameters<typeof computeTotals>[0]): Record<keyof OrderTotals, Amount> {
  const lineItems = sum(input.lineItems.map((line) => times(line.unitPrice[side], line.quantity)));
  const shippingBeforeDiscount = sum(input.shippingLines.map((line) => line.price[side]));
  const code = input.discountCode;
  let itemDiscount = ZERO;
  if (code?.itemFixedDiscountCode) itemDiscount = moneyOf(code.itemFixedDiscountCode.amountSet)[side];
  if (code?.itemPercentageDiscountCode) {
    const percentage = code.itemPercentageDiscountCode.percentage ?? 0;
    itemDiscount = applyRate(lineItems, percentage / 100, input.currencies[side]);
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
    ].map((line) => line.amount[side]),
  );
  const total = subtotal + shipping + (input.taxesIncluded ? ZERO : tax);
  return { lineItems, discounts: itemDiscount + shippingDiscount, subtotal, shipping, tax, total };
}

/**
 * The order's totals after its refunds (the `current*` fields): the refunded line items (at their price
 * and tax) and shipping come off; nothing is left once the order is cancelled. A refund of money alone
 * changes nothing here.
 */
export function currentTotals(order: OrderRecord): OrderTotals {
  const { totals } = order;
  if (order.cancelledAt !== null) {
    const none = { shop: ZERO, presentment: ZERO };
    return { lineItems: none, discounts: none, subtotal: none, shipping: none, tax: none, total: none };
  }
  const removed = (pick: (refund: OrderRecord["refunds"][number]) => AmountSet[]) =>
    bothSides((side) => sum(order.refunds.flatMap(pick).map((amount) => amount[side])));
  const items = removed((refund) => refund.lineItems.map((item) => item.subtotal));
  const itemTax = removed((refund) => refund.lineItems.map((item) => item.totalTax));
  const shipping = removed((refund) => (refund.shipping ? [refund.shipping.amount] : []));
  const atLeastZero = (amount: Amount) => (amount > ZERO ? amount : ZERO);
  const subtotal = bothSides((side) => atLeastZero(totals.subtotal[side] - items[side]));
  const shippingLeft = bothSides((side) => atLeastZero(totals.shipping[side] - shipping[side]));
  const tax = bothSides((side) => atLeastZero(totals.tax[side] - itemTax[side]));
  const total = bothSides(
    (side) => subtotal[side] + shippingLeft[side] + (order.taxesIncluded ? ZERO : tax[side]),
  );
  return { ...totals, subtotal, shipping: shippingLeft, tax, total };
}

/** Tax lines with their amount: the given priceSet, else rate × the amount they apply to. */
export function taxLineRecords(
  lines: TaxLineInput[] | null | undefined,
  base: AmountSet,
  currencies: OrderCurrencies,
): TaxLineRecord[] {
  return (lines ?? []).map((line) => ({
    title: line.title,
    rate: Number(line.rate),
    amount: line.priceSet
      ? moneyOf(line.priceSet)
      : bothSides((side) => applyRate(base[side], line.rate, currencies[side])),
    channelLiable: line.channelLiable ?? false,
  }));
}

/**
 * A MoneyBagInput's amounts. Without presentment money the amount is taken to be the same in both
 * currencies, as Shopify documents ("we assume that the presentment currency is the same as the shop's").
 */
export function moneyOf(bag: MoneyBagInput | null | undefined): AmountSet {
  const shop = (bag && parseAmount(bag.shopMoney.amount)) ?? ZERO;
  const presentment = bag?.presentmentMoney ? (parseAmount(bag.presentmentMoney.amount) ?? ZERO) : shop;
  return { shop, presentment };
}

import { gid } from "../gid";
import { formatAmount, ZERO } from "../money";
import { refundTotal, refundTransactions } from "../orders/refunds";
import type {
  AmountSet,
  LineItemRecord,
  OrderRecord,
  RefundLineItemRecord,
  RefundRecord,
  ShippingLineRecord,
  ShopState,
  TransactionRecord,
} from "../store";
import { locationView } from "./catalog-view";
import { connection, type ConnectionArgs } from "./connection";
import { moneyBag } from "./value-views";

/**
 * The order's own views, which a Refund links back to (given by order-view, which builds them, rather
 * than imported from it).
 */
export type RefundLinks = {
  order: () => unknown;
  lineItem: (line: LineItemRecord) => unknown;
  transaction: (transaction: TransactionRecord) => unknown;
  shippingLine: (line: ShippingLineRecord) => unknown;
};

/** Refund: the line items it removed, the shipping it refunded and its REFUND transactions. */
export function refundView(shop: ShopState, order: OrderRecord, refund: RefundRecord, links: RefundLinks) {
  const money = (amount: AmountSet) => moneyBag(amount, order);
  const total = refundTotal(order, refund);
  const lines = refund.lineItems.flatMap((item) => {
    const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
    return line ? [{ id: item.id, item, line }] : [];
  });
  const shippingLine = order.shippingLines.find((line) => line.id === refund.shipping?.shippingLineId);
  const shipping = refund.shipping && shippingLine ? [{ ...refund.shipping, line: shippingLine }] : [];
  return {
    __typename: "Refund",
    id: gid("Refund", refund.id),
    legacyResourceId: String(refund.id),
    createdAt: refund.createdAt,
    updatedAt: refund.createdAt,
    processedAt: refund.processedAt,
    note: refund.note,
    order: links.order,
    totalRefundedSet: money(total),
    totalRefunded: { amount: formatAmount(total.shop), currencyCode: order.currencyCode },
    duties: [],
    return: null,
    staffMember: null,
    refundLineItems: (args: ConnectionArgs) =>
      connection(lines, args, ({ item, line }) => refundLineItemView(shop, order, item, line, links)),
    refundShippingLines: (args: ConnectionArgs) =>
      connection(shipping, args, ({ id, amount, line }) => ({
        __typename: "RefundShippingLine",
        id: gid("RefundShippingLine", id),
        shippingLine: () => links.shippingLine(line),
        subtotalAmountSet: money(amount),
        taxAmountSet: money({ shop: ZERO, presentment: ZERO }),
      })),
    transactions: (args: ConnectionArgs) =>
      connection(refundTransactions(order, refund), args, (transaction) => links.transaction(transaction)),
  };
}

function refundLineItemView(
  shop: ShopState,
  order: OrderRecord,
  item: RefundLineItemRecord,
  line: LineItemRecord,
  links: RefundLinks,
) {
  const money = (amount: AmountSet) => moneyBag(amount, order);
  const location = shop.locations.find((candidate) => candidate.id === item.locationId);
  return {
    __typename: "RefundLineItem",
    id: gid("RefundLineItem", item.id),
    lineItem: () => links.lineItem(line),
    quantity: item.quantity,
    restockType: item.restockType,
    restocked: item.restocked,
    location: location ? locationView(location) : null,
    priceSet: money(line.unitPrice),
    subtotalSet: money(item.subtotal),
    totalTaxSet: money(item.totalTax),
    price: formatAmount(line.unitPrice.shop),
    subtotal: formatAmount(item.subtotal.shop),
    totalTax: formatAmount(item.totalTax.shop),
  };
}

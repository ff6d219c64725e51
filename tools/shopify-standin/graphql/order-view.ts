import { GraphQLError } from "graphql";
import { gid } from "../gid";
import { times, ZERO } from "../money";
import { currentQuantity, displayFulfillmentStatus, remainingQuantity } from "../orders/fulfillments";
import { netPayment, outstanding, received, refunded } from "../orders/payments";
import { refundedShipping } from "../orders/refunds";
import { bothSides, currentTotals } from "../orders/totals";
import {
  lineItemName,
  type AmountSet,
  type FulfillmentRecord,
  type LineItemRecord,
  type OrderRecord,
  type RefundRecord,
  type ShippingLineRecord,
  type ShopState,
  type TaxLineRecord,
  type TransactionRecord,
} from "../store";
import { productView, variantView } from "./catalog-view";
import { connection, type ConnectionArgs } from "./connection";
import {
  fulfillmentOrdersOf,
  fulfillmentOrderView,
  fulfillmentView,
  type OrderLinks,
} from "./fulfillment-view";
import { findMetafield, metafieldView, resolveNamespace } from "../orders/metafields";
import { refundView } from "./refund-view";
import { addressView, moneyBag } from "./value-views";

const NOTHING: AmountSet = { shop: ZERO, presentment: ZERO };

/** An order as the Admin schema's Order object (the fields the app and its tests read). */
export function orderView(shop: ShopState, order: OrderRecord) {
  const money = (amount: AmountSet) => moneyBag(amount, order);
  const cancelled = order.cancelledAt !== null;
  const { totals } = order;
  const current = currentTotals(order);
  const net = netPayment(order);
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    number: order.number,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closed: cancelled,
    closedAt: order.cancelledAt,
    confirmed: true,
    test: order.test,
    email: order.email,
    phone: order.phone,
    note: order.note,
    poNumber: order.poNumber,
    tags: order.tags,
    sourceName: order.sourceName,
    sourceIdentifier: order.sourceIdentifier,
    registeredSourceUrl: order.sourceUrl,
    metafield: ({ namespace, key }: { namespace?: string | null; key: string }) => {
      const metafield = findMetafield(order, namespace, key);
      return metafield ? metafieldView(metafield, () => orderView(shop, order)) : null;
    },
    metafields: (args: MetafieldsArgs) =>
      connection(
        order.metafields.filter(
          (metafield) =>
            (args.namespace == null || metafield.namespace === resolveNamespace(args.namespace)) &&
            (args.keys == null ||
              args.keys.some((key) => {
                const dot = key.lastIndexOf(".");
                return (
                  resolveNamespace(key.slice(0, dot)) === metafield.namespace &&
                  key.slice(dot + 1) === metafield.key
                );
              })),
        ),
        args,
        (metafield) => metafieldView(metafield, () => orderView(shop, order)),
      ),
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: displayFulfillmentStatus(order),
    fullyPaid: order.financialStatus === "PAID",
    unpaid: ["PENDING", "AUTHORIZED"].includes(order.financialStatus),
    taxesIncluded: order.taxesIncluded,
    customer: null,
    discountCode: order.discountCodes[0] ?? null,
    discountCodes: order.discountCodes,
    customAttributes: order.customAttributes,
    shippingAddress: order.shippingAddress && addressView(order.id, order.shippingAddress),
    billingAddress: order.billingAddress && addressView(order.id, order.billingAddress),
    subtotalLineItemsQuantity: order.lineItems.reduce((total, line) => total + line.quantity, 0),
    currentSubtotalLineItemsQuantity: order.lineItems.reduce(
      (total, line) => total + currentQuantity(order, line),
      0,
    ),
    subtotalPriceSet: money(totals.subtotal),
    currentSubtotalPriceSet: money(current.subtotal),
    totalDiscountsSet: money(totals.discounts),
    currentTotalDiscountsSet: money(current.discounts),
    totalShippingPriceSet: money(totals.shipping),
    currentShippingPriceSet: money(current.shipping),
    totalTaxSet: money(totals.tax),
    currentTotalTaxSet: money(current.tax),
    totalPriceSet: money(totals.total),
    originalTotalPriceSet: money(totals.total),
    currentTotalPriceSet: money(current.total),
    totalOutstandingSet: money(outstanding(order)),
    totalReceivedSet: money(received(order)),
    totalRefundedSet: money(refunded(order)),
    totalRefundedShippingSet: money(refundedShipping(order)),
    netPaymentSet: money(net),
    // Whether money is left to give back; Shopify's manual payments are refundable.
    refundable: net.presentment > ZERO,
    refunds: ({ first }: { first?: number | null }) =>
      order.refunds
        .slice(0, first == null ? undefined : Math.max(0, first))
        .map((refund) => orderRefundView(shop, order, refund)),
    transactions: (args: TransactionsArgs) =>
      transactionsOf(order, args).map((transaction) => transactionView(order, transaction)),
    taxLines: order.taxLines.map((line) => taxLineView(order, line)),
    lineItems: (args: ConnectionArgs) =>
      connection(order.lineItems, args, (line) => lineItemView(shop, order, line)),
    shippingLine: order.shippingLines[0] ? shippingLineView(order, order.shippingLines[0]) : null,
    shippingLines: (args: ConnectionArgs) =>
      connection(order.shippingLines, args, (line) => shippingLineView(order, line)),
    fulfillments: (args: FulfillmentsArgs) =>
      fulfillmentsOf(order, args).map((fulfillment) => orderFulfillmentView(shop, order, fulfillment)),
    fulfillmentOrders: (args: Parameters<typeof fulfillmentOrdersOf>[2]) =>
      fulfillmentOrdersOf(shop, order, args, orderLinks(shop, order)),
  };
}

/** `Order.metafields`' arguments: `keys` are `namespace.key` (`$app.key` for the app's own). */
type MetafieldsArgs = ConnectionArgs & { namespace?: string | null; keys?: string[] | null };

/** A refund of the order as the schema's Refund. */
export function orderRefundView(shop: ShopState, order: OrderRecord, refund: RefundRecord) {
  return refundView(shop, order, refund, {
    order: () => orderView(shop, order),
    lineItem: (line) => lineItemView(shop, order, line),
    transaction: (transaction) => transactionView(order, transaction),
    shippingLine: (line) => shippingLineView(order, line),
  });
}

/** A fulfillment of the order as the schema's Fulfillment. */
export function orderFulfillmentView(shop: ShopState, order: OrderRecord, fulfillment: FulfillmentRecord) {
  return fulfillmentView(shop, order, fulfillment, orderLinks(shop, order));
}

/** The order's fulfillment order as the schema's FulfillmentOrder. */
export function orderFulfillmentOrderView(shop: ShopState, order: OrderRecord) {
  return fulfillmentOrderView(shop, order, orderLinks(shop, order));
}

function orderLinks(shop: ShopState, order: OrderRecord): OrderLinks {
  return { order: () => orderView(shop, order), lineItem: (line) => lineItemView(shop, order, line) };
}

type FulfillmentsArgs = { first?: number | null; query?: string | null };

/** Order.fulfillments is a plain list, oldest first, cancelled ones included; `query` is refused. */
function fulfillmentsOf(order: OrderRecord, args: FulfillmentsArgs): FulfillmentRecord[] {
  if (args.query != null) {
    const message = "Order.fulfillments(query:) is not supported by the Shopify Admin stand-in";
    throw new GraphQLError(message, { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } });
  }
  return args.first == null ? order.fulfillments : order.fulfillments.slice(0, Math.max(0, args.first));
}

type TransactionsArgs = {
  first?: number | null;
  capturable?: boolean | null;
  manuallyResolvable?: boolean | null;
};

/**
 * Order.transactions is a plain list, oldest first. `capturable` keeps the successful authorizations (the
 * stand-in captures none); `manuallyResolvable` is refused rather than answered wrongly.
 */
function transactionsOf(order: OrderRecord, args: TransactionsArgs): TransactionRecord[] {
  if (args.manuallyResolvable != null) {
    const message = "Order.transactions(manuallyResolvable:) is not supported by the Shopify Admin stand-in";
    throw new GraphQLError(message, { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } });
  }
  const capturable = (transaction: TransactionRecord) =>
    transaction.kind === "AUTHORIZATION" && transaction.status === "SUCCESS";
  const listed =
    args.capturable == null
      ? order.transactions
      : order.transactions.filter((transaction) => capturable(transaction) === args.capturable);
  return args.first == null ? listed : listed.slice(0, Math.max(0, args.first));
}

function transactionView(order: OrderRecord, transaction: TransactionRecord): Record<string, unknown> {
  const parent = order.transactions.find((candidate) => candidate.id === transaction.parentId);
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", transaction.id),
    kind: transaction.kind,
    status: transaction.status,
    gateway: transaction.gateway,
    formattedGateway: transaction.gateway === "manual" ? "Other" : transaction.gateway,
    manualPaymentGateway: transaction.manual,
    processedAt: transaction.processedAt,
    createdAt: transaction.createdAt,
    amountSet: moneyBag(transaction.amount, order),
    test: false,
    parentTransaction: () => (parent ? transactionView(order, parent) : null),
  };
}

function lineItemView(shop: ShopState, order: OrderRecord, line: LineItemRecord) {
  const money = (amount: AmountSet) => moneyBag(amount, order);
  const lineTotal = bothSides((side) => times(line.unitPrice[side], line.quantity));
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  const product = line.productId === null ? undefined : shop.products.get(line.productId);
  const quantity = currentQuantity(order, line);
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    title: line.title,
    name: lineItemName(line),
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    currentQuantity: quantity,
    unfulfilledQuantity: remainingQuantity(order, line),
    fulfillableQuantity: remainingQuantity(order, line),
    refundableQuantity: quantity,
    nonFulfillableQuantity: 0,
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    isGiftCard: false,
    restockable: line.variantId !== null,
    customAttributes: [],
    discountAllocations: [],
    variant: variant ? variantView(shop, variant) : null,
    product: product ? productView(shop, product) : null,
    originalUnitPriceSet: money(line.unitPrice),
    discountedUnitPriceSet: money(line.unitPrice),
    originalTotalSet: money(lineTotal),
    discountedTotalSet: () => money(lineTotal),
    totalDiscountSet: money(NOTHING),
    taxLines: () => line.taxLines.map((tax) => taxLineView(order, tax)),
  };
}

function shippingLineView(order: OrderRecord, line: ShippingLineRecord) {
  const price = moneyBag(line.price, order);
  const free = order.totals.shipping.shop === ZERO && line.price.shop !== ZERO;
  const discounted = free ? moneyBag(NOTHING, order) : price;
  return {
    id: gid("ShippingLine", line.id),
    title: line.title,
    code: line.code,
    source: null,
    custom: true,
    isRemoved: false,
    originalPriceSet: price,
    discountedPriceSet: discounted,
    currentDiscountedPriceSet: discounted,
    taxLines: line.taxLines.map((tax) => taxLineView(order, tax)),
  };
}

function taxLineView(order: OrderRecord, line: TaxLineRecord) {
  const rate = line.rate;
  return {
    title: line.title,
    rate,
    ratePercentage: rate * 100,
    channelLiable: line.channelLiable,
    source: null,
    priceSet: moneyBag(line.amount, order),
  };
}

import { gid } from "../gid";
import { formatRestAmount } from "../money";
import {
  lineItemName,
  type FulfillmentRecord,
  type LineItemRecord,
  type OrderRecord,
  type RefundRecord,
} from "../store";
import { displayFulfillmentStatus, fulfilledQuantity, remainingQuantity } from "./fulfillments";
import { outstanding, refunded } from "./payments";
import { refundTransactions } from "./refunds";
import { currentTotals } from "./totals";

/**
 * Orders, fulfillments and refunds in Shopify's REST JSON, the bodies of its webhooks (orders/cancelled,
 * fulfillments/create, fulfillments/update, refunds/create): snake_case, numeric ids beside
 * `admin_graphql_api_id`, enums in lowercase, money as strings with two decimals. Only the fields an app
 * reads are modelled.
 */

const ORDER_FULFILLMENT_STATUS = {
  UNFULFILLED: null,
  PARTIALLY_FULFILLED: "partial",
  FULFILLED: "fulfilled",
} as const;

/** A fulfillment; each line item's `quantity` is what this fulfillment shipped of it. */
export function restFulfillment(order: OrderRecord, fulfillment: FulfillmentRecord) {
  const { trackingNumber, trackingUrl } = fulfillment;
  return {
    id: fulfillment.id,
    order_id: order.id,
    status: fulfillment.status.toLowerCase(),
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.updatedAt,
    service: "manual",
    tracking_company: fulfillment.trackingCompany,
    tracking_number: trackingNumber,
    tracking_numbers: trackingNumber === null ? [] : [trackingNumber],
    tracking_url: trackingUrl,
    tracking_urls: trackingUrl === null ? [] : [trackingUrl],
    shipment_status: null,
    location_id: fulfillment.locationId,
    name: fulfillment.name,
    admin_graphql_api_id: gid("Fulfillment", fulfillment.id),
    line_items: fulfillment.lineItems.flatMap((item) => {
      const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
      return line ? [{ ...restLineItem(order, line), quantity: item.quantity }] : [];
    }),
  };
}

/** An order, with its line items and fulfillments. */
export function restOrder(order: OrderRecord) {
  const { totals } = order;
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    name: order.name,
    order_number: order.number,
    email: order.email,
    phone: order.phone,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    closed_at: order.cancelledAt,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: ORDER_FULFILLMENT_STATUS[displayFulfillmentStatus(order)],
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode,
    subtotal_price: formatRestAmount(totals.subtotal.shop),
    total_discounts: formatRestAmount(totals.discounts.shop),
    total_tax: formatRestAmount(totals.tax.shop),
    total_price: formatRestAmount(totals.total.shop),
    current_total_price: formatRestAmount(currentTotals(order).total.shop),
    total_outstanding: formatRestAmount(outstanding(order).shop),
    total_refunded: formatRestAmount(refunded(order).shop),
    taxes_included: order.taxesIncluded,
    test: order.test,
    note: order.note,
    tags: order.tags.join(", "),
    source_name: order.sourceName,
    source_identifier: order.sourceIdentifier,
    line_items: order.lineItems.map((line) => restLineItem(order, line)),
    fulfillments: order.fulfillments.map((fulfillment) => restFulfillment(order, fulfillment)),
    refunds: order.refunds.map((refund) => restRefund(order, refund)),
  };
}

/**
 * A refund: each refunded line item with the line as it stands, and the money given back. Amounts are the
 * shop's; a transaction's `amount` is in its `currency`, the order's presentment currency.
 */
export function restRefund(order: OrderRecord, refund: RefundRecord) {
  return {
    id: refund.id,
    order_id: order.id,
    created_at: refund.createdAt,
    processed_at: refund.processedAt,
    note: refund.note,
    restock: refund.lineItems.some((item) => item.restocked),
    user_id: null,
    admin_graphql_api_id: gid("Refund", refund.id),
    refund_line_items: refund.lineItems.flatMap((item) => {
      const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
      if (!line) return [];
      return [
        {
          id: item.id,
          line_item_id: line.id,
          location_id: item.locationId,
          quantity: item.quantity,
          restock_type: item.restockType.toLowerCase(),
          subtotal: formatRestAmount(item.subtotal.shop),
          total_tax: formatRestAmount(item.totalTax.shop),
          line_item: restLineItem(order, line),
        },
      ];
    }),
    transactions: refundTransactions(order, refund).map((transaction) => ({
      id: transaction.id,
      order_id: order.id,
      admin_graphql_api_id: gid("OrderTransaction", transaction.id),
      kind: transaction.kind.toLowerCase(),
      status: transaction.status.toLowerCase(),
      amount: formatRestAmount(transaction.amount.presentment),
      currency: order.presentmentCurrencyCode,
      gateway: transaction.gateway,
      parent_id: transaction.parentId,
      created_at: transaction.createdAt,
      processed_at: transaction.processedAt,
    })),
    order_adjustments: [],
  };
}

function restLineItem(order: OrderRecord, line: LineItemRecord) {
  const shipped = fulfilledQuantity(order, line);
  return {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    variant_id: line.variantId,
    product_id: line.productId,
    title: line.title,
    variant_title: line.variantTitle,
    name: lineItemName(line),
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    price: formatRestAmount(line.unitPrice.shop),
    requires_shipping: line.requiresShipping,
    taxable: line.taxable,
    gift_card: false,
    fulfillment_service: "manual",
    fulfillable_quantity: remainingQuantity(order, line),
    fulfillment_status: shipped === 0 ? null : shipped >= line.quantity ? "fulfilled" : "partial",
  };
}

export type RestFulfillment = ReturnType<typeof restFulfillment>;
export type RestOrder = ReturnType<typeof restOrder>;
export type RestRefund = ReturnType<typeof restRefund>;

import {
  nextId,
  nowIso,
  type FulfillmentRecord,
  type LineItemRecord,
  type OrderRecord,
  type ShopState,
} from "../store";

/**
 * Fulfillments as Shopify keeps them on an order: what each line item has shipped and what is left, the
 * order's fulfillment status, and its one fulfillment order (the stand-in assigns every line to the shop's
 * first location, so an order never has more than one).
 */

export type FulfillmentLine = { lineItemId: number; quantity: number };
export type Tracking = { company?: string | null; number?: string | null; url?: string | null };
export type OrderFulfillmentStatus = "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED";

// Shopify's fulfillment orders and their line items have ids of their own. The stand-in derives them from
// the order's and the line item's, offset so that they never equal them: an app that passes one where the
// other is wanted fails here as it would on Shopify.
const FULFILLMENT_ORDER_ID_OFFSET = 9_000_000_000;

export function fulfillmentOrderIdOf(order: OrderRecord): number {
  return order.id + FULFILLMENT_ORDER_ID_OFFSET;
}

export function fulfillmentOrderLineItemIdOf(line: LineItemRecord): number {
  return line.id + FULFILLMENT_ORDER_ID_OFFSET;
}

/** The order of a fulfillment order id. */
export function orderOfFulfillmentOrder(shop: ShopState, id: number): OrderRecord | undefined {
  return shop.orders.get(id - FULFILLMENT_ORDER_ID_OFFSET);
}

/** The line item of a fulfillment order line item id, on that order. */
export function lineOfFulfillmentOrderLineItem(order: OrderRecord, id: number): LineItemRecord | undefined {
  return order.lineItems.find((line) => fulfillmentOrderLineItemIdOf(line) === id);
}

/** Units of the line its successful fulfillments shipped; a cancelled fulfillment gives its units back. */
export function fulfilledQuantity(order: OrderRecord, line: LineItemRecord): number {
  let shipped = 0;
  for (const fulfillment of order.fulfillments) {
    if (fulfillment.status !== "SUCCESS") continue;
    for (const item of fulfillment.lineItems) if (item.lineItemId === line.id) shipped += item.quantity;
  }
  return shipped;
}

/** Units of the line its refunds removed from the order. */
export function refundedQuantity(order: OrderRecord, line: LineItemRecord): number {
  let removed = 0;
  for (const refund of order.refunds) {
    for (const item of refund.lineItems) if (item.lineItemId === line.id) removed += item.quantity;
  }
  return removed;
}

/**
 * Units still on the order (LineItem.currentQuantity, and what can still be refunded): its quantity less
 * what was refunded; none once the order is cancelled.
 */
export function currentQuantity(order: OrderRecord, line: LineItemRecord): number {
  return order.cancelledAt ? 0 : Math.max(0, line.quantity - refundedQuantity(order, line));
}

/**
 * Units still to ship: what is still on the order less what shipped; none once the order is cancelled, as
 * Shopify closes its fulfillment orders.
 */
export function remainingQuantity(order: OrderRecord, line: LineItemRecord): number {
  return Math.max(0, currentQuantity(order, line) - fulfilledQuantity(order, line));
}

/** Every unit not yet shipped, line by line. */
export function remainingLines(order: OrderRecord): FulfillmentLine[] {
  return order.lineItems.flatMap((line) => {
    const quantity = remainingQuantity(order, line);
    return quantity > 0 ? [{ lineItemId: line.id, quantity }] : [];
  });
}

/** Order.displayFulfillmentStatus, from what shipped against what was ordered and not refunded. */
export function displayFulfillmentStatus(order: OrderRecord): OrderFulfillmentStatus {
  let ordered = 0;
  let shipped = 0;
  for (const line of order.lineItems) {
    ordered += line.quantity - refundedQuantity(order, line);
    shipped += fulfilledQuantity(order, line);
  }
  if (shipped === 0) return "UNFULFILLED";
  return shipped >= ordered ? "FULFILLED" : "PARTIALLY_FULFILLED";
}

/**
 * The status of the order's fulfillment order: OPEN until something ships, IN_PROGRESS while some is
 * left, CLOSED when nothing is (all shipped, or the order cancelled).
 */
export function fulfillmentOrderStatus(order: OrderRecord): "OPEN" | "IN_PROGRESS" | "CLOSED" {
  if (remainingLines(order).length === 0) return "CLOSED";
  return order.lineItems.some((line) => fulfilledQuantity(order, line) > 0) ? "IN_PROGRESS" : "OPEN";
}

/** Records a shipment of `lines`, which the caller has checked against what remains. */
export function addFulfillment(
  shop: ShopState,
  order: OrderRecord,
  input: { lines: FulfillmentLine[]; tracking: Tracking; notifyCustomer: boolean },
): FulfillmentRecord {
  const now = nowIso();
  const fulfillment: FulfillmentRecord = {
    id: nextId(shop),
    // Shopify numbers an order's fulfillments in order, cancelled ones included.
    name: `${order.name}.${order.fulfillments.length + 1}`,
    status: "SUCCESS",
    createdAt: now,
    updatedAt: now,
    trackingCompany: input.tracking.company ?? null,
    trackingNumber: input.tracking.number ?? null,
    trackingUrl: input.tracking.url ?? null,
    lineItems: input.lines.map((line) => ({ id: nextId(shop), ...line })),
    locationId: shop.locations[0]?.id ?? 0,
    notifyCustomer: input.notifyCustomer,
  };
  order.fulfillments.push(fulfillment);
  order.updatedAt = now;
  return fulfillment;
}

/** Changes the tracking details given (undefined keeps one, null clears it), as "Edit tracking" does. */
export function updateTracking(order: OrderRecord, fulfillment: FulfillmentRecord, tracking: Tracking): void {
  if (tracking.company !== undefined) fulfillment.trackingCompany = tracking.company;
  if (tracking.number !== undefined) fulfillment.trackingNumber = tracking.number;
  if (tracking.url !== undefined) fulfillment.trackingUrl = tracking.url;
  const now = nowIso();
  fulfillment.updatedAt = now;
  order.updatedAt = now;
}

/** A fulfillment of the shop by id, with its order. */
export function findFulfillment(
  shop: ShopState,
  id: number,
): { order: OrderRecord; fulfillment: FulfillmentRecord } | undefined {
  for (const order of shop.orders.values()) {
    const fulfillment = order.fulfillments.find((candidate) => candidate.id === id);
    if (fulfillment) return { order, fulfillment };
  }
  return undefined;
}

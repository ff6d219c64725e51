import { sum, times, ZERO } from "../money";
import { orderCancel } from "../orders/cancel-update";
import {
  addFulfillment,
  currentQuantity,
  remainingLines,
  remainingQuantity,
  updateTracking,
  type FulfillmentLine,
} from "../orders/fulfillments";
import { netPayment, received } from "../orders/payments";
import {
  applyRefund,
  lineTax,
  refundableShipping,
  refundsAgainstPayments,
  type RefundLinePlan,
} from "../orders/refunds";
import { bothSides } from "../orders/totals";
import type {
  AmountSet,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ShopState,
} from "../store";
import { ControlInputError, requireId } from "./catalog";
import type { CancelInput, FulfillmentInput, RefundInput, TrackingPatch } from "./input";

/**
 * What a merchant does to an order in Shopify admin, for tests and the demo: fulfil it with tracking, edit
 * that tracking, cancel it, refund it. Each refuses what the admin would not offer (ControlInputError,
 * 422) and changes nothing then.
 */

export function requireOrder(shop: ShopState, id: string | undefined): OrderRecord {
  const order = shop.orders.get(requireId("Order", id));
  if (!order) throw new ControlInputError(`Order ${id} not found`, 404);
  return order;
}

export function requireFulfillment(order: OrderRecord, id: string | undefined): FulfillmentRecord {
  const fulfillmentId = requireId("Fulfillment", id);
  const fulfillment = order.fulfillments.find((candidate) => candidate.id === fulfillmentId);
  if (!fulfillment) throw new ControlInputError(`Fulfillment ${id} not found on order ${order.name}`, 404);
  return fulfillment;
}

/** "Mark as fulfilled": the SKUs and quantities given, else every unit not yet shipped. */
export function fulfilAsMerchant(
  shop: ShopState,
  order: OrderRecord,
  input: FulfillmentInput,
): FulfillmentRecord {
  if (order.cancelledAt) throw new ControlInputError(`Order ${order.name} is cancelled`);
  const lines = input.lineItems ? linesBySku(order, input.lineItems) : remainingLines(order);
  if (lines.length === 0) throw new ControlInputError(`Order ${order.name} has nothing left to fulfil`);
  return addFulfillment(shop, order, {
    lines,
    tracking: { company: input.trackingCompany, number: input.trackingNumber, url: input.trackingUrl },
    notifyCustomer: input.notifyCustomer ?? true,
  });
}

/**
 * The line items that ship `wanted` units of each SKU, filling the order's lines of that SKU in turn (an
 * order may hold a SKU on more than one line). Refuses an SKU the order lacks, or more than remains of it.
 */
function linesBySku(order: OrderRecord, wanted: Array<{ sku: string; quantity: number }>): FulfillmentLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of wanted) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  const lines: FulfillmentLine[] = [];
  for (const [sku, quantity] of totals) {
    const matching = order.lineItems.filter((line) => line.sku === sku);
    if (matching.length === 0)
      throw new ControlInputError(`Order ${order.name} has no line item with SKU ${sku}`);
    const remaining = matching.reduce((total, line) => total + remainingQuantity(order, line), 0);
    if (quantity > remaining) {
      throw new ControlInputError(
        `Order ${order.name} has ${remaining} unit(s) of SKU ${sku} left to fulfil, not ${quantity}`,
      );
    }
    let left = quantity;
    for (const line of matching) {
      const take = Math.min(left, remainingQuantity(order, line));
      if (take > 0) lines.push({ lineItemId: line.id, quantity: take });
      left -= take;
    }
  }
  return lines;
}

/** "Edit tracking" on a fulfillment that is not cancelled. */
export function editTrackingAsMerchant(
  order: OrderRecord,
  fulfillment: FulfillmentRecord,
  patch: TrackingPatch,
): void {
  if (fulfillment.status !== "SUCCESS") {
    throw new ControlInputError(`Fulfillment ${fulfillment.name} is cancelled`);
  }
  updateTracking(order, fulfillment, {
    company: patch.trackingCompany,
    number: patch.trackingNumber,
    url: patch.trackingUrl,
  });
}

/**
 * "Cancel order", through orderCancel. Shopify admin cancels an order that is unpaid, or paid with nothing
 * fulfilled yet (help.shopify.com, "Canceling an order"); a paid order with fulfillments is refused.
 */
export function cancelAsMerchant(shop: ShopState, order: OrderRecord, input: CancelInput): void {
  if (order.cancelledAt) throw new ControlInputError(`Order ${order.name} is already cancelled`);
  const fulfilled = order.fulfillments.some((fulfillment) => fulfillment.status === "SUCCESS");
  // Paid: money received, or created as paid (orderCreate's financialStatus) without transactions.
  const paid = received(order).shop > ZERO || ["PAID", "PARTIALLY_PAID"].includes(order.financialStatus);
  if (fulfilled && paid) {
    throw new ControlInputError(
      `Order ${order.name} is paid and has fulfillments: Shopify admin cancels a paid order only before it ships`,
    );
  }
  const { userErrors } = orderCancel(shop, {
    orderId: String(order.id),
    reason: input.reason ?? "CUSTOMER",
    restock: input.restock ?? true,
    refund: input.refund ?? true,
  });
  const [problem] = userErrors;
  if (problem) throw new ControlInputError(problem.message);
}

/**
 * "Refund": the units given by SKU (filling the order's lines of an SKU in turn), else every unit left,
 * the shipping and all the money left. Restocked units not yet shipped are cancelled (CANCEL), shipped
 * ones returned (RETURN). The money is what the items (with their tax) and shipping come to, no more than
 * the buyer paid and kept, given back against the payments in turn. Cancelled orders can be refunded.
 */
export function refundAsMerchant(shop: ShopState, order: OrderRecord, input: RefundInput): RefundRecord {
  const everything = !input.lineItems;
  const lines = input.lineItems
    ? refundLinesBySku(order, input.lineItems)
    : order.lineItems.flatMap((line) => {
        const quantity = currentQuantity(order, line);
        return quantity > 0 ? [restocking(order, line, quantity, true)] : [];
      });
  const shipping = (input.shipping ?? everything) ? refundableShipping(order) : NOTHING;
  const net = netPayment(order);
  // What the buyer paid and kept: the most that can be given back.
  const kept = bothSides((side) => (net[side] > ZERO ? net[side] : ZERO));
  const items = lines.map(({ line, quantity }) => ({ line, quantity, tax: lineTax(order, line, quantity) }));
  const owed = bothSides(
    (side) =>
      shipping[side] +
      sum(items.map(({ line, quantity, tax }) => times(line.unitPrice[side], quantity) + tax[side])),
  );
  const money = everything ? kept : bothSides((side) => (owed[side] < kept[side] ? owed[side] : kept[side]));
  if (lines.length === 0 && shipping.presentment === ZERO && money.presentment === ZERO) {
    throw new ControlInputError(`Order ${order.name} has nothing left to refund`);
  }
  return applyRefund(shop, order, {
    lines,
    shipping,
    transactions: money.presentment > ZERO ? refundsAgainstPayments(order, money) : [],
    note: input.note ?? null,
    notify: true,
  });
}

const NOTHING: AmountSet = { shop: ZERO, presentment: ZERO };

/** Units of a line to refund: restocked ones CANCEL while they fit in what is unshipped, else RETURN. */
function restocking(
  order: OrderRecord,
  line: LineItemRecord,
  quantity: number,
  restock: boolean,
): RefundLinePlan {
  const restockType = !restock
    ? "NO_RESTOCK"
    : quantity <= remainingQuantity(order, line)
      ? "CANCEL"
      : "RETURN";
  return { line, quantity, restockType, moveStock: true };
}

/** The lines refunding `wanted` units of each SKU; refuses an SKU the order lacks or more than is left. */
function refundLinesBySku(
  order: OrderRecord,
  wanted: NonNullable<RefundInput["lineItems"]>,
): RefundLinePlan[] {
  const totals = new Map<string, { quantity: number; restock: boolean }>();
  for (const { sku, quantity, restock } of wanted) {
    const known = totals.get(sku);
    totals.set(sku, {
      quantity: (known?.quantity ?? 0) + quantity,
      restock: restock ?? known?.restock ?? true,
    });
  }
  const lines: RefundLinePlan[] = [];
  for (const [sku, { quantity, restock }] of totals) {
    const matching = order.lineItems.filter((line) => line.sku === sku);
    if (matching.length === 0)
      throw new ControlInputError(`Order ${order.name} has no line item with SKU ${sku}`);
    const left = matching.reduce((total, line) => total + currentQuantity(order, line), 0);
    if (quantity > left) {
      throw new ControlInputError(
        `Order ${order.name} has ${left} unit(s) of SKU ${sku} left to refund, not ${quantity}`,
      );
    }
    let toRefund = quantity;
    for (const line of matching) {
      const take = Math.min(toRefund, currentQuantity(order, line));
      if (take > 0) lines.push(restocking(order, line, take, restock));
      toRefund -= take;
    }
  }
  return lines;
}

import { randomUUID } from "node:crypto";
import { gid, idOf } from "../gid";
import { ZERO } from "../money";
import { nowIso, type AmountSet, type OrderRecord, type RestockType, type ShopState } from "../store";
import { contactErrors } from "../user-errors";
import { currentQuantity } from "./fulfillments";
import { restock } from "./inventory";
import type { OrderUpdateInput, UserErrorRecord } from "./order-input";
import { netPayment } from "./payments";
import { applyRefund, refundableShipping, refundsAgainstPayments, type RefundPlan } from "./refunds";

export type OrderCancelArgs = {
  orderId: string;
  reason: string;
  restock: boolean;
  refund?: boolean | null;
  refundMethod?: { originalPaymentMethodsRefund?: boolean | null } | null;
  notifyCustomer?: boolean;
  staffNote?: string | null;
};

export type OrderCancelResult = {
  order: OrderRecord | null;
  jobId: string | null;
  userErrors: UserErrorRecord[];
};

/**
 * orderCancel. Shopify cancels in a background job; the stand-in applies the cancellation before it
 * answers, so the returned job is already done and the order reads as cancelled right away.
 */
export function orderCancel(shop: ShopState, args: OrderCancelArgs): OrderCancelResult {
  const order = findOrder(shop, args.orderId);
  if (!order) {
    return {
      order: null,
      jobId: null,
      userErrors: [{ field: ["orderId"], message: "Order does not exist", code: "NOT_FOUND" }],
    };
  }
  if (order.cancelledAt) {
    return {
      order,
      jobId: null,
      userErrors: [{ field: ["orderId"], message: "Order has already been cancelled", code: "INVALID" }],
    };
  }
  const refund = args.refund ?? args.refundMethod?.originalPaymentMethodsRefund ?? false;
  const money = netPayment(order);
  // Refunding gives back what the buyer paid, in a refund of every unit still on the order (the restock
  // itself is done below, from what the order took). Without money to give back only the status says so.
  if (refund && money.presentment > ZERO) applyRefund(shop, order, cancelRefund(order, args, money));
  else if (refund && order.financialStatus === "PAID") order.financialStatus = "REFUNDED";
  else if (["PENDING", "AUTHORIZED"].includes(order.financialStatus)) order.financialStatus = "VOIDED";
  const now = nowIso();
  order.cancelledAt = now;
  order.cancelReason = args.reason;
  order.updatedAt = now;
  if (args.restock) {
    for (const line of order.lineItems) {
      restock(line.variantId === null ? undefined : shop.variants.get(line.variantId), line.decremented);
      line.decremented = [];
    }
  }
  return { order, jobId: gid("Job", randomUUID()), userErrors: [] };
}

/** The refund a cancel makes: every unit left, the shipping left, and all the money, payment by payment. */
function cancelRefund(order: OrderRecord, args: OrderCancelArgs, money: AmountSet): RefundPlan {
  return {
    lines: order.lineItems.flatMap((line) => {
      const quantity = currentQuantity(order, line);
      if (quantity === 0) return [];
      const restockType: RestockType = args.restock ? "CANCEL" : "NO_RESTOCK";
      return [{ line, quantity, restockType, moveStock: false }];
    }),
    shipping: refundableShipping(order),
    transactions: refundsAgainstPayments(order, money),
    note: args.staffNote ?? null,
    notify: args.notifyCustomer ?? false,
  };
}

/** orderUpdate: contact details, note, tags and the shipping address (merged onto the current one). */
export function orderUpdate(
  shop: ShopState,
  input: OrderUpdateInput,
): { order: OrderRecord | null; userErrors: UserErrorRecord[] } {
  const order = findOrder(shop, input.id);
  if (!order) return { order: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
  const userErrors = contactErrors([], {
    email: input.email,
    phone: input.phone,
    shippingAddress: input.shippingAddress ? { ...order.shippingAddress, ...input.shippingAddress } : null,
  }).map(({ field, message }) => ({ field, message }));
  if (userErrors.length > 0) return { order: null, userErrors };
  if (input.email !== undefined) order.email = input.email;
  if (input.phone !== undefined) order.phone = input.phone;
  if (input.note !== undefined) order.note = input.note;
  if (input.poNumber !== undefined) order.poNumber = input.poNumber;
  if (input.tags) order.tags = [...new Set(input.tags.map((tag) => tag.trim()).filter(Boolean))].sort();
  if (input.shippingAddress) order.shippingAddress = { ...order.shippingAddress, ...input.shippingAddress };
  if (input.customAttributes) {
    order.customAttributes = input.customAttributes.map(({ key, value }) => ({ key, value: value ?? null }));
  }
  order.updatedAt = nowIso();
  return { order, userErrors: [] };
}

export function findOrder(shop: ShopState, id: string): OrderRecord | undefined {
  const orderId = idOf("Order", id);
  return orderId === undefined ? undefined : shop.orders.get(orderId);
}

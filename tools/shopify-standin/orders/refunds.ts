import { idOf } from "../gid";
import { formatRestAmount, parseAmount, roundToCurrency, sum, times, ZERO, type Amount } from "../money";
import {
  nextId,
  nowIso,
  type AmountSet,
  type LineItemRecord,
  type OrderRecord,
  type RefundRecord,
  type RestockType,
  type ShopState,
  type TransactionRecord,
} from "../store";
import { findOrder } from "./cancel-update";
import { currentQuantity, remainingQuantity } from "./fulfillments";
import { restockRefunded } from "./inventory";
import type { RefundCreateInput, UserErrorRecord } from "./order-input";
import { isPayment, netPayment, received, refunded } from "./payments";
import { bothSides } from "./totals";

/**
 * Refunds as Shopify keeps them on an order: line items removed (restocked or not), shipping refunded and
 * money given back in REFUND transactions against the payments. Made by refundCreate, by the merchant in
 * Shopify admin (control API), and by a cancel that refunds.
 */

const NOTHING: AmountSet = { shop: ZERO, presentment: ZERO };

/** Units of one line to refund, how they go back to stock, and whether this refund moves the stock. */
export type RefundLinePlan = {
  line: LineItemRecord;
  quantity: number;
  restockType: RestockType;
  /** Where restocked units go; default where the line took them from, else the first location. */
  locationId?: number;
  /** False when the stock was already given back (a restocking cancel does it itself). */
  moveStock: boolean;
};

/** Everything a refund records, already checked against what the order has left. */
export type RefundPlan = {
  lines: RefundLinePlan[];
  shipping: AmountSet;
  transactions: Array<{ amount: AmountSet; parent: TransactionRecord }>;
  note: string | null;
  notify: boolean;
  processedAt?: string | null;
};

/** Records a refund: its line items (restocking them), its shipping, its REFUND transactions. */
export function applyRefund(shop: ShopState, order: OrderRecord, plan: RefundPlan): RefundRecord {
  const now = nowIso();
  const processedAt = plan.processedAt ?? now;
  const id = nextId(shop);
  const lineItems = plan.lines.map(({ line, quantity, restockType, locationId, moveStock }) => {
    const restocked = restockType !== "NO_RESTOCK" && line.variantId !== null;
    let at: number | null = null;
    if (restocked && moveStock) at = restockRefunded(shop, line, quantity, locationId);
    else if (restocked) at = locationId ?? line.decremented[0]?.locationId ?? shop.locations[0]?.id ?? null;
    return {
      id: nextId(shop),
      lineItemId: line.id,
      quantity,
      restockType,
      restocked,
      locationId: at,
      subtotal: bothSides((side) => times(line.unitPrice[side], quantity)),
      totalTax: lineTax(order, line, quantity),
    };
  });
  const transactions: TransactionRecord[] = plan.transactions.map(({ amount, parent }) => ({
    id: nextId(shop),
    kind: "REFUND",
    status: "SUCCESS",
    // Shopify refunds through the payment's gateway, whatever gateway the input named.
    gateway: parent.gateway,
    amount,
    processedAt,
    createdAt: now,
    manual: parent.manual,
    parentId: parent.id,
  }));
  order.transactions.push(...transactions);
  const shipped = plan.shipping.shop > ZERO || plan.shipping.presentment > ZERO;
  const refund: RefundRecord = {
    id,
    createdAt: now,
    processedAt,
    note: plan.note,
    notify: plan.notify,
    lineItems,
    shipping: shipped
      ? { id: nextId(shop), shippingLineId: order.shippingLines[0]?.id ?? null, amount: plan.shipping }
      : null,
    transactionIds: transactions.map((transaction) => transaction.id),
  };
  order.refunds.push(refund);
  // Money back makes the order (partially) refunded; a refund of items alone leaves its status.
  if (transactions.length > 0) {
    order.financialStatus =
      refunded(order).presentment >= received(order).presentment ? "REFUNDED" : "PARTIALLY_REFUNDED";
  }
  order.updatedAt = now;
  return refund;
}

/** The line's tax on `quantity` of its units: its tax lines' share, rounded to the currency. */
export function lineTax(order: OrderRecord, line: LineItemRecord, quantity: number): AmountSet {
  const currency = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  return bothSides((side) =>
    roundToCurrency(
      sum(line.taxLines.map((tax) => (tax.amount[side] * BigInt(quantity)) / BigInt(line.quantity))),
      currency[side],
    ),
  );
}

/** The total of a refund's transactions (Refund.totalRefundedSet). */
export function refundTotal(order: OrderRecord, refund: RefundRecord): AmountSet {
  const transactions = refundTransactions(order, refund);
  return bothSides((side) => sum(transactions.map((transaction) => transaction.amount[side])));
}

export function refundTransactions(order: OrderRecord, refund: RefundRecord): TransactionRecord[] {
  return refund.transactionIds.flatMap(
    (id) => order.transactions.find((transaction) => transaction.id === id) ?? [],
  );
}

/** Shipping refunded so far (Order.totalRefundedShippingSet). */
export function refundedShipping(order: OrderRecord): AmountSet {
  const amounts = order.refunds.flatMap((refund) => (refund.shipping ? [refund.shipping.amount] : []));
  return bothSides((side) => sum(amounts.map((amount) => amount[side])));
}

/** Shipping not yet refunded. */
export function refundableShipping(order: OrderRecord): AmountSet {
  const done = refundedShipping(order);
  return bothSides((side) => atLeastZero(order.totals.shipping[side] - done[side]));
}

/**
 * REFUND transactions for `amount`, against the payments in turn, each for what is left of it (its amount
 * less what was already refunded against it).
 */
export function refundsAgainstPayments(order: OrderRecord, amount: AmountSet): RefundPlan["transactions"] {
  const left = { ...amount };
  const planned: RefundPlan["transactions"] = [];
  for (const payment of order.transactions.filter(isPayment)) {
    if (left.presentment <= ZERO) break;
    const back = order.transactions.filter(
      (transaction) => transaction.kind === "REFUND" && transaction.parentId === payment.id,
    );
    const take = bothSides((side) => {
      const available = payment.amount[side] - sum(back.map((transaction) => transaction.amount[side]));
      return atLeastZero(available < left[side] ? available : left[side]);
    });
    if (take.presentment <= ZERO) continue;
    planned.push({ amount: take, parent: payment });
    left.shop -= take.shop;
    left.presentment -= take.presentment;
  }
  return planned;
}

export type RefundCreateResult = {
  order: OrderRecord | null;
  refund: RefundRecord | null;
  userErrors: UserErrorRecord[];
};

/**
 * refundCreate: refunds the line items, shipping and transactions given. Refuses, changing nothing, the
 * first kind of problem it finds (each problem of that kind at its path), in the words of Shopify where
 * it has been seen answering (see README). A cancelled order can still be refunded its money.
 */
export function refundCreate(shop: ShopState, input: RefundCreateInput): RefundCreateResult {
  const order = findOrder(shop, input.orderId);
  if (!order) {
    return {
      order: null,
      refund: null,
      userErrors: [{ field: ["orderId"], message: "Order does not exist" }],
    };
  }
  const planned = planRefundCreate(shop, order, input);
  if ("userErrors" in planned) return { order, refund: null, userErrors: planned.userErrors };
  return { order, refund: applyRefund(shop, order, planned), userErrors: [] };
}

type Planned = RefundPlan | { userErrors: UserErrorRecord[] };

function planRefundCreate(shop: ShopState, order: OrderRecord, input: RefundCreateInput): Planned {
  const lines = plannedLines(shop, order, input.refundLineItems ?? []);
  if ("userErrors" in lines) return lines;
  const shipping = plannedShipping(order, input.shipping);
  if ("userErrors" in shipping) return shipping;
  const transactions = plannedTransactions(order, input);
  if ("userErrors" in transactions) return transactions;
  const nothing = shipping.amount.presentment === ZERO && shipping.amount.shop === ZERO;
  if (lines.lines.length === 0 && nothing && transactions.transactions.length === 0) {
    const message = "Refund must include line items, shipping or transactions";
    return { userErrors: [{ field: null, message }] };
  }
  return {
    lines: lines.lines,
    shipping: shipping.amount,
    transactions: transactions.transactions,
    note: input.note ?? null,
    notify: input.notify ?? false,
    processedAt: input.processedAt,
  };
}

/** The line items to refund: known lines of the order, at least one unit, no more than is left of each. */
function plannedLines(
  shop: ShopState,
  order: OrderRecord,
  items: NonNullable<RefundCreateInput["refundLineItems"]>,
): { lines: RefundLinePlan[] } | { userErrors: UserErrorRecord[] } {
  const errors: UserErrorRecord[] = [];
  const lines: RefundLinePlan[] = [];
  // Two entries of one line count together, as do the units cancelled of it.
  const asked = new Map<number, number>();
  const cancelled = new Map<number, number>();
  for (const [index, item] of items.entries()) {
    const at = ["refundLineItems", String(index)];
    const id = idOf("LineItem", item.lineItemId);
    const line = order.lineItems.find((candidate) => candidate.id === id);
    if (!line) {
      errors.push({ field: [...at, "lineItemId"], message: "Line item does not exist" });
      continue;
    }
    if (item.quantity < 1) {
      errors.push({ field: [...at, "quantity"], message: "Quantity must be greater than 0" });
      continue;
    }
    const total = (asked.get(line.id) ?? 0) + item.quantity;
    asked.set(line.id, total);
    if (total > currentQuantity(order, line)) {
      const message = "Quantity cannot refund more items than were purchased";
      errors.push({ field: [...at, "quantity"], message });
      continue;
    }
    const restockType = item.restockType ?? "NO_RESTOCK";
    if (restockType === "CANCEL") {
      const removed = (cancelled.get(line.id) ?? 0) + item.quantity;
      cancelled.set(line.id, removed);
      if (removed > remainingQuantity(order, line)) {
        const message = "Refund line items cannot remove more than the fulfillable quantity.";
        errors.push({ field: ["refundLineItems"], message });
        continue;
      }
    }
    let locationId: number | undefined;
    if (item.locationId != null && restockType !== "NO_RESTOCK") {
      locationId = idOf("Location", item.locationId);
      if (!shop.locations.some((location) => location.id === locationId)) {
        errors.push({ field: [...at, "locationId"], message: "Location does not exist" });
        continue;
      }
    }
    lines.push({ line, quantity: item.quantity, restockType, locationId, moveStock: true });
  }
  return errors.length > 0 ? { userErrors: errors } : { lines };
}

/** The shipping to refund: `amount` (in the presentment currency), else all that is left with `fullRefund`. */
function plannedShipping(
  order: OrderRecord,
  input: RefundCreateInput["shipping"],
): { amount: AmountSet } | { userErrors: UserErrorRecord[] } {
  const left = refundableShipping(order);
  if (input?.amount != null) {
    const amount = parseAmount(input.amount);
    if (amount === undefined || amount < ZERO) {
      const message = "Amount must be greater than or equal to 0";
      return { userErrors: [{ field: ["shipping", "amount"], message }] };
    }
    if (amount > left.presentment) {
      const message =
        `Shipping refund amount ${moneyText(amount, order.presentmentCurrencyCode)} is greater than ` +
        `refundable shipping ${moneyText(left.presentment, order.presentmentCurrencyCode)}`;
      return { userErrors: [{ field: ["shipping", "amount"], message }] };
    }
    if (amount === ZERO) return { amount: NOTHING };
    const shop = amount === left.presentment ? left.shop : share(order, amount, order.totals.shipping);
    return { amount: { shop, presentment: amount } };
  }
  if (input?.fullRefund && left.presentment > ZERO) return { amount: left };
  return { amount: NOTHING };
}

/**
 * The money to give back: REFUND transactions against payments of the order, in its presentment currency,
 * no more in all than the net payment received.
 */
function plannedTransactions(
  order: OrderRecord,
  input: RefundCreateInput,
): { transactions: RefundPlan["transactions"] } | { userErrors: UserErrorRecord[] } {
  const refuse = (field: string[] | null, message: string) => ({ userErrors: [{ field, message }] });
  const given = input.transactions ?? [];
  const presentment = order.presentmentCurrencyCode;
  if (input.currency != null && input.currency !== presentment) {
    return refuse(["currency"], `Currency must match the order's presentment currency (${presentment})`);
  }
  if (given.length > 0 && input.currency == null && order.currencyCode !== presentment) {
    return refuse(
      ["currency"],
      `Currency is required for an order in ${order.currencyCode} and ${presentment}`,
    );
  }
  const planned: Array<{ amount: Amount; parent: TransactionRecord }> = [];
  for (const [index, transaction] of given.entries()) {
    if (transaction.kind !== "REFUND") {
      return refuse(null, `Kind ${transaction.kind.toLowerCase()} is not a valid transaction`);
    }
    const parentId = transaction.parentId ? idOf("OrderTransaction", transaction.parentId) : undefined;
    const parent = order.transactions.find((candidate) => candidate.id === parentId);
    if (!parent || !isPayment(parent)) {
      return refuse(["transactions"], "Transactions require a parent_id associated with the order");
    }
    const amount = parseAmount(transaction.amount);
    if (amount === undefined || amount <= ZERO) {
      return refuse(["transactions", String(index), "amount"], "Amount must be greater than 0");
    }
    planned.push({ amount, parent });
  }
  const total = sum(planned.map(({ amount }) => amount));
  const net = netPayment(order);
  const netLeft = atLeastZero(net.presentment);
  if (total > netLeft) {
    return refuse(
      null,
      `Refund amount ${moneyText(total, presentment)} is greater than net payment received ` +
        moneyText(netLeft, presentment),
    );
  }
  // Each amount in the shop's currency: its share of what was received, the whole net payment's when it
  // refunds all of it.
  const paid = received(order);
  let shopLeft = net.shop;
  const transactions = planned.map(({ amount, parent }, index) => {
    const last = index === planned.length - 1 && total === netLeft;
    const shop = last ? shopLeft : share(order, amount, paid);
    shopLeft -= shop;
    return { amount: { shop, presentment: amount }, parent };
  });
  return { transactions };
}

/** `amount` (presentment money) in the shop's currency, at the rate of `whole`'s two sides. */
function share(order: OrderRecord, amount: Amount, whole: AmountSet): Amount {
  if (order.currencyCode === order.presentmentCurrencyCode || whole.presentment === ZERO) return amount;
  return roundToCurrency((amount * whole.shop) / whole.presentment, order.currencyCode);
}

function atLeastZero(amount: Amount): Amount {
  return amount > ZERO ? amount : ZERO;
}

/** Money as Shopify's messages print it: the currency's symbol and two decimals ("$25.00", "RM9.90"). */
export function moneyText(amount: Amount, currencyCode: string): string {
  let symbol = currencyCode;
  try {
    const parts = new Intl.NumberFormat("en", {
      style: "currency",
      currency: currencyCode,
      currencyDisplay: "narrowSymbol",
    }).formatToParts(0);
    symbol = parts.find((part) => part.type === "currency")?.value ?? currencyCode;
  } catch {
    // An unknown currency code: print the code.
  }
  return `${symbol}${formatRestAmount(amount)}`;
}

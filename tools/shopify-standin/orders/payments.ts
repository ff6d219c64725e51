import { parseAmount, roundToCurrency, sum, ZERO, type Amount } from "../money";
import {
  nextId,
  nowIso,
  type AmountSet,
  type OrderRecord,
  type ShopState,
  type TransactionRecord,
} from "../store";
import { isFutureTime } from "../user-errors";
import { findOrder } from "./cancel-update";
import type { MoneyInput, OrderCreateTransactionInput, UserErrorRecord } from "./order-input";
import { bothSides, currentTotals, moneyOf } from "./totals";

export type OrderCreateManualPaymentArgs = {
  id: string;
  amount?: MoneyInput | null;
  paymentMethodName?: string | null;
  processedAt?: string | null;
};

/** Shopify's own manual payment methods: a transaction on one of them is `manualPaymentGateway`. */
const MANUAL_GATEWAYS = new Set(["manual", "Cash on Delivery (COD)", "Bank Deposit", "Money Order"]);

/** A transaction given to orderCreate, with the schema's defaults (a successful sale) on the manual gateway. */
export function createdTransaction(
  shop: ShopState,
  input: OrderCreateTransactionInput,
  now: string,
): TransactionRecord {
  const gateway = input.gateway ?? "manual";
  return {
    id: nextId(shop),
    kind: input.kind ?? "SALE",
    status: input.status ?? "SUCCESS",
    gateway,
    amount: moneyOf(input.amountSet),
    processedAt: input.processedAt ?? now,
    createdAt: now,
    manual: MANUAL_GATEWAYS.has(gateway),
    parentId: null,
  };
}

/** A payment the buyer made: a successful sale or capture. */
export function isPayment(transaction: TransactionRecord): boolean {
  return transaction.status === "SUCCESS" && (transaction.kind === "SALE" || transaction.kind === "CAPTURE");
}

/** What the buyer has paid, before refunds: the successful sales and captures. */
export function received(order: OrderRecord): AmountSet {
  const payments = order.transactions.filter(isPayment);
  return bothSides((side) => sum(payments.map((transaction) => transaction.amount[side])));
}

/** What was given back: the successful refund transactions. */
export function refunded(order: OrderRecord): AmountSet {
  const refunds = order.transactions.filter(
    (transaction) => transaction.status === "SUCCESS" && transaction.kind === "REFUND",
  );
  return bothSides((side) => sum(refunds.map((transaction) => transaction.amount[side])));
}

/** What the buyer has paid and kept: received less refunded (Order.netPaymentSet). */
export function netPayment(order: OrderRecord): AmountSet {
  const paid = received(order);
  const back = refunded(order);
  return bothSides((side) => paid[side] - back[side]);
}

/**
 * What is still owed: the current total (less the refunded line items and shipping) less what was
 * received, never below zero, and nothing once cancelled. Money refunded doesn't make anything owed. It
 * follows the transactions, not a `financialStatus` given to orderCreate. The buyer owes in the presentment
 * currency: once that is paid, nothing is owed in the shop's either, whatever its rounding left.
 */
export function outstanding(order: OrderRecord): AmountSet {
  const paid = received(order);
  const total = currentTotals(order).total;
  const owed = bothSides((side) => total[side] - paid[side]);
  if (order.cancelledAt !== null || owed.presentment <= ZERO) return { shop: ZERO, presentment: ZERO };
  return { shop: owed.shop > ZERO ? owed.shop : ZERO, presentment: owed.presentment };
}

/**
 * orderCreateManualPayment: records money received outside Shopify (cash on delivery) as a successful sale
 * on a manual method, by default the whole balance under "Other" (gateway "manual"). The amount is in the
 * order's presentment currency, as Shopify's CURRENCY_MISMATCH says ("doesn't match the presentment currency
 * of the order"). Refuses the first problem it finds; an order with nothing outstanding (paid, or
 * cancelled) takes no payment.
 */
export function orderCreateManualPayment(
  shop: ShopState,
  args: OrderCreateManualPaymentArgs,
): { order: OrderRecord | null; userErrors: UserErrorRecord[] } {
  const refuse = (field: string[], message: string, code: string) => ({
    order: null,
    userErrors: [{ field, message, code }],
  });
  const order = findOrder(shop, args.id);
  if (!order) return refuse(["id"], "Order does not exist", "ORDER_NOT_FOUND");
  const balance = outstanding(order);
  // The Decimal scalar takes any value here: one that is not a number is refused as not positive.
  const amount = args.amount ? (parseAmount(args.amount.amount) ?? ZERO) : balance.presentment;
  if (args.amount && amount <= ZERO) {
    return refuse(["amount", "amount"], "Amount must be greater than 0", "AMOUNT_NOT_POSITIVE");
  }
  if (args.amount && args.amount.currencyCode !== order.presentmentCurrencyCode) {
    return refuse(
      ["amount", "currencyCode"],
      `Currency must match the order's presentment currency (${order.presentmentCurrencyCode})`,
      "CURRENCY_MISMATCH",
    );
  }
  const { processedAt } = args;
  if (processedAt && (Number.isNaN(Date.parse(processedAt)) || isFutureTime(processedAt))) {
    return refuse(["processedAt"], "Processed at is invalid", "PROCESSED_AT_INVALID");
  }
  if (balance.presentment === ZERO) {
    return refuse(["amount"], "Order has no outstanding balance", "AMOUNT_EXCEEDS_BALANCE");
  }
  if (amount > balance.presentment) {
    return refuse(["amount", "amount"], "Amount exceeds the outstanding balance", "AMOUNT_EXCEEDS_BALANCE");
  }
  const now = nowIso();
  order.transactions.push({
    id: nextId(shop),
    kind: "SALE",
    status: "SUCCESS",
    gateway: args.paymentMethodName ?? "manual",
    amount: { shop: inShopCurrency(order, amount, balance), presentment: amount },
    processedAt: processedAt ?? now,
    createdAt: now,
    manual: true,
    parentId: null,
  });
  order.financialStatus = outstanding(order).presentment === ZERO ? "PAID" : "PARTIALLY_PAID";
  order.updatedAt = now;
  return { order, userErrors: [] };
}

/**
 * A payment's amount in the shop's currency: the balance left there when it pays the whole balance, else
 * its share of the order's total, so the order converts at the one rate its amounts were given at.
 */
function inShopCurrency(order: OrderRecord, amount: Amount, balance: AmountSet): Amount {
  if (amount === balance.presentment) return balance.shop;
  const { shop, presentment } = order.totals.total;
  return roundToCurrency((amount * shop) / presentment, order.currencyCode);
}

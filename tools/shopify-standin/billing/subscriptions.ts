import { idOf } from "../gid";
import { parseAmount, ZERO, type Amount } from "../money";
import type { MoneyInput, UserErrorRecord } from "../orders/order-input";
import {
  nextId,
  nowIso,
  type RecurringLineItemRecord,
  type ShopState,
  type SubscriptionRecord,
  type UsageLineItemRecord,
} from "../store";

/**
 * App subscriptions as Shopify bills them: appSubscriptionCreate makes a PENDING subscription and a
 * confirmation URL; the merchant approves it there (it becomes ACTIVE and replaces the active one) or
 * declines it; appSubscriptionCancel ends it. userError messages are the stand-in's (see README).
 */

type Interval = RecurringLineItemRecord["interval"];

export type AppSubscriptionCreateArgs = {
  name: string;
  returnUrl: string;
  test?: boolean | null;
  trialDays?: number | null;
  replacementBehavior?: string | null;
  lineItems: Array<{
    plan: {
      appRecurringPricingDetails?: {
        price: MoneyInput;
        interval?: Interval | null;
        discount?: {
          durationLimitInIntervals?: number | null;
          value?: { amount?: string | number | null; percentage?: number | null } | null;
        } | null;
      } | null;
      appUsagePricingDetails?: { cappedAmount: MoneyInput; terms: string } | null;
    };
  }>;
};

const DAY_MS = 86_400_000;

/** When a period that starts at `from` ends: 30 days, or a year for an annual plan. */
export function periodEnd(from: Date, interval: Interval): string {
  const days = interval === "ANNUAL" ? 365 : 30;
  return new Date(from.getTime() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** appSubscriptionCreate: a PENDING subscription, or the userErrors that refuse it. */
export function createSubscription(
  shop: ShopState,
  args: AppSubscriptionCreateArgs,
): { subscription: SubscriptionRecord | null; userErrors: UserErrorRecord[] } {
  const userErrors: UserErrorRecord[] = [];
  const refuse = (field: string[], message: string) => userErrors.push({ field, message });
  if (args.name.trim() === "") refuse(["name"], "Name can't be blank");
  if (!/^https?:\/\/[^/\s]+/.test(args.returnUrl)) refuse(["returnUrl"], "Return URL is invalid");
  if ((args.trialDays ?? 0) < 0) refuse(["trialDays"], "Trial days must be greater than or equal to 0");
  if (args.lineItems.length === 0) refuse(["lineItems"], "Line items must have at least one line item");
  const money = (at: string[], value: MoneyInput): Amount => {
    const amount = parseAmount(value.amount) ?? ZERO;
    if (amount <= ZERO) refuse([...at, "amount"], "Amount must be greater than 0");
    if (value.currencyCode !== "USD" && value.currencyCode !== shop.currencyCode)
      refuse([...at, "currencyCode"], "Currency must be USD or the shop's billing currency");
    return amount;
  };
  const lineItems = args.lineItems.flatMap<SubscriptionRecord["lineItems"][number]>((item, index) => {
    const at = ["lineItems", String(index), "plan"];
    const { appRecurringPricingDetails: recurring, appUsagePricingDetails: usage } = item.plan;
    if (recurring && !usage) {
      const price = money([...at, "appRecurringPricingDetails", "price"], recurring.price);
      return [recurringLine(shop, recurring, price)];
    }
    if (usage && !recurring) {
      const cap = money([...at, "appUsagePricingDetails", "cappedAmount"], usage.cappedAmount);
      return [usageLine(shop, usage.cappedAmount.currencyCode, usage.terms, cap)];
    }
    refuse(at, "Plan must have either appRecurringPricingDetails or appUsagePricingDetails");
    return [];
  });
  const count = (kind: string) => lineItems.filter((line) => line.kind === kind).length;
  if (count("recurring") > 1 || count("usage") > 1)
    refuse(["lineItems"], "A subscription has at most one recurring and one usage line item");
  if (userErrors.length > 0) return { subscription: null, userErrors };
  const subscription: SubscriptionRecord = {
    id: nextId(shop),
    name: args.name,
    status: "PENDING",
    test: args.test ?? false,
    createdAt: nowIso(),
    trialDays: args.trialDays ?? 0,
    returnUrl: args.returnUrl,
    lineItems,
    currentPeriodEnd: null,
  };
  shop.subscriptions.push(subscription);
  return { subscription, userErrors };
}

/** The merchant approved the charge: it becomes the one active subscription, from now. */
export function approveSubscription(shop: ShopState, subscription: SubscriptionRecord, now = new Date()) {
  for (const other of shop.subscriptions) {
    if (other !== subscription && (other.status === "ACTIVE" || other.status === "FROZEN")) {
      other.status = "CANCELLED";
      other.currentPeriodEnd = null;
    }
  }
  subscription.status = "ACTIVE";
  const recurring = subscription.lineItems.find((line) => line.kind === "recurring");
  subscription.currentPeriodEnd = periodEnd(now, recurring?.interval ?? "EVERY_30_DAYS");
}

export function declineSubscription(subscription: SubscriptionRecord): void {
  subscription.status = "DECLINED";
}

/** appSubscriptionCancel: only an active (or frozen) subscription can be cancelled. */
export function cancelSubscription(
  shop: ShopState,
  id: string,
): { subscription: SubscriptionRecord | null; userErrors: UserErrorRecord[] } {
  const subscription = findSubscription(shop, id);
  if (!subscription)
    return { subscription: null, userErrors: [{ field: ["id"], message: "Subscription not found" }] };
  if (subscription.status !== "ACTIVE" && subscription.status !== "FROZEN") {
    const message = `Cannot transition status via :cancel from :${subscription.status.toLowerCase()}`;
    return { subscription: null, userErrors: [{ field: ["id"], message }] };
  }
  subscription.status = "CANCELLED";
  subscription.currentPeriodEnd = null;
  return { subscription, userErrors: [] };
}

export function findSubscription(shop: ShopState, id: string | number): SubscriptionRecord | undefined {
  const wanted = idOf("AppSubscription", id);
  return shop.subscriptions.find((subscription) => subscription.id === wanted);
}

function recurringLine(
  shop: ShopState,
  details: NonNullable<AppSubscriptionCreateArgs["lineItems"][number]["plan"]["appRecurringPricingDetails"]>,
  price: Amount,
): RecurringLineItemRecord {
  const value = details.discount?.value;
  const amount = value?.amount == null ? undefined : parseAmount(value.amount);
  return {
    id: nextId(shop),
    kind: "recurring",
    price,
    currencyCode: details.price.currencyCode,
    interval: details.interval ?? "EVERY_30_DAYS",
    discount: value
      ? {
          durationLimitInIntervals: details.discount?.durationLimitInIntervals ?? null,
          value: amount !== undefined ? { amount } : { percentage: value.percentage ?? 0 },
        }
      : null,
  };
}

function usageLine(shop: ShopState, currencyCode: string, terms: string, cap: Amount): UsageLineItemRecord {
  return { id: nextId(shop), kind: "usage", cappedAmount: cap, balanceUsed: ZERO, currencyCode, terms };
}

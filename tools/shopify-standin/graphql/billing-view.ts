import { gid } from "../gid";
import { formatAmount, ZERO, type Amount } from "../money";
import type { RecurringLineItemRecord, SubscriptionRecord, UsageLineItemRecord } from "../store";

/** An app subscription as the Admin schema's AppSubscription, with its line items' pricing. */
export function subscriptionView(record: SubscriptionRecord) {
  return {
    __typename: "AppSubscription",
    id: gid("AppSubscription", record.id),
    name: record.name,
    status: record.status,
    test: record.test,
    trialDays: record.trialDays,
    createdAt: record.createdAt,
    currentPeriodEnd: record.currentPeriodEnd,
    returnUrl: record.returnUrl,
    lineItems: record.lineItems.map((line) => ({
      __typename: "AppSubscriptionLineItem",
      id: gid("AppSubscriptionLineItem", `${line.id}?v=1&index=0`),
      plan: {
        __typename: "AppPlanV2",
        pricingDetails: line.kind === "recurring" ? recurringView(line) : usageView(line),
      },
    })),
  };
}

const moneyV2 = (amount: Amount, currencyCode: string) => ({
  __typename: "MoneyV2",
  amount: formatAmount(amount),
  currencyCode,
});

function recurringView(line: RecurringLineItemRecord) {
  const { discount } = line;
  let discounted = line.price;
  if (discount) {
    discounted =
      "amount" in discount.value
        ? line.price - discount.value.amount
        : line.price - (line.price * BigInt(Math.round(discount.value.percentage * 1_000_000))) / 1_000_000n;
  }
  return {
    __typename: "AppRecurringPricing",
    price: moneyV2(line.price, line.currencyCode),
    interval: line.interval,
    planHandle: null,
    discount: discount && {
      __typename: "AppSubscriptionDiscount",
      durationLimitInIntervals: discount.durationLimitInIntervals,
      remainingDurationInIntervals: discount.durationLimitInIntervals,
      priceAfterDiscount: moneyV2(discounted > ZERO ? discounted : ZERO, line.currencyCode),
      value:
        "amount" in discount.value
          ? {
              __typename: "AppSubscriptionDiscountAmount",
              amount: moneyV2(discount.value.amount, line.currencyCode),
            }
          : { __typename: "AppSubscriptionDiscountPercentage", percentage: discount.value.percentage },
    },
  };
}

function usageView(line: UsageLineItemRecord) {
  return {
    __typename: "AppUsagePricing",
    balanceUsed: moneyV2(line.balanceUsed, line.currencyCode),
    cappedAmount: moneyV2(line.cappedAmount, line.currencyCode),
    interval: "EVERY_30_DAYS",
    terms: line.terms,
  };
}

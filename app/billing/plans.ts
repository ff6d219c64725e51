import type { BillingConfigSubscriptionLineItemPlan } from "@shopify/shopify-api";
import { BillingInterval } from "@shopify/shopify-app-remix/server";

/**
 * The app's plans, as Shopify bills them (shopifyApp's `billing` option): the key is the plan's name on
 * Shopify's approval page and on the merchant's bill. Both sync every order without a limit; they differ
 * in how often the merchant pays, and each starts with a free trial.
 */
export const PLANS = {
  Standard: {
    trialDays: 7,
    lineItems: [{ amount: 19, currencyCode: "USD", interval: BillingInterval.Every30Days }],
  },
  "Standard Annual": {
    trialDays: 7,
    lineItems: [{ amount: 190, currencyCode: "USD", interval: BillingInterval.Annual }],
  },
} satisfies Record<string, BillingConfigSubscriptionLineItemPlan>;

export type PlanName = keyof typeof PLANS;

export const PLAN_NAMES = Object.keys(PLANS) as PlanName[];

import { BillingError, type AppSubscription } from "@shopify/shopify-api";
import { z } from "zod";
import { env } from "~/env.server";
import type { authenticate } from "~/shopify.server";
import { embeddedAppUrl } from "~/admin-api/admin-url.server";
import { PLANS, PLAN_NAMES, type PlanName } from "~/billing/plans";
import { planChanged } from "~/billing/plan-status.server";
import { countWaitingForPlan } from "~/models/order-list.server";

/** shopify-app-remix's billing for the authenticated store (check, request, cancel). */
export type Billing = Awaited<ReturnType<typeof authenticate.admin>>["billing"];

// Shopify doesn't bill test charges: everywhere but production the app asks for those, and counts them.
const TEST_CHARGES = env.NODE_ENV !== "production";
const DAY_MS = 86_400_000;

/** The Plan page's URL parameters: Shopify adds `charge_id` when it sends the merchant back. */
export const planQuerySchema = z.object({
  charge_id: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional()
    .catch(undefined),
});
export type PlanQuery = z.infer<typeof planQuerySchema>;

export const planActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("choose"), plan: z.enum(PLAN_NAMES as [PlanName, ...PlanName[]]) }),
  z.object({
    intent: z.literal("cancel"),
    subscriptionId: z.string().regex(/^gid:\/\/shopify\/AppSubscription\/\d+$/),
  }),
]);
export type PlanAction = z.infer<typeof planActionSchema>;

export type CurrentPlanView = {
  id: string;
  name: string;
  status: string;
  test: boolean;
  /** "$19.00 every 30 days"; null when Shopify names no recurring price (and the plan is not one of ours). */
  price: string | null;
  trialDays: number;
  /** When the free trial ends, while it hasn't. */
  trialEndsAt: string | null;
  currentPeriodEnd: string | null;
};

export type PlanChoiceView = { name: PlanName; price: string; trialDays: number; current: boolean };

export type PlanPage = {
  current: CurrentPlanView | null;
  plans: PlanChoiceView[];
  testCharges: boolean;
  /** Orders blocked because no plan was active; with an active plan, they are queued to sync. */
  waitingOrders: number;
  /** Set when the merchant is back from Shopify's approval page. */
  returned: { active: boolean; requeued: number } | null;
};

export type PlanActionResult =
  { ok: true; intent: "cancel"; cancelled: string } | { ok: false; status: 404 | 409 | 422; error: string };

/**
 * The Plan page: the store's active subscription as Shopify reports it, the plans to choose from, and the
 * orders waiting for a plan. With an active plan, those orders are re-queued (and the cached plan status
 * dropped) — on the way back from approving a charge, or whenever some still wait, e.g. after a missed
 * webhook.
 */
export async function loadPlanPage(
  billing: Billing,
  shopDomain: string,
  query: PlanQuery,
): Promise<PlanPage> {
  const subscription = await activeSubscription(billing);
  const returned = query.charge_id !== undefined;
  let waitingOrders = await countWaitingForPlan(shopDomain);
  let requeued = 0;
  if (returned || (subscription && waitingOrders > 0)) {
    requeued = await planChanged(shopDomain, subscription !== undefined);
    waitingOrders = await countWaitingForPlan(shopDomain);
  }
  return {
    current: subscription ? currentPlanView(subscription) : null,
    plans: PLAN_NAMES.map((name) => ({
      name,
      price: ourPrice(name),
      trialDays: PLANS[name].trialDays,
      current: subscription?.name === name,
    })),
    testCharges: TEST_CHARGES,
    waitingOrders,
    returned: returned ? { active: subscription !== undefined, requeued } : null,
  };
}

/**
 * Choosing a plan asks Shopify for the charge and sends the merchant to approve it: `billing.request`
 * throws the redirect, which the route lets through. Only Shopify's refusal comes back as a result.
 */
export async function applyPlanAction(
  billing: Billing,
  shopDomain: string,
  action: PlanAction,
): Promise<PlanActionResult> {
  const subscription = await activeSubscription(billing);
  try {
    if (action.intent === "choose") {
      if (subscription?.name === action.plan)
        return { ok: false, status: 409, error: `${action.plan} is already your plan.` };
      const returnUrl = embeddedAppUrl(shopDomain, "/app/plan");
      // A switch keeps what is left of the current trial: a new plan is not a new trial.
      const trial = subscription ? { trialDays: trialDaysLeft(subscription) } : {};
      return await billing.request({ plan: action.plan, isTest: TEST_CHARGES, returnUrl, ...trial });
    }
    if (subscription?.id !== action.subscriptionId)
      return { ok: false, status: 404, error: "That plan isn't active on this store." };
    await billing.cancel({ subscriptionId: subscription.id, isTest: TEST_CHARGES, prorate: true });
    await planChanged(shopDomain, false);
    return { ok: true, intent: "cancel", cancelled: subscription.name };
  } catch (error) {
    if (!(error instanceof BillingError)) throw error;
    const problems = Array.isArray(error.errorData) ? (error.errorData as { message?: string }[]) : [];
    const detail = problems.map((problem) => problem.message).join("; ") || error.message;
    return { ok: false, status: 422, error: `Shopify refused: ${detail}` };
  }
}

async function activeSubscription(billing: Billing): Promise<AppSubscription | undefined> {
  const { appSubscriptions } = await billing.check({ isTest: TEST_CHARGES });
  return appSubscriptions.find((subscription) => subscription.status === "ACTIVE");
}

/** Whole days left of a subscription's free trial (a started day counts), 0 once it is over. */
export function trialDaysLeft(
  subscription: Pick<AppSubscription, "createdAt" | "trialDays">,
  now = Date.now(),
) {
  const trialEnd = Date.parse(subscription.createdAt) + subscription.trialDays * DAY_MS;
  return Math.max(0, Math.ceil((trialEnd - now) / DAY_MS));
}

function currentPlanView(subscription: AppSubscription, now = Date.now()): CurrentPlanView {
  const { id, name, status, test, trialDays, currentPeriodEnd } = subscription;
  const recurring = subscription.lineItems
    .map((line) => line.plan.pricingDetails)
    .find((details) => "interval" in details && "price" in details);
  const ours = PLAN_NAMES.find((plan) => plan === name);
  const price = recurring
    ? priceText(recurring.price.amount, recurring.price.currencyCode, recurring.interval)
    : ours
      ? ourPrice(ours)
      : null;
  // Shopify counts the trial from the subscription's creation.
  const trialEnd = new Date(Date.parse(subscription.createdAt) + trialDays * DAY_MS);
  return {
    id,
    name,
    status,
    test,
    price,
    trialDays,
    trialEndsAt: trialDays > 0 && trialEnd.getTime() > now ? trialEnd.toISOString() : null,
    currentPeriodEnd: currentPeriodEnd || null,
  };
}

function ourPrice(name: PlanName): string {
  return PLANS[name].lineItems
    .map((line) => priceText(line.amount, line.currencyCode, line.interval))
    .join(", ");
}

function priceText(amount: number, currencyCode: string, interval: string): string {
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode }).format(amount);
  return `${money} ${interval === "ANNUAL" ? "per year" : "every 30 days"}`;
}

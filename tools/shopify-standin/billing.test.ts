import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, BillingInterval, Session, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { adminApiFetch } from "../../app/admin-api/library-fetch.server";
import { SHOP, TOKEN, useStandin } from "./testing";

// Shopify's own billing code drives the stand-in: the documents it sends are the ones answered here.
const shopify = shopifyApi({
  apiKey: "billing-key",
  apiSecretKey: "billing-secret",
  apiVersion: ApiVersion.October26,
  hostName: "order-sync.example.test",
  isEmbeddedApp: true,
  logger: { level: 0, log: async () => {} },
  billing: {
    Standard: {
      trialDays: 7,
      lineItems: [{ amount: 19, currencyCode: "USD", interval: BillingInterval.Every30Days }],
    },
    "Standard Annual": {
      lineItems: [
        {
          amount: 190,
          currencyCode: "USD",
          interval: BillingInterval.Annual,
          discount: { durationLimitInIntervals: 1, value: { percentage: 0.1 } },
        },
      ],
    },
  },
});
const session = new Session({ id: "offline", shop: SHOP, state: "", isOnline: false, accessToken: TOKEN });
const RETURN_URL = "https://admin.shopify.com/store/test-shop/apps/billing-key/app/plan";

describe("billing on the stand-in", () => {
  const { standin, graphql } = useStandin();
  beforeEach(() => setAbstractFetchFunc(adminApiFetch(standin().url)));

  const request = (plan: "Standard" | "Standard Annual") =>
    shopify.billing.request({ session, plan, isTest: true, returnUrl: RETURN_URL, returnObject: true });
  const check = () =>
    shopify.billing.check({
      session,
      plans: ["Standard", "Standard Annual"],
      isTest: true,
      returnObject: true,
    });
  const post = (confirmationUrl: string, step: "approve" | "decline") =>
    fetch(confirmationUrl.replace(/confirm$/, step), { method: "POST", redirect: "manual" });

  it("creates a pending subscription with a confirmation page, and activates it on approval", async () => {
    const { confirmationUrl, appSubscription } = await request("Standard");
    expect(appSubscription).toMatchObject({ name: "Standard", status: "PENDING", test: true, trialDays: 7 });
    expect(confirmationUrl).toMatch(
      new RegExp(`^${standin().url}/store/test-shop/charges/\\d+/confirm$`.replace(/\./g, "\\.")),
    );
    const page = await fetch(confirmationUrl);
    const html = await page.text();
    expect(html).toContain("Approve subscription: Standard");
    expect(html).toContain("$19.00 every 30 days");
    expect(html).toContain("Free trial: 7 days.");
    expect(html).toContain("Test charge");

    const approved = await post(confirmationUrl, "approve");
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    expect(back.searchParams.get("charge_id")).toBe(appSubscription?.id.split("/").pop());

    const payments = await check();
    expect(payments.hasActivePayment).toBe(true);
    expect(payments.appSubscriptions).toEqual([
      expect.objectContaining({
        id: appSubscription?.id,
        name: "Standard",
        status: "ACTIVE",
        currentPeriodEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lineItems: [
          expect.objectContaining({
            plan: {
              pricingDetails: {
                price: { amount: 19, currencyCode: "USD" },
                interval: "EVERY_30_DAYS",
                discount: null,
              },
            },
          }),
        ],
      }),
    ]);
    expect(payments.oneTimePurchases).toEqual([]);
  });

  it("replaces the active subscription with the approved one, as Shopify does", async () => {
    const before = (await standin().control.getShop(SHOP)).subscriptions;
    expect(before).toEqual([expect.objectContaining({ name: "Standard", status: "ACTIVE" })]);
    const { confirmationUrl } = await request("Standard Annual");
    await post(confirmationUrl, "approve");
    const after = (await standin().control.getShop(SHOP)).subscriptions;
    expect(after.map(({ name, status }) => [name, status])).toEqual([
      ["Standard", "CANCELLED"],
      ["Standard Annual", "ACTIVE"],
    ]);
    const [annual] = (await check()).appSubscriptions;
    expect(annual?.lineItems[0]?.plan.pricingDetails).toMatchObject({
      interval: "ANNUAL",
      price: { amount: 190 },
      discount: {
        durationLimitInIntervals: 1,
        priceAfterDiscount: { amount: 171 },
        value: { percentage: 0.1 },
      },
    });
  });

  it("leaves the active subscription alone when the merchant declines, and refuses a second answer", async () => {
    const { confirmationUrl } = await request("Standard Annual");
    const declined = await post(confirmationUrl, "decline");
    expect(declined.status).toBe(302);
    expect(new URL(declined.headers.get("location") ?? "").searchParams.get("charge_id")).toMatch(/^\d+$/);
    expect((await check()).appSubscriptions.map((subscription) => subscription.name)).toEqual(["Standard"]);
    expect((await post(confirmationUrl, "approve")).status).toBe(409);
    expect(await (await fetch(confirmationUrl)).text()).toContain("This charge is declined.");
  });

  it("cancels the active subscription, and refuses to cancel it twice", async () => {
    const [active] = (await check()).appSubscriptions;
    const cancelled = await shopify.billing.cancel({ session, subscriptionId: active?.id ?? "" });
    expect(cancelled).toMatchObject({ id: active?.id, status: "CANCELLED" });
    expect(await check()).toMatchObject({ hasActivePayment: false, appSubscriptions: [] });
    await expect(shopify.billing.cancel({ session, subscriptionId: active?.id ?? "" })).rejects.toMatchObject(
      {
        errorData: [{ field: ["id"], message: "Cannot transition status via :cancel from :cancelled" }],
      },
    );
  });

  it("refuses a subscription Shopify would refuse, with userErrors", async () => {
    const { body } = await graphql(
      `
        mutation Create($lineItems: [AppSubscriptionLineItemInput!]!) {
          appSubscriptionCreate(name: " ", returnUrl: "not a url", lineItems: $lineItems, trialDays: -1) {
            appSubscription {
              id
            }
            confirmationUrl
            userErrors {
              field
              message
            }
          }
        }
      `,
      {
        lineItems: [
          { plan: { appRecurringPricingDetails: { price: { amount: "0", currencyCode: "EUR" } } } },
          { plan: {} },
        ],
      },
    );
    expect(body).toMatchObject({
      data: {
        appSubscriptionCreate: {
          appSubscription: null,
          confirmationUrl: null,
          userErrors: [
            { field: ["name"], message: "Name can't be blank" },
            { field: ["returnUrl"], message: "Return URL is invalid" },
            { field: ["trialDays"], message: "Trial days must be greater than or equal to 0" },
            {
              field: ["lineItems", "0", "plan", "appRecurringPricingDetails", "price", "amount"],
              message: "Amount must be greater than 0",
            },
            {
              field: ["lineItems", "0", "plan", "appRecurringPricingDetails", "price", "currencyCode"],
              message: "Currency must be USD or the shop's billing currency",
            },
            {
              field: ["lineItems", "1", "plan"],
              message: "Plan must have either appRecurringPricingDetails or appUsagePricingDetails",
            },
          ],
        },
      },
    });
  });

  it("answers 404 for a charge the store doesn't have", async () => {
    expect((await fetch(`${standin().url}/store/test-shop/charges/999/confirm`)).status).toBe(404);
    expect((await fetch(`${standin().url}/store/other-shop/charges/1/confirm`)).status).toBe(404);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { mintSessionToken } from "../../tools/shopify-standin/admin/session-token";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The Plan page runs as Shopify admin calls it, and its billing goes through Shopify's library to the
// stand-in, which plays Shopify's approval page too.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const plan = await import("./app.plan");
const { default: prisma } = await import("~/db.server");
const { syncOrder } = await import("~/sync/sync-order.server");

afterAll(() => standin.close());

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", url: "https://order-sync.example.test" };
const MINE = "plan-a.myshopify.com";
const THEIRS = "plan-b.myshopify.com";
const request = (shop: string, path: string, form?: Record<string, string>) =>
  new Request(`${APP.url}${path}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers: { Authorization: `Bearer ${mintSessionToken(APP, shop).token}` },
  });
const args = (req: Request) => ({ request: req, params: {}, context: {} });
const load = (shop: string, path = "/app/plan") => plan.loader(args(request(shop, path)));
const act = (shop: string, form: Record<string, string>) =>
  plan.action(args(request(shop, "/app/plan", form)));

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** What the merchant does on Shopify's page: answers the charge, and lands back on the returnUrl. */
async function answerCharge(confirmationUrl: string, step: "approve" | "decline"): Promise<URL> {
  const response = await fetch(confirmationUrl.replace(/confirm$/, step), {
    method: "POST",
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

async function chooseAndConfirmationUrl(shop: string, name: string): Promise<string> {
  const redirect = await thrown(act(shop, { intent: "choose", plan: name }));
  expect(redirect.status).toBe(401);
  return redirect.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url") ?? "";
}

// No plan yet: the store's order is Blocked at stage 7.
const mine = await seedWorld(standin, { domain: MINE, skus: [{ skuId: DEFAULT_SKU_ID }], planActive: false });
await seedWorld(standin, { domain: THEIRS });
const placed = Math.floor(Date.now() / 1000) - 7200;
const orderId = await receiveOrder(mine.shop.id, buildTikTokOrder({ create_time: placed }));
await syncOrder(orderId, { trigger: "webhook" });

describe("the Plan page", () => {
  it("shows that no plan is active, the plans to choose from and the orders waiting for one", async () => {
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      syncStatus: "BLOCKED",
      reasonCode: "PLAN_INACTIVE",
    });
    expect(await load(MINE)).toEqual({
      current: null,
      plans: [
        { name: "Standard", price: "$19.00 every 30 days", trialDays: 7, current: false },
        { name: "Standard Annual", price: "$190.00 per year", trialDays: 7, current: false },
      ],
      testCharges: true,
      waitingOrders: 1,
      returned: null,
    });
  });

  it("sends the merchant to Shopify to approve the plan chosen, as a test charge", async () => {
    const confirmationUrl = await chooseAndConfirmationUrl(MINE, "Standard Annual");
    expect(confirmationUrl).toMatch(/\/store\/plan-a\/charges\/\d+\/confirm$/);
    expect(await (await fetch(confirmationUrl)).text()).toContain("$190.00 per year");
    const { subscriptions } = await standin.control.getShop(MINE);
    expect(subscriptions).toEqual([
      expect.objectContaining({ name: "Standard Annual", status: "PENDING", test: true }),
    ]);
    expect(standin.store.shops.get(MINE)?.subscriptions[0]?.returnUrl).toBe(
      "https://admin.shopify.com/store/plan-a/apps/test-api-key/app/plan",
    );
  });

  it("re-queues the orders that waited for a plan when the merchant is back from approving it", async () => {
    const pending = standin.store.shops.get(MINE)?.subscriptions[0];
    const back = await answerCharge(`${standin.url}/store/plan-a/charges/${pending?.id}/confirm`, "approve");
    const page = await load(MINE, `${back.pathname.replace(/^.*\/apps\/[^/]+/, "")}${back.search}`);
    expect(page.returned).toEqual({ active: true, requeued: 1 });
    expect(page.current).toMatchObject({
      name: "Standard Annual",
      status: "ACTIVE",
      test: true,
      price: "$190.00 per year",
      trialDays: 7,
      trialEndsAt: expect.any(String),
      currentPeriodEnd: expect.any(String),
    });
    expect(page.plans.map((choice) => [choice.name, choice.current])).toEqual([
      ["Standard", false],
      ["Standard Annual", true],
    ]);
    const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(row.nextAttemptAt).not.toBeNull();
    expect(row.queuedTrigger).toBe("REQUEUE");
    // The plan status cached when the order was blocked is gone: the queued order syncs now.
    expect(await syncOrder(orderId, { trigger: "requeue" })).toMatchObject({ status: "synced" });
    expect((await load(MINE)).waitingOrders).toBe(0);
  });

  it("refuses the current plan with 409, and an unknown plan or a malformed request with 400", async () => {
    expect(await act(MINE, { intent: "choose", plan: "Standard Annual" })).toMatchObject({
      init: { status: 409 },
      data: { error: "Standard Annual is already your plan." },
    });
    expect(await act(MINE, { intent: "choose", plan: "Enterprise" })).toMatchObject({
      init: { status: 400 },
    });
    expect(await act(MINE, { intent: "cancel", subscriptionId: "1 OR 1" })).toMatchObject({
      init: { status: 400 },
    });
  });

  it("cancels the store's own plan, and not from another store", async () => {
    const { current } = await load(MINE);
    const subscriptionId = current?.id ?? "";
    expect(await act(THEIRS, { intent: "cancel", subscriptionId })).toMatchObject({ init: { status: 404 } });
    expect((await standin.control.getShop(MINE)).subscriptions.at(-1)).toMatchObject({ status: "ACTIVE" });
    expect(await act(MINE, { intent: "cancel", subscriptionId })).toEqual({
      ok: true,
      intent: "cancel",
      cancelled: "Standard Annual",
    });
    expect((await standin.control.getShop(MINE)).subscriptions.at(-1)).toMatchObject({ status: "CANCELLED" });
    expect((await load(MINE)).current).toBeNull();
    expect((await load(THEIRS)).current).toMatchObject({ name: "Standard", status: "ACTIVE" });
  });

  it("keeps what is left of the trial when the merchant switches plans, instead of a new trial", async () => {
    const active = standin.store.shops.get(THEIRS)?.subscriptions.find((sub) => sub.status === "ACTIVE");
    if (!active) throw new Error("the other store has an active plan");
    const dayMs = 86_400_000;
    active.trialDays = 7;
    active.createdAt = new Date(Date.now() - 5 * dayMs - 60_000).toISOString();
    await chooseAndConfirmationUrl(THEIRS, "Standard Annual");
    expect(standin.store.shops.get(THEIRS)?.subscriptions.at(-1)).toMatchObject({
      name: "Standard Annual",
      status: "PENDING",
      trialDays: 2,
    });
    active.createdAt = new Date(Date.now() - 30 * dayMs).toISOString();
    await chooseAndConfirmationUrl(THEIRS, "Standard Annual");
    expect(standin.store.shops.get(THEIRS)?.subscriptions.at(-1)).toMatchObject({ trialDays: 0 });
  });

  it("says no plan is active when the merchant declines, and queues nothing", async () => {
    const blocked = await receiveOrder(mine.shop.id, buildTikTokOrder({ create_time: placed }));
    expect(await syncOrder(blocked, { trigger: "webhook" })).toMatchObject({ reason: "PLAN_INACTIVE" });
    const back = await answerCharge(await chooseAndConfirmationUrl(MINE, "Standard"), "decline");
    const page = await load(MINE, `/app/plan${back.search}`);
    expect(page).toMatchObject({ current: null, waitingOrders: 1, returned: { active: false, requeued: 0 } });
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: blocked } })).nextAttemptAt).toBeNull();
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { buildLineItem, buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { loadOverview } = await import("./overview.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { forgetPlan } = await import("~/billing/plan-status.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

const NOW = new Date("2026-12-06T15:00:00Z");
const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

describe("the overview", () => {
  it("shows every setup step as to do for a store that has done nothing yet", async () => {
    await prisma.shop.create({ data: { domain: "new-store.myshopify.com", autoSync: false } });
    const overview = await loadOverview("new-store.myshopify.com", { now: NOW });
    expect(overview.steps.map((step) => [step.id, step.done, step.url])).toEqual([
      ["connect", false, "/app/settings"],
      ["link", false, "/app/products"],
      ["plan", null, "/app/plan"],
      ["autoSync", false, "/app/settings"],
    ]);
    expect(overview.attention.map((item) => item.count)).toEqual([0, 0, 0]);
    expect(overview.today).toBeNull();
  });

  it("counts the orders that need a look, each with the list it opens, and today's orders", async () => {
    const domain = "overview.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const placed = (iso: string, more: Parameters<typeof buildTikTokOrder>[0] = {}) =>
      buildTikTokOrder({ create_time: at(iso), ...more });
    const orders = [
      placed("2026-12-06T09:00:00Z"),
      placed("2026-12-06T08:00:00Z", { line_items: [buildLineItem({ sku_id: "sku-unlinked" })] }),
      placed("2026-12-06T07:00:00Z", { line_items: [buildLineItem({ sku_id: "sku-unlinked" })] }),
      placed("2026-12-05T09:00:00Z", { status: "ON_HOLD" }),
      placed("2026-12-05T08:00:00Z", { fulfillment_type: "FULFILLMENT_BY_TIKTOK" }),
    ];
    for (const order of orders) await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
    await prisma.tikTokOrder.updateMany({
      where: { shopId: shop.id, tiktokOrderId: orders[0]?.id },
      data: { syncStatus: "FAILED", reasonCode: "OUT_OF_STOCK", reasonStage: null },
    });

    const overview = await loadOverview(domain, { now: NOW, tz: "UTC" });
    expect(overview.attention).toEqual([
      { id: "failed", count: 1, url: "/app/orders?tab=failed" },
      { id: "action", count: 2, url: "/app/orders?tab=blocked&attention=action" },
      { id: "waiting", count: 1, url: "/app/orders?tab=blocked&attention=waiting" },
    ]);
    expect(overview.today).toEqual({
      day: "2026-12-06",
      url: "/app/orders?from=2026-12-06&to=2026-12-06&tz=UTC",
      placed: 3,
      synced: 0,
      blocked: 2,
      failed: 1,
    });
    // At 15:00 UTC it is already the 7th in Tokyo, where nothing was placed yet.
    expect((await loadOverview(domain, { now: NOW, tz: "Asia/Tokyo" })).today).toMatchObject({
      day: "2026-12-07",
      placed: 0,
    });
    const steps = Object.fromEntries(overview.steps.map((step) => [step.id, step]));
    expect(steps.connect?.done).toBe(true);
    expect(steps.link).toMatchObject({ done: false, detail: "2 orders wait for a product to be linked." });
    expect(steps.plan?.done).toBe(true);
    expect(steps.autoSync?.done).toBe(true);

    await standin.control.setSubscription(domain, { status: "CANCELLED" });
    forgetPlan(domain);
    expect((await loadOverview(domain, { now: NOW })).steps.find((step) => step.id === "plan")?.done).toBe(
      false,
    );
  });
});

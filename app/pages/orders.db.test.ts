import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { buildLineItem, buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { loadOrdersPage, parseOrdersQuery } = await import("./orders.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { linkSku } = await import("~/models/product-link.server");
const { forgetPlan } = await import("~/billing/plan-status.server");
const { describeReason } = await import("~/sync/reasons");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

const hoursAgo = (hours: number) => Math.floor(Date.now() / 1000) - hours * 3600;
const query = (params: Record<string, string> = {}) => parseOrdersQuery(new URLSearchParams(params));

/** A store with one order in each state the list shows, placed an hour apart (newest first: synced). */
async function storeWithOrders(domain: string) {
  const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
  const orders = {
    synced: buildTikTokOrder({ create_time: hoursAgo(2) }),
    notLinked: buildTikTokOrder({
      create_time: hoursAgo(3),
      line_items: [buildLineItem({ sku_id: "sku-unlinked", product_name: "Night Cream" })],
    }),
    onHold: buildTikTokOrder({ create_time: hoursAgo(4), status: "ON_HOLD" }),
    fbt: buildTikTokOrder({ create_time: hoursAgo(5), fulfillment_type: "FULFILLMENT_BY_TIKTOK" }),
    unpaid: buildTikTokOrder({ create_time: hoursAgo(6), status: "UNPAID" }),
  };
  for (const order of Object.values(orders))
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
  return { shop, orders };
}

const ids = (page: { orders: { tiktokOrderId: string }[] }) =>
  page.orders.map((order) => order.tiktokOrderId);

describe("the Orders page", () => {
  it("lists only the store's orders, newest first, with a count per tab", async () => {
    const { orders } = await storeWithOrders("list-a.myshopify.com");
    await storeWithOrders("list-b.myshopify.com");

    const page = await loadOrdersPage("list-a.myshopify.com", query());

    expect(ids(page)).toEqual(Object.values(orders).map((order) => order.id));
    expect(page.counts).toEqual({ all: 5, blocked: 3, failed: 0, pending: 1, synced: 1 });
    expect(page.connected).toBe(true);
    expect(page.pageInfo).toEqual({ next: null, previous: null });
  });

  it("shows each order as TikTok sent it, with its reason code and its Shopify order", async () => {
    const { orders } = await storeWithOrders("rows.myshopify.com");
    const page = await loadOrdersPage("rows.myshopify.com", query());
    const [synced, notLinked] = page.orders;
    expect(synced).toMatchObject({
      buyer: "David Kong",
      items: { count: 1, first: "Glow Serum" },
      total: { amount: orders.synced.payment.total_amount, currency: "USD" },
      status: "SYNCED",
      reasonCode: null,
      shopifyOrder: {
        name: `TT-${orders.synced.id}`,
        url: expect.stringMatching(/^shopify:\/\/admin\/orders\/\d+$/),
      },
    });
    expect(notLinked).toMatchObject({
      items: { count: 1, first: "Night Cream" },
      status: "BLOCKED",
      reasonCode: "PRODUCT_NOT_LINKED",
      shopifyOrder: null,
    });
  });

  it("filters by tab, reason, stage and the start of a TikTok order id", async () => {
    const { orders } = await storeWithOrders("filters.myshopify.com");
    const load = (params: Record<string, string>) => loadOrdersPage("filters.myshopify.com", query(params));

    expect(ids(await load({ tab: "blocked" }))).toEqual([
      orders.notLinked.id,
      orders.onHold.id,
      orders.fbt.id,
    ]);
    expect(ids(await load({ tab: "pending" }))).toEqual([orders.unpaid.id]);
    expect(ids(await load({ tab: "synced" }))).toEqual([orders.synced.id]);
    expect(ids(await load({ reason: "ORDER_ON_HOLD" }))).toEqual([orders.onHold.id]);
    expect(ids(await load({ stage: "4" }))).toEqual([orders.fbt.id]);
    expect(ids(await load({ tab: "blocked", stage: "6" }))).toEqual([orders.notLinked.id]);
    expect(ids(await load({ q: orders.fbt.id }))).toEqual([orders.fbt.id]);
    expect(ids(await load({ q: orders.fbt.id.slice(0, -1) }))).toContain(orders.fbt.id);
    expect(ids(await load({ q: "999999" }))).toEqual([]);
  });

  it("pages forward and back with cursors", async () => {
    const { orders } = await storeWithOrders("pages.myshopify.com");
    const all = Object.values(orders).map((order) => order.id);
    const load = (params: Record<string, string>) =>
      loadOrdersPage("pages.myshopify.com", query(params), { take: 2 });

    const first = await load({});
    expect(ids(first)).toEqual(all.slice(0, 2));
    expect(first.pageInfo).toEqual({ next: all[1], previous: null });
    const second = await load({ after: first.pageInfo.next ?? "" });
    expect(ids(second)).toEqual(all.slice(2, 4));
    expect(second.pageInfo).toEqual({ next: all[3], previous: all[2] });
    const last = await load({ after: second.pageInfo.next ?? "" });
    expect(ids(last)).toEqual(all.slice(4));
    expect(last.pageInfo).toEqual({ next: null, previous: all[4] });
    const back = await load({ before: last.pageInfo.previous ?? "" });
    expect(ids(back)).toEqual(all.slice(2, 4));
    expect(back.pageInfo).toEqual({ next: all[3], previous: all[2] });
    const start = await load({ before: back.pageInfo.previous ?? "" });
    expect(ids(start)).toEqual(all.slice(0, 2));
    expect(start.pageInfo.previous).toBeNull();
  });

  it("answers an empty page for a cursor of another store's order, never an error", async () => {
    await storeWithOrders("cursor-a.myshopify.com");
    const other = await storeWithOrders("cursor-b.myshopify.com");
    for (const cursor of ["after", "before"]) {
      const page = await loadOrdersPage(
        "cursor-a.myshopify.com",
        query({ [cursor]: other.orders.onHold.id }),
      );
      expect(page.orders).toEqual([]);
    }
  });

  it("drops query values that don't fit instead of failing", () => {
    expect(
      query({ tab: "archived", reason: "NOT_A_REASON", stage: "9", q: "a b; drop", after: "../x" }),
    ).toEqual({ tab: "all" });
    expect(query({ tab: "failed", reason: "PLAN_INACTIVE", stage: "7", q: " 5764 " })).toEqual({
      tab: "failed",
      reason: "PLAN_INACTIVE",
      stage: 7,
      q: "5764",
    });
  });

  it("judges each row's Sync button by its reason's rule, on today's facts", async () => {
    const { shop, orders } = await storeWithOrders("buttons.myshopify.com");
    const buttons = async () =>
      Object.fromEntries(
        (await loadOrdersPage("buttons.myshopify.com", query())).orders.map((o) => [o.tiktokOrderId, o.sync]),
      );

    const before = await buttons();
    expect(before[orders.synced.id]).toBeNull();
    expect(before[orders.notLinked.id]).toEqual({
      enabled: false,
      because: describeReason("PRODUCT_NOT_LINKED").syncDisabledBecause,
    });
    expect(before[orders.onHold.id]).toEqual({ enabled: true });
    expect(before[orders.fbt.id]).toEqual({
      enabled: false,
      because: describeReason("FULFILLED_BY_TIKTOK").syncDisabledBecause,
    });
    expect(before[orders.unpaid.id]).toEqual({ enabled: true });

    await linkSku(shop.id, {
      tiktokProductId: "p-night-cream",
      tiktokSkuId: "sku-unlinked",
      shopifyVariantId: "gid://shopify/ProductVariant/9000",
    });
    expect((await buttons())[orders.notLinked.id]).toEqual({ enabled: true });
  });

  it("disables Sync on an order some sync holds right now", async () => {
    const { orders } = await storeWithOrders("leased.myshopify.com");
    await prisma.tikTokOrder.updateMany({
      where: { tiktokOrderId: orders.onHold.id },
      data: { leaseHolder: "worker-1", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    const page = await loadOrdersPage("leased.myshopify.com", query({ reason: "ORDER_ON_HOLD" }));
    expect(page.orders[0]?.sync).toEqual({ enabled: false, because: expect.stringMatching(/syncing now/) });
  });

  it("asks Shopify about the plan for an order waiting on it, and keeps the stored reason when it can't", async () => {
    const domain = "plan.myshopify.com";
    const { shop } = await seedWorld(standin, {
      domain,
      skus: [{ skuId: DEFAULT_SKU_ID }],
      planActive: false,
    });
    const order = buildTikTokOrder({ create_time: hoursAgo(2) });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
    const button = async () => {
      forgetPlan(domain);
      return (await loadOrdersPage(domain, query())).orders[0]?.sync;
    };

    expect(await button()).toEqual({
      enabled: false,
      because: describeReason("PLAN_INACTIVE").syncDisabledBecause,
    });
    await standin.control.setSubscription(domain, { status: "ACTIVE" });
    expect(await button()).toEqual({ enabled: true });
    await prisma.session.update({ where: { id: `offline_${domain}` }, data: { accessToken: "revoked" } });
    expect(await button()).toMatchObject({ enabled: false });
  });

  it("says a store without a TikTok connection isn't connected", async () => {
    await prisma.shop.create({ data: { domain: "new.myshopify.com" } });
    const page = await loadOrdersPage("new.myshopify.com", query());
    expect(page).toMatchObject({ connected: false, orders: [], counts: { all: 0 } });
    expect(await loadOrdersPage("unknown.myshopify.com", query())).toMatchObject({
      connected: false,
      orders: [],
    });
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import {
  buildLineItem,
  buildRecipientAddress,
  buildTikTokOrder,
  DEFAULT_SKU_ID,
} from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { COUNT_LIMIT, loadOrdersPage, parseOrdersQuery } = await import("./orders.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { linkSku } = await import("~/models/product-link.server");
const { forgetPlan } = await import("~/billing/plan-status.server");
const { describeReason } = await import("~/sync/reasons");
const { default: prisma } = await import("~/db.server");
const { redactCustomer } = await import("~/models/privacy.server");

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
  it("shows each order's TikTok shop, and filters by TikTok shop and by currency", async () => {
    const domain = "two-shops-list.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const { connectTikTokShop } = await import("../../test/sync-world");
    const uk = "7494000000000000001";
    await connectTikTokShop(domain, shop.id, new Date("2026-01-01T00:00:00Z"), {
      tiktokShopId: uk,
      region: "GB",
    });
    await prisma.tikTokConnection.updateMany({
      where: { tiktokShopId: uk },
      data: { tiktokShopName: "Glow UK" },
    });
    const inDollars = buildTikTokOrder({ create_time: hoursAgo(2) });
    const inPounds = buildTikTokOrder({ create_time: hoursAgo(3) });
    inPounds.payment = { ...inPounds.payment, currency: "GBP" };
    await receiveOrder(shop.id, inDollars, `tts-${domain}`);
    await receiveOrder(shop.id, inPounds, uk);

    const all = await loadOrdersPage(domain, query());
    // First connected first (both on the same day here: then by id).
    expect(all.shops).toEqual([
      { id: uk, name: "Glow UK" },
      { id: `tts-${domain}`, name: `tts-${domain}` },
    ]);
    expect(all.currencies).toEqual(["GBP", "USD"]);
    expect(all.orders.map((order) => [order.tiktokOrderId, order.tiktokShop])).toEqual([
      [inDollars.id, `tts-${domain}`],
      [inPounds.id, "Glow UK"],
    ]);
    expect(ids(await loadOrdersPage(domain, query({ shop: uk })))).toEqual([inPounds.id]);
    expect(ids(await loadOrdersPage(domain, query({ currency: "USD" })))).toEqual([inDollars.id]);
    const both = await loadOrdersPage(domain, query({ shop: uk, currency: "USD" }));
    expect(ids(both)).toEqual([]);
    expect(both.position.total).toBe(0);
    // A value that can't be a shop id or a currency is dropped, not searched for.
    expect(ids(await loadOrdersPage(domain, query({ shop: "x'; --", currency: "pounds" })))).toHaveLength(2);
  });

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

  it("drops values the app made that don't fit, and keeps what the merchant typed", () => {
    expect(
      query({ tab: "archived", reason: "NOT_A_REASON", stage: "9", attention: "x", after: "../x" }),
    ).toEqual({
      tab: "all",
    });
    expect(query({ tab: "failed", reason: "PLAN_INACTIVE", stage: "7", q: " 5764 " })).toEqual({
      tab: "failed",
      reason: "PLAN_INACTIVE",
      stage: 7,
      q: "5764",
    });
    for (const typed of ["Ava  Reyes", "#1001", "TT-5764", "a b; drop", "100%_off"])
      expect(query({ q: typed }).q).toBe(typed.replace(/\s+/g, " "));
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
    expect(before[orders.onHold.id]).toMatchObject({ enabled: true });
    expect(before[orders.fbt.id]).toEqual({
      enabled: false,
      because: describeReason("FULFILLED_BY_TIKTOK").syncDisabledBecause,
    });
    expect(before[orders.unpaid.id]).toMatchObject({ enabled: true });

    await linkSku(shop.id, {
      tiktokProductId: "p-night-cream",
      tiktokSkuId: "sku-unlinked",
      shopifyVariantId: "gid://shopify/ProductVariant/9000",
    });
    expect((await buttons())[orders.notLinked.id]).toMatchObject({ enabled: true });
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

/** A store with orders to search, placed a day apart from 2026-12-01 12:00 UTC (newest first: the last). */
async function storeToSearch(domain: string) {
  const shop = await prisma.shop.create({ data: { domain } });
  const day = (n: number) => Date.UTC(2026, 11, n, 12) / 1000;
  const line = (sku_id: string, seller_sku: string) => buildLineItem({ sku_id, seller_sku });
  const orders = {
    ava: buildTikTokOrder({
      create_time: day(1),
      buyer_email: "ava@scs.tiktokw.us",
      recipient_address: buildRecipientAddress({ name: "Ava Reyes", first_name: "Ava", last_name: "Reyes" }),
      line_items: [line("1729000000000000011", "KIT-TRAVEL")],
    }),
    david: buildTikTokOrder({
      create_time: day(2),
      recipient_address: buildRecipientAddress({ name: "David O'Brien" }),
      line_items: [line("1729000000000000022", "SERUM_30%")],
    }),
    masked: buildTikTokOrder({
      create_time: day(3),
      recipient_address: buildRecipientAddress({ name: "J*** D***e" }),
      line_items: [line("1729000000000000033", "SERUMX30X"), line("1729000000000000011", "KIT-TRAVEL")],
    }),
  };
  for (const order of Object.values(orders)) await receiveOrder(shop.id, order);
  const name = (order: { id: string }, shopifyOrderName: string) =>
    prisma.tikTokOrder.updateMany({
      where: { shopId: shop.id, tiktokOrderId: order.id },
      data: { syncStatus: "SYNCED", shopifyOrderId: "gid://shopify/Order/1", shopifyOrderName },
    });
  await name(orders.ava, `TT-${orders.ava.id}`);
  await name(orders.david, "#1001");
  return { shop, orders };
}

describe("searching and filtering the Orders list", () => {
  it("finds orders by the buyer's name, any word of it, from its start and without case", async () => {
    const { orders } = await storeToSearch("search-name.myshopify.com");
    const found = async (q: string) => ids(await loadOrdersPage("search-name.myshopify.com", query({ q })));
    expect(await found("Ava Reyes")).toEqual([orders.ava.id]);
    expect(await found("reyes")).toEqual([orders.ava.id]);
    expect(await found("REY av")).toEqual([orders.ava.id]);
    expect(await found("o'brien")).toEqual([orders.david.id]);
    expect(await found("j***")).toEqual([orders.masked.id]);
    expect(await found("eyes")).toEqual([]);
    expect(await found("Ava Kong")).toEqual([]);
  });

  it("finds orders by the start of their Shopify order name, with or without the #", async () => {
    const { orders } = await storeToSearch("search-order-name.myshopify.com");
    const found = async (q: string) =>
      ids(await loadOrdersPage("search-order-name.myshopify.com", query({ q })));
    expect(await found(`TT-${orders.ava.id}`)).toEqual([orders.ava.id]);
    expect(await found(`tt-${orders.ava.id.slice(0, 6)}`)).toEqual([orders.ava.id]);
    expect(await found("#1001")).toEqual([orders.david.id]);
    expect(await found("1001")).toEqual([orders.david.id]);
    expect(await found("#1002")).toEqual([]);
  });

  it("finds orders by a seller SKU or a TikTok SKU id, with % and _ meaning themselves", async () => {
    const { orders } = await storeToSearch("search-sku.myshopify.com");
    const found = async (q: string) => ids(await loadOrdersPage("search-sku.myshopify.com", query({ q })));
    expect(await found("kit-travel")).toEqual([orders.masked.id, orders.ava.id]);
    expect(await found("KIT")).toEqual([orders.masked.id, orders.ava.id]);
    expect(await found("1729000000000000022")).toEqual([orders.david.id]);
    expect(await found("serum_30%")).toEqual([orders.david.id]);
    // As LIKE wildcards, these would match SERUMX30X and every order.
    expect(await found("serum_30")).toEqual([orders.david.id]);
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
  });

  it("finds an order by the start of its TikTok order id", async () => {
    const { orders } = await storeToSearch("search-id.myshopify.com");
    const found = async (q: string) => ids(await loadOrdersPage("search-id.myshopify.com", query({ q })));
    expect(await found(orders.david.id)).toEqual([orders.david.id]);
    expect(await found(orders.david.id.slice(0, 5))).toEqual([
      orders.masked.id,
      orders.david.id,
      orders.ava.id,
    ]);
  });

  it("says why a search can't be used instead of listing every order", async () => {
    await storeToSearch("search-refused.myshopify.com");
    for (const q of ["x".repeat(65), "ava\u0000", "\u0007bell"]) {
      const page = await loadOrdersPage("search-refused.myshopify.com", query({ q }));
      expect(page.orders).toEqual([]);
      expect(page.problems.q).toMatch(/characters/);
    }
    const typed = await loadOrdersPage(
      "search-refused.myshopify.com",
      query({ q: "'; DROP TABLE \\ \" &|!:*" }),
    );
    expect(typed).toMatchObject({ orders: [], problems: {} });
  });

  it("doesn't find an erased buyer by name, even when TikTok describes the order again", async () => {
    const { shop, orders } = await storeToSearch("search-erased.myshopify.com");
    const found = async (q: string) => ids(await loadOrdersPage("search-erased.myshopify.com", query({ q })));
    expect(await found("Ava")).toEqual([orders.ava.id]);
    await redactCustomer("search-erased.myshopify.com", { shopifyOrderIds: [], email: "ava@scs.tiktokw.us" });
    expect(await found("Ava")).toEqual([]);
    expect(await found("Reyes")).toEqual([]);
    expect(await found("David")).toEqual([orders.david.id]);
    await receiveOrder(shop.id, { ...orders.ava, update_time: orders.ava.update_time + 60 });
    expect(await found("Ava")).toEqual([]);
    expect(await found("kit-travel")).toEqual([orders.masked.id, orders.ava.id]);
  });

  it("lists the orders placed between two days of the merchant's time zone, both included", async () => {
    const { orders } = await storeToSearch("placed.myshopify.com");
    const placed = async (params: Record<string, string>) =>
      ids(await loadOrdersPage("placed.myshopify.com", query(params)));
    expect(await placed({ from: "2026-12-02", to: "2026-12-02", tz: "UTC" })).toEqual([orders.david.id]);
    expect(await placed({ from: "2026-12-02", to: "2026-12-03" })).toEqual([
      orders.masked.id,
      orders.david.id,
    ]);
    expect(await placed({ to: "2026-12-01", tz: "UTC" })).toEqual([orders.ava.id]);
    // 2026-12-02 12:00 UTC is already the 3rd in Auckland (UTC+13).
    expect(await placed({ from: "2026-12-03", to: "2026-12-03", tz: "Pacific/Auckland" })).toEqual([
      orders.david.id,
    ]);
    expect(await placed({ from: "2026-12-02", q: "kit" })).toEqual([orders.masked.id]);
    const wrong = await loadOrdersPage(
      "placed.myshopify.com",
      query({ from: "2026-12-05", to: "2026-12-01" }),
    );
    expect(wrong).toMatchObject({ orders: [], problems: { placed: expect.stringMatching(/after/) } });
    for (const bad of <Record<string, string>[]>[
      { from: "2026-02-30" },
      { from: "yesterday" },
      { from: "2026-12-01", tz: "Mars/Base" },
    ])
      expect((await loadOrdersPage("placed.myshopify.com", query(bad))).problems.placed).toBeTruthy();
  });

  it("lists the blocked orders that need the merchant, and those waiting to sync by themselves", async () => {
    const { orders } = await storeWithOrders("attention.myshopify.com");
    const load = async (attention: string) =>
      ids(await loadOrdersPage("attention.myshopify.com", query({ tab: "blocked", attention })));
    expect(await load("action")).toEqual([orders.notLinked.id]);
    expect(await load("waiting")).toEqual([orders.onHold.id]);
  });

  it("counts a long search only so far, and says so", async () => {
    const shop = await prisma.shop.create({ data: { domain: "long-search.myshopify.com" } });
    const { upsertTikTokOrders } = await import("~/models/tiktok-order.server");
    const many = COUNT_LIMIT + 20;
    await upsertTikTokOrders(
      shop.id,
      Array.from({ length: many }, (_, i) => buildTikTokOrder({ create_time: 1_800_000_000 + i })),
    );
    const load = (params: Record<string, string>) =>
      loadOrdersPage("long-search.myshopify.com", query(params));
    const first = await load({ q: "kong" });
    expect(first.position).toEqual({ start: 1, end: 50, past: null, total: COUNT_LIMIT, totalAtLeast: true });
    const second = await load({ q: "kong", after: first.pageInfo.next ?? "" });
    // From the second page on, the rest of the list fits in the count.
    expect(second.position).toMatchObject({ start: 51, end: 100, total: many, totalAtLeast: false });
    // Without a search, the counts table says exactly.
    expect((await load({})).position).toMatchObject({ total: many, totalAtLeast: false });
  });

  it("says where each page is in the filtered list and how long the list is", async () => {
    const { orders } = await storeWithOrders("position.myshopify.com");
    const load = (params: Record<string, string>) =>
      loadOrdersPage("position.myshopify.com", query(params), { take: 2 });
    const first = await load({});
    expect(first.position).toMatchObject({ start: 1, end: 2, total: 5, totalAtLeast: false });
    const second = await load({ after: first.pageInfo.next ?? "" });
    expect(second.position).toMatchObject({ start: 3, end: 4, total: 5 });
    const last = await load({ after: second.pageInfo.next ?? "" });
    expect(last.position).toMatchObject({ start: 5, end: 5, total: 5 });
    const back = await load({ before: last.pageInfo.previous ?? "" });
    expect(back.position).toMatchObject({ start: 3, end: 4, total: 5 });

    const blocked = await load({ tab: "blocked" });
    expect(blocked.position).toMatchObject({ start: 1, end: 2, total: 3 });
    const stage = await load({ stage: "6" });
    expect(stage.position).toMatchObject({ start: 1, end: 1, total: 1 });
    const searched = await load({ q: "David" });
    expect(searched.position).toMatchObject({ start: 1, end: 2, total: 5 });
    const secondSearched = await load({ q: "David", after: searched.pageInfo.next ?? "" });
    expect(secondSearched.position).toMatchObject({ start: 3, end: 4, total: 5 });
    expect((await load({ q: "nobody" })).position).toMatchObject({ start: null, total: 0 });
    expect(ids(await load({ after: orders.synced.id }))).toEqual([orders.notLinked.id, orders.onHold.id]);
  });
});

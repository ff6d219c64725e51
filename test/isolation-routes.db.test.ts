import { afterAll, afterEach, describe, expect, it } from "vitest";
import { APP_KEY, APP_SECRET, startConnectorWorld } from "./connector-world";
import { signWebhook } from "~/tiktok/signature";
import { buildLineItem, buildTikTokOrder } from "./factories/tiktok-order";
import { APP, form, hostileRequest, json, outcomeOf, type Payload } from "./hostile-requests";
import {
  expectEveryRouteCovered,
  isWebhookRoute,
  routeAction,
  routeLoader,
  routesExporting,
} from "./route-inventory";
import { receiveOrder } from "./sync-world";
import { mentionsOf, seedTenant, snapshotOf, type Tenant } from "./tenant-world";

// Tenant isolation through every page, action and job: store A asks for, changes and erases things with
// store B's ids; it finds nothing of B's, and B's rows stay exactly as they were. The Shopify webhooks are
// in isolation.db.test.ts.
const world = await startConnectorWorld();
await world.tiktok.control.setWebhooksEnabled(false);
const { default: prisma } = await import("~/db.server");
const { authorizeWithoutBrowser, openTikTokAuthorization, verifyOAuthState } =
  await import("~/tiktok/oauth.server");
const { connectCookie } = await import("~/tiktok/connect-cookie.server");
const { countPendingDataRequests, keepDataRequest, listDataRequests, reportCustomerData } =
  await import("~/models/privacy.server");
afterAll(() => world.close());

const a = await seedTenant(world, "iso-a.myshopify.com");
const b = await seedTenant(world, "iso-b.myshopify.com");
const connectionOfA = await prisma.tikTokConnection.findUniqueOrThrow({
  where: { tiktokShopId: a.tiktokShopId },
});
const connectionOfB = await prisma.tikTokConnection.findUniqueOrThrow({
  where: { tiktokShopId: b.tiktokShopId },
});
const subscriptionOfB = (await world.shopify.control.setSubscription(b.domain, { status: "ACTIVE" })) as {
  id: string;
};

/** B's orders blocked for every reason A's actions re-queue, one of them with a line of A's TikTok SKU. */
async function blockedOrderOfB(reasonCode: string, skuId = b.skuId) {
  const order = buildTikTokOrder({ line_items: [buildLineItem({ sku_id: skuId })] });
  const id = await receiveOrder(b.shopId, order);
  await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
}
for (const reason of [
  "PRODUCT_NOT_LINKED",
  "PRODUCT_DELETED",
  "PLAN_INACTIVE",
  "AUTO_SYNC_DISABLED",
  "ORDER_ON_HOLD",
])
  await blockedOrderOfB(reason);
await blockedOrderOfB("PRODUCT_NOT_LINKED", a.skuId);
/** B's order in pounds, failed for want of a GBP rate: A's rate must not send it syncing. */
{
  const order = buildTikTokOrder({ line_items: [buildLineItem({ sku_id: b.skuId, currency: "GBP" })] });
  const id = await receiveOrder(b.shopId, { ...order, payment: { ...order.payment, currency: "GBP" } });
  await prisma.tikTokOrder.update({
    where: { id },
    data: { syncStatus: "FAILED", reasonCode: "EXCHANGE_RATE_MISSING", nextAttemptAt: null },
  });
}

/** A customer data request for the store, as customers/data_request keeps it (every order, by no email). */
async function keepReport(domain: string) {
  const report = await reportCustomerData(domain, { shopifyOrderIds: [] });
  await keepDataRequest(domain, { shopifyCustomerId: "1", report });
  const [kept] = await listDataRequests(domain);
  return { id: kept?.id ?? "" };
}
const { id: requestOfB } = await keepReport(b.domain);
await blockedOrderOfB("ORDER_BEFORE_PRODUCT_LINKED", a.skuId);

const get = (path: string, shop: string | undefined = a.domain) => ({
  request: hostileRequest(path, "GET", { kind: "none" }, shop),
  params: {},
  context: {},
});
const post = (path: string, payload: Payload, params: Record<string, string> = {}) => ({
  request: hostileRequest(path, "POST", payload, a.domain),
  params,
  context: {},
});
const load = async (route: string, args: ReturnType<typeof get>) =>
  outcomeOf(async () => (await routeLoader(route))(args));
const act = async (route: string, args: ReturnType<typeof post>) =>
  outcomeOf(async () => (await routeAction(route))(args));
const seesNothingOf = (tenant: Tenant, body: unknown) => expect(mentionsOf(tenant, body)).toEqual([]);
const signed = (body: object) => {
  const rawBody = JSON.stringify(body);
  const request = new Request(`${APP.url}/webhooks/tiktok`, {
    method: "POST",
    headers: { Authorization: signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody }) },
    body: rawBody,
  });
  return { request, params: {}, context: {} };
};

/**
 * Runs `run` while the tenant's TikTok order stands for the Shopify order numbered `number`, as if the app had
 * created it there; the row is left as it was found, to the update time.
 */
async function asShopifyOrder(tenant: Tenant, number: string, run: () => Promise<void>) {
  const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: tenant.orderRowId } });
  await prisma.tikTokOrder.update({
    where: { id: row.id },
    data: { shopifyOrderId: `gid://shopify/Order/${number}`, shopifyOrderName: "#1001" },
  });
  try {
    await run();
  } finally {
    await prisma.tikTokOrder.update({
      where: { id: row.id },
      data: {
        shopifyOrderId: row.shopifyOrderId,
        shopifyOrderName: row.shopifyOrderName,
        updatedAt: row.updatedAt,
      },
    });
  }
}

/** Per route: A's requests naming B's things. A new route with a loader or an action needs a case here. */
const cases: Record<string, () => Promise<void>> = {
  _index: async () => expect((await load("_index", get(`/?shop=${b.domain}`, undefined))).status).toBe(302),
  app: async () => seesNothingOf(b, await load("app", get("/app"))),
  "app._index": async () => {
    // B's orders wait on its products and its plan; A's one order is left out on purpose.
    const overview = await load("app._index", get("/app?tz=UTC"));
    seesNothingOf(b, overview);
    expect(overview.body).toMatchObject({
      attention: [{ count: 0 }, { count: 0 }, { count: 0 }],
      today: { placed: 0 },
    });
  },
  "app.orders._index": async () => {
    const all = await load("app.orders._index", get("/app/orders"));
    expect(mentionsOf(a, all)).toContain(a.orderId);
    seesNothingOf(b, all);
    for (const q of [b.orderId, b.sellerSku, b.skuId, "David"]) {
      const search = await load("app.orders._index", get(`/app/orders?q=${encodeURIComponent(q)}`));
      // The query itself is echoed back; the page shows nothing of B's.
      seesNothingOf(b, (search.body as { page: unknown }).page);
    }
    const search = await load("app.orders._index", get(`/app/orders?q=${b.orderId}`));
    expect(search.body).toMatchObject({ page: { orders: [], counts: { all: 1 } } });
    const exported = await act(
      "app.orders._index",
      post(`/app/orders?index&q=${b.sellerSku}`, { kind: "none" }),
    );
    expect(new URL(String((exported.body as { url: string }).url), APP.url).searchParams.get("shop")).toBe(
      a.domain,
    );
  },
  "exports.orders[.]csv": async () => {
    const { createOrdersExport } = await import("~/pages/order-export.server");
    const link = createOrdersExport(a.domain, new URL(`${APP.url}/app/orders`)) as { url: string };
    const mine = await load("exports.orders[.]csv", get(link.url, undefined));
    expect(mine.status).toBe(200);
    expect(mentionsOf(a, mine.body)).toEqual([a.orderId]);
    seesNothingOf(b, mine.body);
    const theirs = link.url.replace(
      `shop=${encodeURIComponent(a.domain)}`,
      `shop=${encodeURIComponent(b.domain)}`,
    );
    expect((await load("exports.orders[.]csv", get(theirs, undefined))).status).toBe(403);
  },
  "app.privacy-requests": async () => {
    const asked = await act("app.privacy-requests", post("/app/privacy-requests", json({ id: requestOfB })));
    expect(asked.status).toBe(404);
    expect(await countPendingDataRequests(b.domain)).toBe(1);
  },
  "exports.data-request[.]json": async () => {
    // A's own link, for a request of A's, made to name B's: the signature no longer holds.
    const { createReportDownload } = await import("~/pages/privacy-requests.server");
    const { id: requestOfA } = await keepReport(a.domain);
    const link = (await createReportDownload(a.domain, { id: requestOfA })) as { url: string };
    const theirs = link.url
      .replace(`shop=${encodeURIComponent(a.domain)}`, `shop=${encodeURIComponent(b.domain)}`)
      .replace(`id=${requestOfA}`, `id=${requestOfB}`);
    expect((await load("exports.data-request[.]json", get(theirs, undefined))).status).toBe(403);
    expect(await countPendingDataRequests(b.domain)).toBe(1);
    const mine = await load("exports.data-request[.]json", get(link.url, undefined));
    expect(mine.status).toBe(200);
    seesNothingOf(b, mine.body);
  },
  "app.orders.$id": async () => {
    const args = { ...get(`/app/orders/${b.orderId}`), params: { id: b.orderId } };
    expect((await load("app.orders.$id", args)).status).toBe(404);
    const sync = await act(
      "app.orders.$id",
      post(`/app/orders/${b.orderId}`, { kind: "none" }, { id: b.orderId }),
    );
    expect(sync.status).toBe(404);
  },
  "app.orders.sync": async () => {
    const progress = await load("app.orders.sync", get(`/app/orders/sync?ids=${b.orderId}`));
    expect(progress.body).toEqual({ running: 0, synced: 0, blocked: 0, failed: 0, pending: 0, done: true });
    const queued = await act("app.orders.sync", post("/app/orders/sync", json({ ids: [b.orderId] })));
    expect(queued.body).toEqual({ queued: [], alreadySynced: 0, notFound: 1 });
  },
  "app.products": async () => {
    const page = await load("app.products", get("/app/products"));
    expect(mentionsOf(a, page)).toContain(a.skuId);
    seesNothingOf(b, page);
    const link = {
      intent: "link",
      tiktokSkuId: a.skuId,
      tiktokProductId: a.productId,
      shopifyVariantId: a.variantId,
    };
    const statuses = [];
    for (const body of [
      { intent: "unlink", tiktokSkuId: b.skuId },
      { ...link, tiktokSkuId: b.skuId, tiktokProductId: b.productId },
      { ...link, shopifyVariantId: b.variantId },
    ])
      statuses.push((await act("app.products", post("/app/products", json(body)))).status);
    expect(statuses).toEqual([404, 404, 422]);
    const autoLink = await act(
      "app.products",
      post("/app/products", json({ intent: "autoLink", skuIds: [b.skuId] })),
    );
    expect(autoLink.body).toMatchObject({ ok: true, linked: 0 });
  },
  "app.products.auto-link": async () =>
    seesNothingOf(b, await load("app.products.auto-link", get("/app/products/auto-link"))),
  "app.products.variants": async () => {
    const found = await load("app.products.variants", get(`/app/products/variants?q=${b.sellerSku}`));
    expect(found.body).toEqual({ variants: [], error: null });
    seesNothingOf(b, await load("app.products.variants", get("/app/products/variants?q=SKU")));
  },
  "app.settings": async () => {
    seesNothingOf(b, await load("app.settings", get("/app/settings")));
    // Turning auto-sync off and on again re-queues the store's own AUTO_SYNC_DISABLED orders only.
    const settings = {
      sampleOrderRule: "SYNC",
      sampleOrderTag: "Sample",
      combineWindowMinutes: 60,
      onHoldRule: "SYNC",
      orderTags: ["TikTok"],
      orderNameFormat: "TT-{id}",
      inventoryBehaviour: "BYPASS",
      notifyCustomer: false,
      restockReturns: true,
      offerTikTokCancel: false,
    };
    for (const autoSync of [false, true]) {
      const saved = await act("app.settings", post("/app/settings", json({ ...settings, autoSync })));
      expect(saved.body).toMatchObject({ ok: true });
    }
  },
  "app.plan": async () => {
    seesNothingOf(b, await load("app.plan", get("/app/plan?charge_id=1")));
    const cancel = form({ intent: "cancel", subscriptionId: subscriptionOfB.id });
    expect((await act("app.plan", post("/app/plan", cancel))).status).toBe(404);
  },
  "app.tiktok.connect": async () => {
    // The redirect to TikTok's authorization page is thrown, for App Bridge to follow.
    const redirect = await (
      await routeAction("app.tiktok.connect")
    )(post("/app/tiktok/connect", { kind: "none" }))
      .then(() => null)
      .catch((thrown: unknown) => thrown as Response);
    const url = new URL(redirect?.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url") ?? "");
    expect(url.pathname).toBe("/tiktok/start");
    const opened = await openTikTokAuthorization(url.searchParams.get("ticket"));
    const state = opened.ok ? new URL(opened.authorizeUrl).searchParams.get("state") : null;
    expect(verifyOAuthState(state)).toMatchObject({ ok: true, shop: a.domain });
  },
  "app.tiktok.disconnect": async () => {
    // B's TikTok shop, by its id: not A's to disconnect.
    const theirs = await act(
      "app.tiktok.disconnect",
      post("/app/tiktok/disconnect", json({ tiktokShopId: b.tiktokShopId })),
    );
    expect(theirs.status).toBe(404);
    expect(await prisma.tikTokConnection.findUnique({ where: { tiktokShopId: b.tiktokShopId } })).toEqual(
      connectionOfB,
    );
    const named = await act("app.tiktok.disconnect", post("/app/tiktok/disconnect", { kind: "none" }));
    expect(named.status).toBe(400);
    expect(await prisma.tikTokConnection.count({ where: { shopId: a.shopId } })).toBe(1);
    const mine = await act(
      "app.tiktok.disconnect",
      post("/app/tiktok/disconnect", json({ tiktokShopId: a.tiktokShopId })),
    );
    expect(mine).toEqual({ status: 200, body: { ok: true } });
    expect(await prisma.tikTokConnection.count({ where: { shopId: a.shopId } })).toBe(0);
  },
  "app.tiktok.auto-sync": async () => {
    // B's TikTok shop: not found, its auto-sync and its waiting orders untouched.
    for (const autoSync of ["off", "on", "store"]) {
      const theirs = await act(
        "app.tiktok.auto-sync",
        post("/app/tiktok/auto-sync", json({ tiktokShopId: b.tiktokShopId, autoSync })),
      );
      expect(theirs.status).toBe(404);
    }
    expect(await prisma.tikTokConnection.findUnique({ where: { tiktokShopId: b.tiktokShopId } })).toEqual(
      connectionOfB,
    );
    const malformed = await act(
      "app.tiktok.auto-sync",
      post("/app/tiktok/auto-sync", json({ tiktokShopId: a.tiktokShopId, autoSync: "sometimes" })),
    );
    expect(malformed.status).toBe(400);
    const mine = await act(
      "app.tiktok.auto-sync",
      post("/app/tiktok/auto-sync", json({ tiktokShopId: a.tiktokShopId, autoSync: "on" })),
    );
    expect(mine.body).toMatchObject({ ok: true });
    expect(
      (await prisma.tikTokConnection.findUniqueOrThrow({ where: { tiktokShopId: a.tiktokShopId } })).autoSync,
    ).toBe(true);
  },
  "app.tiktok.choose": async () => {
    // B waits for a choice among its TikTok shops; A picks B's shop: A has no choice waiting, so nothing.
    const { findHeldGrant, holdGrant } = await import("~/models/tiktok-authorization.server");
    const { state } = await authorizeWithoutBrowser(b.domain);
    const nonce = verifyOAuthState(state);
    if (!nonce.ok) throw new Error("no nonce");
    const held = {
      accessToken: "b-access",
      accessTokenExpiresAt: null,
      refreshToken: "b-refresh",
      refreshTokenExpiresAt: null,
      shops: [{ tiktokShopId: "7494000000000000777", cipher: "ROW_b", region: "GB" }],
    };
    await holdGrant(nonce.nonce, held, new Date(Date.now() + 600_000));
    const picked = await act(
      "app.tiktok.choose",
      post("/app/tiktok/choose", json({ tiktokShopIds: ["7494000000000000777"] })),
    );
    expect(picked.status).toBe(400);
    expect(await prisma.tikTokConnection.count({ where: { tiktokShopId: "7494000000000000777" } })).toBe(0);
    expect(await findHeldGrant(b.domain)).toMatchObject({ shops: [{ tiktokShopId: "7494000000000000777" }] });
    // Left as it was found: B's snapshot holds no authorization.
    await prisma.tikTokAuthorization.deleteMany({ where: { nonce: nonce.nonce } });
  },
  "app.carriers": async () => {
    // A can't map B's TikTok shop's carriers, nor remove B's mapping.
    const { SHIPPING_PROVIDERS } = await import("../tools/tiktok-standin/index");
    await prisma.carrierMapping.create({
      data: {
        shopId: b.shopId,
        tiktokShopId: b.tiktokShopId,
        shopifyCarrier: "dhlexpress",
        shopifyLabel: "DHL Express",
        providerId: "1",
        providerName: "DHL eCommerce",
      },
    });
    const mapped = await act(
      "app.carriers",
      post(
        "/app/carriers",
        json({
          intent: "save",
          tiktokShopId: b.tiktokShopId,
          shopifyCarrier: "UPS",
          providerId: SHIPPING_PROVIDERS.US[1]?.id,
        }),
      ),
    );
    expect(mapped.status).toBe(404);
    const removed = await act(
      "app.carriers",
      post(
        "/app/carriers",
        json({ intent: "remove", tiktokShopId: b.tiktokShopId, shopifyCarrier: "dhlexpress" }),
      ),
    );
    expect(removed.status).toBe(404);
    expect(await prisma.carrierMapping.count({ where: { shopId: b.shopId } })).toBe(1);
    expect(await prisma.carrierMapping.count({ where: { shopId: a.shopId } })).toBe(0);
    const settings = await load("app.settings", get("/app/settings"));
    expect(JSON.stringify(settings.body)).not.toContain("DHL eCommerce");
    await prisma.carrierMapping.deleteMany({ where: { shopId: b.shopId } });
  },
  "app.shipments.sync": async () => {
    // B's fulfilment, blocked on a carrier: A's Sync of it is a 404 and leaves it as it was.
    const order = await prisma.tikTokOrder.findFirstOrThrow({ where: { shopId: b.shopId } });
    const shipment = await prisma.tikTokShipment.create({
      data: {
        shopId: b.shopId,
        orderId: order.id,
        shopifyFulfillmentId: "424242",
        trackingCompany: "Nowhere Post",
        trackingNumber: "AB12345678",
        lines: [],
        status: "BLOCKED",
        reasonCode: "CARRIER_NOT_MAPPED",
      },
    });
    const synced = await act(
      "app.shipments.sync",
      post("/app/shipments/sync", json({ shipmentId: shipment.id })),
    );
    expect(synced.status).toBe(404);
    expect(await prisma.tikTokShipment.findUniqueOrThrow({ where: { id: shipment.id } })).toEqual(shipment);
    await prisma.tikTokShipment.delete({ where: { id: shipment.id } });
  },
  "app.seller-cancel": async () => {
    // B's merchant cancelled an order in Shopify and is asked whether to cancel it on TikTok: A can't answer.
    const order = await prisma.tikTokOrder.findFirstOrThrow({ where: { shopId: b.shopId } });
    await prisma.tikTokOrder.update({ where: { id: order.id }, data: { sellerCancelStatus: "ASKING" } });
    for (const body of [
      { intent: "cancel", tiktokOrderId: order.tiktokOrderId, reason: "seller_cancel_reason_out_of_stock" },
      { intent: "keep", tiktokOrderId: order.tiktokOrderId },
    ]) {
      const answered = await act("app.seller-cancel", post("/app/seller-cancel", json(body)));
      expect(answered.status).toBe(404);
    }
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: order.id } })).sellerCancelStatus).toBe(
      "ASKING",
    );
    await prisma.tikTokOrder.update({
      where: { id: order.id },
      data: { sellerCancelStatus: null, updatedAt: order.updatedAt },
    });
  },
  "app.tiktok-shipping": async () => {
    // B's order is shipped by TikTok Shipping, its package to arrange: A can't see its handover choices,
    // arrange it or print its label.
    const order = await prisma.tikTokOrder.findFirstOrThrow({ where: { shopId: b.shopId } });
    const raw = order.raw as { line_items: Record<string, unknown>[] };
    const packageId = "1153000000000000042";
    await prisma.tikTokOrder.update({
      where: { id: order.id },
      data: {
        raw: {
          ...raw,
          shipping_type: "TIKTOK",
          status: "AWAITING_SHIPMENT",
          line_items: raw.line_items.map((line) => ({ ...line, package_id: packageId })),
        },
      },
    });
    const before = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: order.id } });
    const options = await load(
      "app.tiktok-shipping",
      get(`/app/tiktok-shipping?order=${order.tiktokOrderId}&package=${packageId}`),
    );
    expect(options.status).toBe(404);
    for (const body of [
      { intent: "arrange", tiktokOrderId: order.tiktokOrderId, packageId, method: "DROP_OFF" },
      { intent: "label", tiktokOrderId: order.tiktokOrderId, packageId },
    ]) {
      const answered = await act("app.tiktok-shipping", post("/app/tiktok-shipping", json(body)));
      expect(answered.status).toBe(404);
    }
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: order.id } })).toEqual(before);
    await prisma.tikTokOrder.update({
      where: { id: order.id },
      data: { raw: order.raw ?? {}, updatedAt: order.updatedAt },
    });
  },
  "app.cancellations": async () => {
    // B's buyer asked to cancel: A can neither approve nor reject it.
    const order = await prisma.tikTokOrder.findFirstOrThrow({ where: { shopId: b.shopId } });
    await prisma.tikTokOrder.update({
      where: { id: order.id },
      data: { cancelRequestId: "4035000000000000001", cancelRequestStatus: "CANCELLATION_REQUEST_PENDING" },
    });
    for (const body of [
      { intent: "approve", tiktokOrderId: order.tiktokOrderId },
      {
        intent: "reject",
        tiktokOrderId: order.tiktokOrderId,
        rejectReason: "seller_reject_apply_agreed_with_buyer",
      },
    ]) {
      const answered = await act("app.cancellations", post("/app/cancellations", json(body)));
      expect(answered.status).toBe(404);
    }
    expect(
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: order.id } })).cancelRequestStatus,
    ).toBe("CANCELLATION_REQUEST_PENDING");
    // Left as it was found, to the update time.
    await prisma.tikTokOrder.update({
      where: { id: order.id },
      data: { cancelRequestId: null, cancelRequestStatus: null, updatedAt: order.updatedAt },
    });
  },
  "app.currencies": async () => {
    // A's rate is A's: B's orders that failed for want of a GBP rate stay failed, and B has no rate.
    const saved = await act(
      "app.currencies",
      post("/app/currencies", json({ currency: "GBP", rate: "1.27" })),
    );
    expect(saved.body).toMatchObject({ ok: true });
    expect(await prisma.exchangeRate.count({ where: { shopId: b.shopId } })).toBe(0);
    expect(
      await prisma.tikTokOrder.count({
        where: { shopId: b.shopId, syncStatus: "FAILED", nextAttemptAt: { not: null } },
      }),
    ).toBe(0);
    expect((await load("app.settings", get("/app/settings"))).body).toMatchObject({
      currencies: { rates: [{ currency: "GBP", rate: "1.27" }] },
    });
  },
  "api.extensions.orders.$orderId": async () => {
    // The admin block on Shopify's order page: B's Shopify order, by its number, is none of A's; A's own is.
    const block = (number: string) => ({
      ...get(`/api/extensions/orders/${number}`),
      params: { orderId: number },
    });
    await asShopifyOrder(b, "4400000000001", async () => {
      const theirs = await load("api.extensions.orders.$orderId", block("4400000000001"));
      expect(theirs.status).toBe(404);
      seesNothingOf(b, theirs.body);
    });
    await asShopifyOrder(a, "4400000000002", async () => {
      const mine = await load("api.extensions.orders.$orderId", block("4400000000002"));
      expect(mine.status).toBe(200);
      expect(mentionsOf(a, mine.body)).toContain(a.orderId);
    });
  },
  "api.extensions.orders.$orderId.sync": async () => {
    // "Sync from TikTok" on B's Shopify order, by its number: not found, B's order not synced.
    await asShopifyOrder(b, "4400000000001", async () => {
      const synced = await act(
        "api.extensions.orders.$orderId.sync",
        post("/api/extensions/orders/4400000000001/sync", { kind: "none" }, { orderId: "4400000000001" }),
      );
      expect(synced.status).toBe(404);
      seesNothingOf(b, synced.body);
      const preflight = await load("api.extensions.orders.$orderId.sync", {
        ...get("/api/extensions/orders/4400000000001/sync"),
        params: { orderId: "4400000000001" },
      });
      expect(preflight.status).toBe(405);
    });
  },
  "auth.$": async () => {
    const bounce = await load("auth.$", get(`/auth/session-token?shop=${b.domain}`, undefined));
    expect(bounce.status).toBe(200);
    seesNothingOf(b, bounce.body);
  },
  "auth.login": async () => {
    expect((await load("auth.login", get(`/auth/login?shop=${b.domain}`, undefined))).status).toBe(302);
    const args = {
      ...post("/auth/login", form({ shop: b.domain })),
      request: hostileRequest("/auth/login", "POST", form({ shop: b.domain })),
    };
    expect((await act("auth.login", args)).status).toBe(302);
  },
  "tiktok.callback": async () => {
    // Store A's authorization, in A's browser, with a code for B's TikTok shop: refused, and B keeps its
    // connection.
    const { authCode } = await world.tiktok.control.createAuthCode(b.tiktokShopId);
    const { state, browserKey } = await authorizeWithoutBrowser(a.domain);
    const url = `/tiktok/callback?code=${authCode}&state=${encodeURIComponent(state)}`;
    const request = new Request(`${APP.url}${url}`, {
      headers: { Cookie: (await connectCookie.serialize(browserKey)).split(";")[0] ?? "" },
    });
    expect((await load("tiktok.callback", { request, params: {}, context: {} })).status).toBe(409);
  },
  "tiktok.start": async () => {
    // No ticket, or one A made up: nothing to redeem.
    for (const ticket of ["", "?ticket=made-up"])
      expect((await load("tiktok.start", get(`/tiktok/start${ticket}`, undefined))).status).toBe(400);
  },
  "webhooks.tiktok": async () => {
    const now = Math.floor(Date.now() / 1000);
    const deauthorized = {
      type: 6,
      tts_notification_id: `iso-${now}`,
      shop_id: a.tiktokShopId,
      timestamp: now,
      data: {},
    };
    const response = await (await routeAction("webhooks.tiktok"))(signed(deauthorized));
    expect((response as Response).status).toBe(200);
    expect(
      (await prisma.tikTokConnection.findUniqueOrThrow({ where: { tiktokShopId: a.tiktokShopId } }))
        .deauthorizedAt,
    ).not.toBeNull();
  },
};

afterEach(async () => {
  await prisma.tikTokConnection.upsert({
    where: { tiktokShopId: a.tiktokShopId },
    create: connectionOfA,
    update: connectionOfA,
  });
});

describe("tenant isolation through every route", () => {
  it("has a case for every route with a loader or an action, the Shopify webhooks aside", async () => {
    const found = await routesExporting("loader", "action");
    const routes = found.filter((name) => !isWebhookRoute(name) || name === "webhooks.tiktok");
    expectEveryRouteCovered(Object.keys(cases), routes, "test/isolation-routes.db.test.ts");
  });

  for (const [route, run] of Object.entries(cases)) {
    it(`finds and changes nothing of another store's through ${route}`, async () => {
      const before = await snapshotOf(b);
      await run();
      expect(await snapshotOf(b)).toBe(before);
    });
  }
});

describe("tenant isolation through every job entry point", () => {
  it("syncs no order of another store by its TikTok id", async () => {
    const { syncOrderNow, queueBulkSync } = await import("~/pages/manual-sync.server");
    const before = await snapshotOf(b);
    expect(await syncOrderNow(a.domain, b.orderId)).toEqual({ status: "missing" });
    expect(await queueBulkSync(a.domain, [b.orderId])).toMatchObject({ queued: [], notFound: 1 });
    expect(await snapshotOf(b)).toBe(before);
  });

  it("re-queues only the store's own blocked orders, whatever lifted the block", async () => {
    const { requeueBlocked } = await import("~/models/order-queue.server");
    const { linkTikTokSku, applyAutoLink } = await import("~/linking/link-products.server");
    const { handleSubscriptionUpdate } = await import("~/shopify-webhooks/lifecycle.server");
    const { reconcileLinkedVariants } = await import("~/linking/reconcile-variants.server");
    const { planChanged } = await import("~/billing/plan-status.server");
    const before = await snapshotOf(b);
    const reasons = [
      "PRODUCT_NOT_LINKED",
      "PRODUCT_DELETED",
      "PLAN_INACTIVE",
      "AUTO_SYNC_DISABLED",
      "ORDER_ON_HOLD",
    ];
    await requeueBlocked(a.shopId, reasons);
    await requeueBlocked(a.shopId, ["PRODUCT_NOT_LINKED", "ORDER_BEFORE_PRODUCT_LINKED"], {
      skuIds: [a.skuId],
    });
    await linkTikTokSku(a.domain, {
      tiktokProductId: a.productId,
      tiktokSkuId: a.skuId,
      shopifyVariantId: a.variantId,
    });
    await applyAutoLink(a.domain, { skuIds: [a.skuId, b.skuId] });
    await handleSubscriptionUpdate(a.domain, "ACTIVE");
    await planChanged(a.domain, true);
    await reconcileLinkedVariants(a.domain, [b.variantId]);
    expect(await snapshotOf(b)).toBe(before);
  });

  it("polls only the store's own TikTok shop", async () => {
    const { pollShop } = await import("~/tiktok/poll-shop.server");
    const { startPoller } = await import("~/tiktok/poller.server");
    const { order: ofA } = await world.tiktok.control.createOrder({ shopId: a.tiktokShopId });
    const { order: ofB } = await world.tiktok.control.createOrder({ shopId: b.tiktokShopId });
    const before = await snapshotOf(b);
    const refOfA = { shopDomain: a.domain, tiktokShopId: a.tiktokShopId };
    expect(await pollShop(refOfA)).toMatchObject({ ...refOfA, ok: true });
    // A's domain with B's TikTok shop: not connected to A, so nothing is read.
    expect(await pollShop({ shopDomain: a.domain, tiktokShopId: b.tiktokShopId })).toMatchObject({
      ok: false,
      orders: 0,
      error: expect.stringMatching(/not connected/),
    });
    const poller = startPoller({ intervalMs: 3_600_000, firstPollDelayMs: 3_600_000 });
    try {
      expect(
        (await poller.pollNow(a.domain)).map((result) => [result.shopDomain, result.tiktokShopId]),
      ).toEqual([[a.domain, a.tiktokShopId]]);
    } finally {
      await poller.stop();
    }
    const stored = await prisma.tikTokOrder.findMany({ where: { tiktokOrderId: { in: [ofA.id, ofB.id] } } });
    expect(stored.map((row) => [row.shopId, row.tiktokShopId, row.tiktokOrderId])).toEqual([
      [a.shopId, a.tiktokShopId, ofA.id],
    ]);
    expect(await snapshotOf(b)).toBe(before);
  });
});

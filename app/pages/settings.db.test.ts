import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import { form, hostileRequest, json, outcomeOf, type Payload } from "../../test/hostile-requests";

// The Settings page as Shopify admin calls it, through its routes. Connect needs TikTok's credentials only
// to build the authorization link; the page asks Shopify (the stand-in) for the store's currency. The app reads
// its environment once, so both are set before it loads.
const standin = await startShopifyStandin();
afterAll(() => standin.close());
Object.assign(process.env, {
  SHOPIFY_ADMIN_API_URL: standin.url,
  TIKTOK_APP_KEY: "settings-app-key",
  TIKTOK_APP_SECRET: "settings-app-secret",
  TIKTOK_SERVICE_ID: "7310000000000000009",
  TIKTOK_AUTHORIZE_URL: "https://services.tiktokshop.example/open/authorize",
});
const { upsertTikTokOrder } = await import("../../test/factories/stored-order");
const { buildTikTokOrder } = await import("../../test/factories/tiktok-order");
const { default: prisma } = await import("~/db.server");
const { ensureShop, getShopSettings } = await import("~/models/shop.server");
const { connectTikTokShop, connectTikTokShops } = await import("~/models/tiktok-connection.server");
const { upsertTikTokOrders } = await import("~/models/tiktok-order.server");
const { openTikTokAuthorization, verifyOAuthState } = await import("~/tiktok/oauth.server");
const { updateSettings } = await import("./settings.server");
const settingsRoute = await import("~/routes/app.settings");
const connectRoute = await import("~/routes/app.tiktok.connect");
const disconnectRoute = await import("~/routes/app.tiktok.disconnect");
const autoSyncRoute = await import("~/routes/app.tiktok.auto-sync");
const chooseRoute = await import("~/routes/app.tiktok.choose");
const currenciesRoute = await import("~/routes/app.currencies");

const SHOP = "settings.myshopify.com";
await standin.control.createShop({ domain: SHOP, currencyCode: "USD", tokens: ["shpat_settings"] });
const shop = await ensureShop(SHOP);
await prisma.session.create({
  data: {
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "",
    isOnline: false,
    accessToken: "shpat_settings",
    scope: process.env.SCOPES ?? "",
  },
});

const args = (path: string, payload: Payload) => ({
  request: hostileRequest(path, payload.kind === "none" ? "GET" : "POST", payload, SHOP),
  params: {},
  context: {},
});
const save = (payload: Payload) => outcomeOf(() => settingsRoute.action(args("/app/settings", payload)));
const blocked = async (reasonCode: string) => {
  const { id } = await upsertTikTokOrder(shop.id, buildTikTokOrder());
  await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
  return id;
};

const disconnect = (payload: Payload) =>
  outcomeOf(() => disconnectRoute.action(args("/app/tiktok/disconnect", payload)));
const connectedIds = async () =>
  (
    await prisma.tikTokConnection.findMany({ where: { shopId: shop.id }, orderBy: { tiktokShopId: "asc" } })
  ).map((row) => row.tiktokShopId);
const tokens = {
  accessToken: "access",
  accessTokenExpiresAt: new Date("2027-01-01T00:00:00Z"),
  refreshToken: "refresh",
  refreshTokenExpiresAt: new Date("2027-06-01T00:00:00Z"),
};
const granted = (tiktokShopId: string) => ({ tiktokShopId, cipher: `ROW_${tiktokShopId}`, region: "US" });
const grantOf = (tiktokShopId: string) => ({ ...tokens, ...granted(tiktokShopId) });

const changed = {
  autoSync: false,
  sampleOrderRule: "COMBINE",
  sampleOrderTag: "Free sample",
  combineWindowMinutes: 90,
  onHoldRule: "SYNC",
  orderTags: ["TikTok", "Creator run"],
  orderNameFormat: "TK-{id}",
  inventoryBehaviour: "BYPASS",
  notifyCustomer: true,
  restockReturns: false,
  offerTikTokCancel: true,
} as const;

// First: it counts every order due in the database.
describe("changing a setting", () => {
  it("re-queues the orders the old setting blocked, and only those", async () => {
    const shop = await ensureShop("requeue.myshopify.com");
    const blocked = async (reasonCode: string) => {
      const { id } = await upsertTikTokOrder(shop.id, buildTikTokOrder());
      await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
      return id;
    };
    const autoSync = await blocked("AUTO_SYNC_DISABLED");
    const onHold = await blocked("ORDER_ON_HOLD");
    const settings = await getShopSettings("requeue.myshopify.com");
    await updateSettings("requeue.myshopify.com", { ...settings, autoSync: false });

    const result = await updateSettings("requeue.myshopify.com", { ...settings, autoSync: true });

    expect(result).toMatchObject({ ok: true, requeued: 1 });
    const due = await prisma.tikTokOrder.findMany({
      where: { nextAttemptAt: { not: null } },
      select: { id: true },
    });
    expect(due.map((row) => row.id)).toEqual([autoSync]);
    expect(due.map((row) => row.id)).not.toContain(onHold);
  });
});

describe("saving the Settings page", () => {
  it("saves every field sent as JSON, and the page loads them back", async () => {
    const saved = await save(json(changed));

    expect(saved).toEqual({
      status: 200,
      body: { ok: true, settings: changed, requeued: 0, message: "Settings saved" },
    });
    const page = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(page.settings).toEqual(changed);
  });

  it("turns each checkbox off and on again, and leaves the other settings as they are", async () => {
    for (const key of ["autoSync", "notifyCustomer", "restockReturns", "offerTikTokCancel"] as const) {
      for (const value of [false, true, true, false, true]) {
        const before = await getShopSettings(SHOP);
        expect((await save(json({ ...before, [key]: value }))).status).toBe(200);
        expect(await getShopSettings(SHOP)).toEqual({ ...before, [key]: value });
      }
    }
  });

  it("answers a form post, a body that isn't JSON and wrong types with a 400 saying why, storing nothing", async () => {
    const before = await getShopSettings(SHOP);
    const text = (body: string, contentType: string): Payload => ({
      kind: "bytes",
      bytes: new TextEncoder().encode(body),
      contentType,
    });
    const notJson = "Nothing was saved: the settings were not sent as a JSON object.";
    const refusals: [Payload, Record<string, unknown>][] = [
      [form({ autoSync: "on", orderNameFormat: "TT-{id}" }), { error: notJson }],
      [text(JSON.stringify(changed), "text/plain"), { error: notJson }],
      [text("{autoSync: true", "application/json"), { error: notJson }],
      [json([changed]), { error: notJson }],
      [json({ ...changed, autoSync: "on" }), { errors: { autoSync: expect.stringMatching(/true|false/) } }],
      [json({ ...changed, notifyCustomer: "" }), { errors: { notifyCustomer: expect.any(String) } }],
      [
        json({ ...changed, combineWindowMinutes: "90" }),
        { errors: { combineWindowMinutes: expect.any(String) } },
      ],
      [json({ ...changed, orderTags: "TikTok" }), { errors: { orderTags: expect.any(String) } }],
      [
        json({ ...changed, orderNameFormat: "TikTok order" }),
        { errors: { orderNameFormat: expect.stringMatching(/\{id\}/) } },
      ],
    ];
    for (const [payload, said] of refusals) {
      const answer = await save(payload);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Nothing was saved/),
        ...said,
      });
    }
    expect(await getShopSettings(SHOP)).toEqual(before);
  });

  it("says how many waiting orders a change queued again", async () => {
    await blocked("AUTO_SYNC_DISABLED");
    await blocked("AUTO_SYNC_DISABLED");
    await blocked("ORDER_ON_HOLD");
    const settings = await getShopSettings(SHOP);
    await save(json({ ...settings, autoSync: false, onHoldRule: "WAIT" }));

    const autoSyncOn = await save(json({ ...settings, autoSync: true, onHoldRule: "WAIT" }));
    const onHoldSyncs = await save(json({ ...settings, autoSync: true, onHoldRule: "SYNC" }));

    expect(autoSyncOn.body).toMatchObject({
      requeued: 2,
      message: "Settings saved. 2 waiting orders are syncing now",
    });
    expect(onHoldSyncs.body).toMatchObject({
      requeued: 1,
      message: "Settings saved. 1 waiting order is syncing now",
    });
  });
});

describe("the TikTok connection on the Settings page", () => {
  it("sends Connect to the app's start page (then TikTok's), through a header its route passes on to App Bridge", async () => {
    const thrown = await connectRoute
      .action(args("/app/tiktok/connect", { kind: "bytes", bytes: new Uint8Array(), contentType: null }))
      .then(() => null)
      .catch((error: unknown) => error as Response);
    const header = "X-Shopify-API-Request-Failure-Reauthorize-Url";
    expect(thrown?.status).toBe(401);
    const startUrl = new URL(thrown?.headers.get(header) ?? "");
    expect(startUrl.origin + startUrl.pathname).toBe("https://order-sync.example.test/tiktok/start");
    const opened = await openTikTokAuthorization(startUrl.searchParams.get("ticket"));
    const url = new URL(opened.ok ? opened.authorizeUrl : "");
    expect(url.origin + url.pathname).toBe("https://services.tiktokshop.example/open/authorize");
    expect(url.searchParams.get("service_id")).toBe("7310000000000000009");
    expect(verifyOAuthState(url.searchParams.get("state"))).toMatchObject({ ok: true, shop: SHOP });

    // Remix answers a fetcher with the headers the route's `headers` gives: without it, a bare 401.
    const passed = connectRoute.headers?.({
      errorHeaders: thrown?.headers,
      actionHeaders: thrown?.headers ?? new Headers(),
      loaderHeaders: new Headers(),
      parentHeaders: new Headers(),
    });
    expect(new Headers(passed).get(header)).toBe(startUrl.toString());
  });

  it("disconnects the TikTok shop it is asked to, and keeps the orders it brought", async () => {
    await connectTikTokShop(SHOP, {
      tiktokShopId: "7494000000000000042",
      tiktokShopName: "Settings TikTok Shop",
      cipher: "ROW_settings",
      region: "MY",
      accessToken: "access",
      accessTokenExpiresAt: new Date("2027-01-01T00:00:00Z"),
      refreshToken: "refresh",
      refreshTokenExpiresAt: new Date("2027-06-01T00:00:00Z"),
    });
    const order = await blocked("FULFILLED_BY_TIKTOK");
    const connected = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(connected.tiktok.connections.map((view) => view.shopName)).toEqual(["Settings TikTok Shop"]);

    const answer = await disconnect(json({ tiktokShopId: "7494000000000000042" }));

    expect(answer).toEqual({ status: 200, body: { ok: true } });
    const page = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(page.tiktok.connections).toEqual([]);
    expect(await prisma.tikTokOrder.findUnique({ where: { id: order } })).not.toBeNull();
  });

  it("answers a disconnect naming no TikTok shop with 400, and one not connected with 404, disconnecting nothing", async () => {
    await connectTikTokShop(SHOP, { ...grantOf("7494000000000000043"), tiktokShopName: "Kept" });
    for (const payload of [
      { kind: "bytes", bytes: new Uint8Array(), contentType: null } as const,
      json({}),
      json({ tiktokShopId: "" }),
      json({ tiktokShopId: 43 }),
      form({ tiktokShopId: "7494000000000000043" }),
    ]) {
      const answer = await disconnect(payload);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, error: expect.stringMatching(/TikTok shop/) });
    }
    const unknown = await disconnect(json({ tiktokShopId: "7494000000000000999" }));
    expect(unknown).toEqual({
      status: 404,
      body: { ok: false, error: expect.stringMatching(/isn't connected to your store/) },
    });
    expect(await connectedIds()).toContain("7494000000000000043");
  });
});

describe("a TikTok shop's own auto-sync", () => {
  const US = "7494000000000000051";
  const UK = "7494000000000000052";
  const autoSync = (payload: Payload) =>
    outcomeOf(() => autoSyncRoute.action(args("/app/tiktok/auto-sync", payload)));
  const blockedIn = async (tiktokShopId: string) => {
    const [stored] = await upsertTikTokOrders(shop.id, [buildTikTokOrder()], { tiktokShopId });
    if (!stored) throw new Error("not stored");
    await prisma.tikTokOrder.update({
      where: { id: stored.id },
      data: { syncStatus: "BLOCKED", reasonCode: "AUTO_SYNC_DISABLED", nextAttemptAt: null },
    });
    return stored.id;
  };
  const due = async (id: string) =>
    (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).nextAttemptAt !== null;
  const autoSyncOf = async (tiktokShopId: string) =>
    (await prisma.tikTokConnection.findUniqueOrThrow({ where: { tiktokShopId } })).autoSync;

  it("turns one TikTok shop's auto-sync on, off or back to the store's, re-queueing only that shop's waiting orders", async () => {
    await connectTikTokShops(SHOP, { ...tokens, shops: [granted(US), granted(UK)] });
    const settings = await getShopSettings(SHOP);
    expect((await save(json({ ...settings, autoSync: false }))).status).toBe(200);
    const ofUs = await blockedIn(US);
    const ofUk = await blockedIn(UK);

    expect(await autoSync(json({ tiktokShopId: US, autoSync: "off" }))).toEqual({
      status: 200,
      body: { ok: true, message: "Auto-sync off for this TikTok shop" },
    });
    expect(await autoSyncOf(US)).toBe(false);
    expect([await due(ofUs), await due(ofUk)]).toEqual([false, false]);

    expect(await autoSync(json({ tiktokShopId: US, autoSync: "on" }))).toEqual({
      status: 200,
      body: { ok: true, message: "Auto-sync on for this TikTok shop. 1 waiting order is syncing now" },
    });
    expect(await autoSyncOf(US)).toBe(true);
    expect([await due(ofUs), await due(ofUk)]).toEqual([true, false]);

    // Back to the store's setting, which is off: nothing is queued, and the page shows it follows the store.
    expect(await autoSync(json({ tiktokShopId: US, autoSync: "store" }))).toMatchObject({
      status: 200,
      body: { ok: true, message: "Auto-sync off for this TikTok shop" },
    });
    expect(await autoSyncOf(US)).toBeNull();
    expect(await due(ofUk)).toBe(false);
    const page = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(page.tiktok.connections.filter((view) => [US, UK].includes(view.tiktokShopId))).toEqual([
      expect.objectContaining({ tiktokShopId: US, autoSync: null }),
      expect.objectContaining({ tiktokShopId: UK, autoSync: null }),
    ]);
    expect((await save(json(settings))).status).toBe(200);
  });

  it("answers a malformed choice with 400 and a TikTok shop not connected to the store with 404, changing nothing", async () => {
    await connectTikTokShop(SHOP, grantOf("7494000000000000053"));
    const before = await autoSyncOf("7494000000000000053");
    for (const payload of [
      json({ tiktokShopId: "7494000000000000053" }),
      json({ tiktokShopId: "7494000000000000053", autoSync: true }),
      json({ tiktokShopId: "7494000000000000053", autoSync: "sometimes" }),
      json({ autoSync: "off" }),
      form({ tiktokShopId: "7494000000000000053", autoSync: "off" }),
      { kind: "bytes", bytes: new Uint8Array(), contentType: null } as const,
    ]) {
      const answer = await autoSync(payload);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, error: expect.any(String) });
    }
    const unknown = await autoSync(json({ tiktokShopId: "7494000000000000998", autoSync: "off" }));
    expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: expect.any(String) } });
    expect(await autoSyncOf("7494000000000000053")).toBe(before);
  });
});

describe("exchange rates", () => {
  const rate = (payload: Payload) =>
    outcomeOf(() => currenciesRoute.action(args("/app/currencies", payload)));
  const failedIn = async (currency: string) => {
    const base = buildTikTokOrder();
    const order = buildTikTokOrder({ payment: { ...base.payment, currency } });
    const [stored] = await upsertTikTokOrders(shop.id, [order]);
    if (!stored) throw new Error("not stored");
    await prisma.tikTokOrder.update({
      where: { id: stored.id },
      data: { syncStatus: "FAILED", reasonCode: "EXCHANGE_RATE_MISSING", nextAttemptAt: null },
    });
    return stored.id;
  };
  const due = async (id: string) =>
    (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).nextAttemptAt !== null;

  it("saves a rate and syncs again the orders that failed for want of it, in that currency only", async () => {
    const inPounds = await failedIn("GBP");
    const inEuros = await failedIn("EUR");
    const saved = await rate(json({ currency: " gbp ", rate: "1.27" }));
    expect(saved).toEqual({
      status: 200,
      body: { ok: true, message: "Rate for GBP saved. 1 order is syncing now." },
    });
    expect(
      await prisma.exchangeRate.findUniqueOrThrow({
        where: { shopId_currency: { shopId: shop.id, currency: "GBP" } },
      }),
    ).toMatchObject({ rate: "1.27" });
    expect([await due(inPounds), await due(inEuros)]).toEqual([true, false]);
    // The page shows the store's currency, and each other currency its orders came in, with its rate or none.
    const page = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(page.currencies).toEqual({
      shopCurrency: "USD",
      rates: expect.arrayContaining([
        { currency: "GBP", rate: "1.27", setAt: expect.any(String) },
        { currency: "EUR", rate: null, setAt: null },
      ]),
    });
    expect(page.currencies.rates.map((row) => row.currency)).not.toContain("USD");
  });

  it("refuses a rate that is not a positive number with at most six decimals, or a currency that is no code, with 400", async () => {
    const before = await prisma.exchangeRate.findMany({
      where: { shopId: shop.id },
      orderBy: { currency: "asc" },
    });
    for (const [body, field] of [
      [{ currency: "EUR", rate: "0" }, "rate"],
      [{ currency: "EUR", rate: "-1.1" }, "rate"],
      [{ currency: "EUR", rate: "1.1234567" }, "rate"],
      [{ currency: "EUR", rate: "1,17" }, "rate"],
      [{ currency: "EUR", rate: 1.17 }, "rate"],
      [{ currency: "EURO", rate: "1.17" }, "currency"],
      [{ currency: "€", rate: "1.17" }, "currency"],
      [{ rate: "1.17" }, "currency"],
    ] as const) {
      const answer = await rate(json(body));
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, errors: { [field]: expect.any(String) } });
    }
    for (const payload of [form({ currency: "EUR", rate: "1.17" }), { kind: "none" } as const]) {
      expect((await rate(payload)).status).toBe(400);
    }
    expect(
      await prisma.exchangeRate.findMany({ where: { shopId: shop.id }, orderBy: { currency: "asc" } }),
    ).toEqual(before);
  });
});

describe("choosing among the TikTok shops of one authorization", () => {
  it("answers a pick with no authorization waiting, or a malformed one, with 400, connecting nothing", async () => {
    const choose = (payload: Payload) =>
      outcomeOf(() => chooseRoute.action(args("/app/tiktok/choose", payload)));
    const before = await connectedIds();
    for (const payload of [
      json({ tiktokShopIds: ["7494000000000000061"] }),
      json({ tiktokShopIds: "7494000000000000061" }),
      json({}),
      form({ tiktokShopIds: "7494000000000000061" }),
    ]) {
      const answer = await choose(payload);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, error: expect.any(String) });
    }
    expect(await connectedIds()).toEqual(before);
  });
});

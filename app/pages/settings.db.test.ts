import { describe, expect, it } from "vitest";
import { form, hostileRequest, json, outcomeOf, type Payload } from "../../test/hostile-requests";

// The Settings page as Shopify admin calls it, through its routes. Connect needs TikTok's credentials only
// to build the authorization link; the app reads its environment once, so they are set before it loads.
Object.assign(process.env, {
  TIKTOK_APP_KEY: "settings-app-key",
  TIKTOK_APP_SECRET: "settings-app-secret",
  TIKTOK_SERVICE_ID: "7310000000000000009",
  TIKTOK_AUTHORIZE_URL: "https://services.tiktokshop.example/open/authorize",
});
const { upsertTikTokOrder } = await import("../../test/factories/stored-order");
const { buildTikTokOrder } = await import("../../test/factories/tiktok-order");
const { default: prisma } = await import("~/db.server");
const { ensureShop, getShopSettings } = await import("~/models/shop.server");
const { connectTikTokShop } = await import("~/models/tiktok-connection.server");
const { openTikTokAuthorization, verifyOAuthState } = await import("~/tiktok/oauth.server");
const { updateSettings } = await import("./settings.server");
const settingsRoute = await import("~/routes/app.settings");
const connectRoute = await import("~/routes/app.tiktok.connect");
const disconnectRoute = await import("~/routes/app.tiktok.disconnect");

const SHOP = "settings.myshopify.com";
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
    for (const key of ["autoSync", "notifyCustomer"] as const) {
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

  it("disconnects the TikTok shop and keeps the orders it brought", async () => {
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
    expect(connected.tiktok.connection?.shopName).toBe("Settings TikTok Shop");

    const answer = await outcomeOf(() =>
      disconnectRoute.action(
        args("/app/tiktok/disconnect", { kind: "bytes", bytes: new Uint8Array(), contentType: null }),
      ),
    );

    expect(answer).toEqual({ status: 200, body: { ok: true } });
    const page = await settingsRoute.loader(args("/app/settings", { kind: "none" }));
    expect(page.tiktok.connection).toBeNull();
    expect(await prisma.tikTokOrder.findUnique({ where: { id: order } })).not.toBeNull();
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const {
  authorizeWithoutBrowser,
  createOAuthState,
  verifyOAuthState,
  issueConnectTicket,
  openTikTokAuthorization,
  completeTikTokConnection,
  disconnectTikTok,
} = await import("./oauth.server");
const { getTikTokConnection } = await import("~/models/tiktok-connection.server");
const { getTikTokConnectionSummary } = await import("./connection-summary.server");
const { connectCookie } = await import("./connect-cookie.server");
const { loader: callback } = await import("~/routes/tiktok.callback");
const { loader: start } = await import("~/routes/tiktok.start");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

const connections = () => prisma.tikTokConnection.count();
/** The TikTok shops connected to a store. */
const storeConnections = async (shopDomain: string) =>
  (await prisma.tikTokConnection.findMany({ where: { shop: { domain: shopDomain } } })).map(
    (row) => row.tiktokShopId,
  );
const authorizations = () =>
  prisma.tikTokAuthorization.findMany({ orderBy: { nonce: "asc" }, omit: { createdAt: true } });
const NONCE = "n".repeat(43);
const IN_TEN_MINUTES = () => Date.now() + 10 * 60_000;

/** A state whose payload names another shop, keeping the original signature. */
function withShop(state: string, shop: string): string {
  const [encoded = "", signature = ""] = state.split(".");
  const payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Record<string, unknown>;
  const altered = Buffer.from(JSON.stringify({ ...payload, shop }), "utf8").toString("base64url");
  return `${altered}.${signature}`;
}

async function authCode() {
  const shop = await world.tiktok.control.createShop({ name: "Glow Cosmetics", region: "GB" });
  return { shop, code: (await world.tiktok.control.createAuthCode(shop.id)).authCode };
}

/** The Cookie header a browser sends back after /tiktok/start set `browserKey`. */
const cookieOf = async (browserKey: string) =>
  (await connectCookie.serialize(browserKey)).split(";")[0] ?? "";

async function callbackPage(query: { code: string; state: string }, cookie?: string) {
  const url = `https://app.test/tiktok/callback?code=${query.code}&state=${encodeURIComponent(query.state)}`;
  const request = new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
  return (await callback({ request, params: {}, context: {} })) as Response | { init: { status: number } };
}
const statusOf = (page: Response | { init: { status: number } }) =>
  page instanceof Response ? page.status : page.init.status;

describe("the OAuth state", () => {
  it("round-trips the store and the nonce it was made for", () => {
    const state = createOAuthState("glow.myshopify.com", NONCE, IN_TEN_MINUTES());
    const made = { ok: true, shop: "glow.myshopify.com", nonce: NONCE };
    expect(verifyOAuthState(state)).toEqual(made);
    expect(verifyOAuthState(state, { shop: "glow.myshopify.com" })).toEqual(made);
  });

  it("refuses a state for another store", () => {
    const state = createOAuthState("glow.myshopify.com", NONCE, IN_TEN_MINUTES());
    expect(verifyOAuthState(state, { shop: "rival.myshopify.com" })).toEqual({
      ok: false,
      reason: "other_shop",
    });
    expect(verifyOAuthState(withShop(state, "rival.myshopify.com"))).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses a forged, truncated or expired state", () => {
    const state = createOAuthState("glow.myshopify.com", NONCE, Date.now() - 60_000);
    expect(verifyOAuthState(state)).toEqual({ ok: false, reason: "expired" });
    expect(verifyOAuthState(`${state.split(".")[0]}.${"A".repeat(43)}`)).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(verifyOAuthState("not-a-state")).toEqual({ ok: false, reason: "malformed" });
    expect(verifyOAuthState(null)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("starting a connection", () => {
  it("sends Connect to the app's own page with a ticket, which sends the browser on to TikTok once", async () => {
    const issued = await issueConnectTicket("glow.myshopify.com");
    const startUrl = new URL(issued.ok ? issued.url : "");
    expect(startUrl.origin + startUrl.pathname).toBe("https://order-sync.example.test/tiktok/start");
    const ticket = startUrl.searchParams.get("ticket") ?? "";
    // The database keeps no secret a step could be taken with.
    expect(JSON.stringify(await authorizations())).not.toContain(ticket);

    const response = (await start({ request: new Request(startUrl), params: {}, context: {} })) as Response;
    expect(response.status).toBe(302);
    const url = new URL(response.headers.get("location") ?? "");
    expect(url.origin + url.pathname).toBe("https://services.tiktokshop.example/open/authorize");
    expect(url.searchParams.get("service_id")).toBe("7310000000000000001");
    expect(verifyOAuthState(url.searchParams.get("state"))).toMatchObject({
      ok: true,
      shop: "glow.myshopify.com",
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^tiktok_connect=[^;]+; Max-Age=600; Path=\/tiktok; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
    );
    const browserKey = (await connectCookie.parse(cookie.split(";")[0] ?? "")) as string;
    expect(JSON.stringify(await authorizations())).not.toContain(browserKey);

    // The same ticket again (a second browser, or a replay): refused, and nothing changes.
    const before = await authorizations();
    const again = await start({ request: new Request(startUrl), params: {}, context: {} });
    expect(again).toMatchObject({
      init: { status: 400 },
      data: { message: expect.stringMatching(/used already/) },
    });
    expect(await authorizations()).toEqual(before);
  });

  it("refuses a missing, made-up or expired ticket", async () => {
    expect(await openTikTokAuthorization(null)).toMatchObject({ ok: false, status: 400 });
    expect(await openTikTokAuthorization("made-up")).toMatchObject({ ok: false, status: 400 });
    const issued = await issueConnectTicket("late.myshopify.com", Date.now() - 10 * 60_000 - 1);
    const ticket = new URL(issued.ok ? issued.url : "").searchParams.get("ticket");
    expect(await openTikTokAuthorization(ticket)).toMatchObject({ ok: false, status: 400 });
  });
});

describe("connecting a TikTok shop", () => {
  it("stores the authorized shop with encrypted tokens, connected now", async () => {
    const { shop, code } = await authCode();
    const before = new Date();
    const result = await completeTikTokConnection({
      code,
      ...(await authorizeWithoutBrowser("connect.myshopify.com")),
    });
    expect(result).toEqual({
      ok: true,
      shopDomain: "connect.myshopify.com",
      redirectTo: "https://admin.shopify.com/store/connect/apps/test-api-key/app/settings?tiktok=connected",
    });
    const connection = await getTikTokConnection({
      shopDomain: "connect.myshopify.com",
      tiktokShopId: shop.id,
    });
    expect(connection).toMatchObject({
      tiktokShopId: shop.id,
      tiktokShopName: "Glow Cosmetics",
      cipher: shop.cipher,
      region: "GB",
    });
    expect(connection?.accessToken).toMatch(/^TTP_/);
    expect(connection?.connectedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(connection?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const rows = await prisma.$queryRaw<unknown[]>`SELECT * FROM "TikTokConnection"`;
    expect(JSON.stringify(rows)).not.toContain(connection?.accessToken);
    expect(JSON.stringify(rows)).not.toContain(connection?.refreshToken);
  });

  it("answers 400 to a forged state and stores nothing", async () => {
    const { code } = await authCode();
    const count = await connections();
    const { state, browserKey } = await authorizeWithoutBrowser("victim.myshopify.com");
    for (const forged of [withShop(state, "attacker.myshopify.com"), `${state}x`, "", null]) {
      const result = await completeTikTokConnection({ code, state: forged, browserKey });
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
    expect(await connections()).toBe(count);
  });

  it("connects once: the same state again, even with its browser and a new code, changes nothing", async () => {
    const { state, browserKey } = await authorizeWithoutBrowser("once.myshopify.com");
    const cookie = await cookieOf(browserKey);
    const first = await authCode();
    expect(statusOf(await callbackPage({ code: first.code, state }, cookie))).toBe(302);
    const second = await authCode();
    const before = await authorizations();
    const replay = await callbackPage({ code: second.code, state }, cookie);
    expect(replay).toMatchObject({
      init: { status: 400 },
      data: { message: expect.stringMatching(/used already/) },
    });
    expect(await storeConnections("once.myshopify.com")).toEqual([first.shop.id]);
    expect(await authorizations()).toEqual(before);
  });

  it("connects only in the browser that clicked Connect: no cookie or another browser's, and nothing changes", async () => {
    const { state, browserKey } = await authorizeWithoutBrowser("bound.myshopify.com");
    const other = await authorizeWithoutBrowser("bound.myshopify.com");
    const { code } = await authCode();
    const count = await connections();
    for (const cookie of [undefined, await cookieOf(other.browserKey), `tiktok_connect=${browserKey}`])
      expect(statusOf(await callbackPage({ code, state }, cookie))).toBe(400);
    expect(await connections()).toBe(count);
    // The code was never exchanged: the right browser still connects with it.
    expect(statusOf(await callbackPage({ code, state }, await cookieOf(browserKey)))).toBe(302);
  });

  it("refuses another store's authorization, even with its browser", async () => {
    const mine = await authorizeWithoutBrowser("mine.myshopify.com");
    const theirs = await authorizeWithoutBrowser("theirs.myshopify.com");
    const { code } = await authCode();
    const result = await completeTikTokConnection({ code, state: theirs.state, browserKey: mine.browserKey });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(await storeConnections("theirs.myshopify.com")).toEqual([]);
  });

  it("shows the callback's refusal as a 400 page without storing anything", async () => {
    const { code } = await authCode();
    const count = await connections();
    const page = await callbackPage({ code, state: "forged.state" });
    expect(page).toMatchObject({
      init: { status: 400 },
      data: { message: expect.stringMatching(/not issued by this app/) },
    });
    expect(await connections()).toBe(count);
  });

  it("redirects into the app's Settings after a successful callback, and forgets the browser's key", async () => {
    const { code } = await authCode();
    const { state, browserKey } = await authorizeWithoutBrowser("callback.myshopify.com");
    const response = (await callbackPage({ code, state }, await cookieOf(browserKey))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      "https://admin.shopify.com/store/callback/apps/test-api-key/app/settings?tiktok=connected",
    );
    expect(response.headers.get("set-cookie")).toMatch(/^tiktok_connect=; Max-Age=0; Path=\/tiktok;/);
  });

  it("refuses an expired authorization and a used code", async () => {
    const { code } = await authCode();
    const late = await authorizeWithoutBrowser("late.myshopify.com", Date.now() - 10 * 60_000 - 1);
    expect(await completeTikTokConnection({ code, ...late })).toMatchObject({ ok: false, status: 400 });
    await completeTikTokConnection({ code, ...(await authorizeWithoutBrowser("first.myshopify.com")) });
    const reused = await completeTikTokConnection({
      code,
      ...(await authorizeWithoutBrowser("second.myshopify.com")),
    });
    expect(reused).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/refused/) });
    expect(await storeConnections("second.myshopify.com")).toEqual([]);
  });

  it("refuses a TikTok shop that another store already connected", async () => {
    const { tiktokShop } = await connectStore(world, "owner.myshopify.com");
    const { authCode: code } = await world.tiktok.control.createAuthCode(tiktokShop.id);
    const result = await completeTikTokConnection({
      code,
      ...(await authorizeWithoutBrowser("other.myshopify.com")),
    });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(await storeConnections("other.myshopify.com")).toEqual([]);
    expect(
      await getTikTokConnection({ shopDomain: "other.myshopify.com", tiktokShopId: tiktokShop.id }),
    ).toBeNull();
    expect(
      await getTikTokConnection({ shopDomain: "owner.myshopify.com", tiktokShopId: tiktokShop.id }),
    ).toMatchObject({ tiktokShopId: tiktokShop.id });
  });

  it("keeps the connection time when the same TikTok shop is authorized again, and clears the warnings", async () => {
    const { tiktokShop } = await connectStore(world, "again.myshopify.com");
    const connectedAt = new Date("2026-03-01T00:00:00Z");
    await prisma.tikTokConnection.update({
      where: { tiktokShopId: tiktokShop.id },
      data: { connectedAt, deauthorizedAt: new Date(), authorizationExpiresAt: new Date() },
    });
    const { authCode: code } = await world.tiktok.control.createAuthCode(tiktokShop.id);
    expect(
      await completeTikTokConnection({ code, ...(await authorizeWithoutBrowser("again.myshopify.com")) }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await getTikTokConnection({ shopDomain: "again.myshopify.com", tiktokShopId: tiktokShop.id }),
    ).toMatchObject({
      connectedAt,
      deauthorizedAt: null,
      authorizationExpiresAt: null,
    });
  });

  it("forgets the tokens on disconnect and connects anew from now", async () => {
    const { tiktokShop } = await connectStore(world, "leaving.myshopify.com");
    const ref = { shopDomain: "leaving.myshopify.com", tiktokShopId: tiktokShop.id };
    expect(await disconnectTikTok(ref.shopDomain, ref.tiktokShopId)).toBe(true);
    expect(await getTikTokConnection(ref)).toBeNull();
    expect(await getTikTokConnectionSummary("leaving.myshopify.com")).toEqual({
      configured: true,
      connections: [],
      choice: null,
    });
    // Disconnected already: nothing left to disconnect.
    expect(await disconnectTikTok(ref.shopDomain, ref.tiktokShopId)).toBe(false);
    // Connecting it again starts from now: a new connection time.
    const before = new Date();
    const { authCode: code } = await world.tiktok.control.createAuthCode(tiktokShop.id);
    expect(
      await completeTikTokConnection({ code, ...(await authorizeWithoutBrowser(ref.shopDomain)) }),
    ).toMatchObject({ ok: true });
    expect((await getTikTokConnection(ref))?.connectedAt.getTime()).toBeGreaterThanOrEqual(
      before.getTime() - 1,
    );
  });
});

describe("the connection summary for Settings", () => {
  it("shows the shop, and warns when the seller revoked access or the authorization ends soon", async () => {
    const { tiktokShop } = await connectStore(world, "summary.myshopify.com");
    const summary = await getTikTokConnectionSummary("summary.myshopify.com");
    expect(summary.connections).toHaveLength(1);
    expect(summary.connections[0]).toMatchObject({
      tiktokShopId: tiktokShop.id,
      shopName: "TikTok of summary.myshopify.com",
      region: "US",
      deauthorizedAt: null,
      expiresSoon: false,
    });
    const soon = new Date(Date.now() + 7 * 86_400_000);
    await prisma.tikTokConnection.update({
      where: { tiktokShopId: tiktokShop.id },
      data: { authorizationExpiresAt: soon, deauthorizedAt: new Date() },
    });
    expect((await getTikTokConnectionSummary("summary.myshopify.com")).connections[0]).toMatchObject({
      expiresAt: soon.toISOString(),
      expiresSoon: true,
      deauthorizedAt: expect.any(String),
    });
  });
});

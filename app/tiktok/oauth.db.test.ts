import { afterAll, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const { createOAuthState, verifyOAuthState, tiktokAuthorizeUrl, completeTikTokConnection, disconnectTikTok } =
  await import("./oauth.server");
const { getTikTokConnection } = await import("~/models/tiktok-connection.server");
const { getTikTokConnectionSummary } = await import("./connection-summary.server");
const { loader } = await import("~/routes/tiktok.callback");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

const connections = () => prisma.tikTokConnection.count();

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

describe("the OAuth state", () => {
  it("round-trips the store it was made for", () => {
    const state = createOAuthState("glow.myshopify.com");
    expect(verifyOAuthState(state)).toEqual({ ok: true, shop: "glow.myshopify.com" });
    expect(verifyOAuthState(state, { shop: "glow.myshopify.com" })).toEqual({
      ok: true,
      shop: "glow.myshopify.com",
    });
  });

  it("refuses a state for another store", () => {
    const state = createOAuthState("glow.myshopify.com");
    expect(verifyOAuthState(state, { shop: "rival.myshopify.com" })).toEqual({
      ok: false,
      reason: "other_shop",
    });
    expect(verifyOAuthState(withShop(state, "rival.myshopify.com"))).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses a forged, truncated or expired state", () => {
    const state = createOAuthState("glow.myshopify.com", Date.now() - 11 * 60_000);
    expect(verifyOAuthState(state)).toEqual({ ok: false, reason: "expired" });
    expect(verifyOAuthState(`${state.split(".")[0]}.${"A".repeat(43)}`)).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(verifyOAuthState("not-a-state")).toEqual({ ok: false, reason: "malformed" });
    expect(verifyOAuthState(null)).toEqual({ ok: false, reason: "malformed" });
  });

  it("sends the merchant to TikTok's authorization page with the service id and a state", () => {
    const start = tiktokAuthorizeUrl("glow.myshopify.com");
    expect(start.ok).toBe(true);
    const url = new URL(start.ok ? start.url : "");
    expect(url.origin + url.pathname).toBe("https://services.tiktokshop.example/open/authorize");
    expect(url.searchParams.get("service_id")).toBe("7310000000000000001");
    expect(verifyOAuthState(url.searchParams.get("state"))).toEqual({ ok: true, shop: "glow.myshopify.com" });
  });
});

describe("connecting a TikTok shop", () => {
  it("stores the authorized shop with encrypted tokens, connected now", async () => {
    const { shop, code } = await authCode();
    const before = new Date();
    const result = await completeTikTokConnection({ code, state: createOAuthState("connect.myshopify.com") });
    expect(result).toEqual({
      ok: true,
      shopDomain: "connect.myshopify.com",
      tiktokShopName: "Glow Cosmetics",
      redirectTo: "https://admin.shopify.com/store/connect/apps/test-api-key/app/settings?tiktok=connected",
    });
    const connection = await getTikTokConnection("connect.myshopify.com");
    expect(connection).toMatchObject({ tiktokShopId: shop.id, cipher: shop.cipher, region: "GB" });
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
    const state = createOAuthState("victim.myshopify.com");
    for (const forged of [withShop(state, "attacker.myshopify.com"), `${state}x`, "", null]) {
      const result = await completeTikTokConnection({ code, state: forged });
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
    expect(await connections()).toBe(count);
  });

  it("shows the callback's refusal as a 400 page without storing anything", async () => {
    const { code } = await authCode();
    const count = await connections();
    const request = new Request(`https://app.test/tiktok/callback?code=${code}&state=forged.state`);
    const page = await loader({ request, params: {}, context: {} });
    expect(page).toMatchObject({
      init: { status: 400 },
      data: { message: expect.stringMatching(/not issued by this app/) },
    });
    expect(await connections()).toBe(count);
  });

  it("redirects into the app's Settings after a successful callback", async () => {
    const { code } = await authCode();
    const state = encodeURIComponent(createOAuthState("callback.myshopify.com"));
    const request = new Request(`https://app.test/tiktok/callback?code=${code}&state=${state}`);
    const response = (await loader({ request, params: {}, context: {} })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      "https://admin.shopify.com/store/callback/apps/test-api-key/app/settings?tiktok=connected",
    );
  });

  it("refuses an expired state and a used code", async () => {
    const { code } = await authCode();
    const expired = createOAuthState("late.myshopify.com", Date.now() - 10 * 60_000 - 1);
    expect(await completeTikTokConnection({ code, state: expired })).toMatchObject({
      ok: false,
      status: 400,
    });
    await completeTikTokConnection({ code, state: createOAuthState("first.myshopify.com") });
    const reused = await completeTikTokConnection({ code, state: createOAuthState("second.myshopify.com") });
    expect(reused).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/refused/) });
    expect(await getTikTokConnection("second.myshopify.com")).toBeNull();
  });

  it("refuses a TikTok shop that another store already connected", async () => {
    const { tiktokShop } = await connectStore(world, "owner.myshopify.com");
    const { authCode: code } = await world.tiktok.control.createAuthCode(tiktokShop.id);
    const result = await completeTikTokConnection({ code, state: createOAuthState("other.myshopify.com") });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(await getTikTokConnection("other.myshopify.com")).toBeNull();
    expect(await getTikTokConnection("owner.myshopify.com")).toMatchObject({ tiktokShopId: tiktokShop.id });
  });

  it("keeps the connection time when the same TikTok shop is authorized again, and clears the warnings", async () => {
    const { tiktokShop, shop } = await connectStore(world, "again.myshopify.com");
    const connectedAt = new Date("2026-03-01T00:00:00Z");
    await prisma.tikTokConnection.update({
      where: { shopId: shop.id },
      data: { connectedAt, deauthorizedAt: new Date(), authorizationExpiresAt: new Date() },
    });
    const { authCode: code } = await world.tiktok.control.createAuthCode(tiktokShop.id);
    expect(
      await completeTikTokConnection({ code, state: createOAuthState("again.myshopify.com") }),
    ).toMatchObject({
      ok: true,
    });
    expect(await getTikTokConnection("again.myshopify.com")).toMatchObject({
      connectedAt,
      deauthorizedAt: null,
      authorizationExpiresAt: null,
    });
  });

  it("forgets the tokens on disconnect and connects anew from now", async () => {
    await connectStore(world, "leaving.myshopify.com");
    await disconnectTikTok("leaving.myshopify.com");
    expect(await getTikTokConnection("leaving.myshopify.com")).toBeNull();
    expect(await getTikTokConnectionSummary("leaving.myshopify.com")).toEqual({
      configured: true,
      connection: null,
    });
  });
});

describe("the connection summary for Settings", () => {
  it("shows the shop, and warns when the seller revoked access or the authorization ends soon", async () => {
    const { shop } = await connectStore(world, "summary.myshopify.com");
    const summary = await getTikTokConnectionSummary("summary.myshopify.com");
    expect(summary.connection).toMatchObject({
      shopName: "TikTok of summary.myshopify.com",
      region: "US",
      deauthorizedAt: null,
      expiresSoon: false,
    });
    const soon = new Date(Date.now() + 7 * 86_400_000);
    await prisma.tikTokConnection.update({
      where: { shopId: shop.id },
      data: { authorizationExpiresAt: soon, deauthorizedAt: new Date() },
    });
    expect((await getTikTokConnectionSummary("summary.myshopify.com")).connection).toMatchObject({
      expiresAt: soon.toISOString(),
      expiresSoon: true,
      deauthorizedAt: expect.any(String),
    });
  });
});

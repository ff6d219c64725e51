import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTikTokStandin, type Shop, type TikTokStandin } from "./index";
import { standinCalls } from "./test-calls";

const app = { appKey: "grants-key", appSecret: "grants-secret" };
let standin: TikTokStandin;
let api: ReturnType<typeof standinCalls>;
let us: Shop;
let uk: Shop;
let elsewhere: Shop;

beforeAll(async () => {
  standin = await startTikTokStandin(app);
  api = standinCalls(standin, app);
});
afterAll(() => standin.close());
beforeEach(async () => {
  await standin.control.reset();
  // One seller with a shop per market, and a shop the seller never grants.
  us = await standin.control.createShop({ name: "Glow US", region: "US" });
  uk = await standin.control.createShop({ name: "Glow UK", region: "GB" });
  elsewhere = await standin.control.createShop({ name: "Another seller", region: "US" });
});

const orderIds = async (accessToken: string, shop: Shop) =>
  (await api.searchOrders(accessToken, shop.cipher)).data.orders.map((order) => order.id).sort();

const tokenInvalid = {
  status: 401,
  code: 36009004,
  message: "Invalid credentials. The `x-tts-access-token` header is invalid.",
};

describe("one authorization for several shops", () => {
  it("lists every granted shop and serves each through its own cipher, also after a refresh", async () => {
    const usOrder = (await standin.control.createOrder({ shopId: us.id })).order.id;
    const ukOrders = [
      (await standin.control.createOrder({ shopId: uk.id })).order.id,
      (await standin.control.createOrder({ shopId: uk.id })).order.id,
    ].sort();
    await standin.control.createOrder({ shopId: elsewhere.id });
    const { authCode } = await standin.control.createAuthCodeForShops([us.id, uk.id]);
    const tokens = await api.tokensFor(authCode);

    const listed = await api.authorizedShops(tokens.access_token);
    expect(listed.data.shops).toEqual(
      [us, uk].map(({ id, name, region, cipher, code }) => ({
        id,
        name,
        region,
        cipher,
        code,
        seller_type: "LOCAL",
      })),
    );
    expect(await orderIds(tokens.access_token, us)).toEqual([usOrder]);
    expect(await orderIds(tokens.access_token, uk)).toEqual(ukOrders);

    const refreshed = await api.refresh(tokens.refresh_token);
    expect(refreshed.code).toBe(0);
    const accessToken = refreshed.data.access_token;
    expect((await api.authorizedShops(accessToken)).data.shops.map((shop) => shop.id)).toEqual([
      us.id,
      uk.id,
    ]);
    expect(await orderIds(accessToken, us)).toEqual([usOrder]);
    expect(await orderIds(accessToken, uk)).toEqual(ukOrders);
  });

  it("refuses the cipher of a shop outside the grant, and a cipher no shop has", async () => {
    const { authCode } = await standin.control.createAuthCodeForShops([us.id, uk.id]);
    const { access_token } = await api.tokensFor(authCode);
    expect(await api.searchOrders(access_token, elsewhere.cipher)).toMatchObject({
      status: 401,
      code: 101000,
      message: expect.stringContaining("Invalid query or header."),
      data: null,
    });
    expect(await api.searchOrders(access_token, "GCP_nobody")).toMatchObject({
      code: 106011,
      message: "Invalid shop_cipher",
    });
    // The gateway's earlier checks still come first: an expired token is refused as expired.
    await standin.control.expireTokens({ accessToken: access_token });
    expect(await api.searchOrders(access_token, elsewhere.cipher)).toMatchObject({
      status: 401,
      code: 105002,
    });
  });

  it("keeps a single-shop authorization working as before", async () => {
    const { authCode } = await standin.control.createAuthCode(uk.id);
    const { access_token } = await api.tokensFor(authCode);
    expect((await api.authorizedShops(access_token)).data.shops.map((shop) => shop.id)).toEqual([uk.id]);
    expect(await api.searchOrders(access_token, us.cipher)).toMatchObject({ code: 101000 });
  });
});

describe("deauthorizing one shop of a grant", () => {
  it("ends access to that shop only, and drops it from the authorized shops", async () => {
    const usOrder = (await standin.control.createOrder({ shopId: us.id })).order.id;
    await standin.control.createOrder({ shopId: uk.id });
    const { authCode } = await standin.control.createAuthCodeForShops([us.id, uk.id]);
    const tokens = await api.tokensFor(authCode);

    await standin.control.deauthorizeShop(uk.id);
    expect(await api.searchOrders(tokens.access_token, uk.cipher)).toMatchObject(tokenInvalid);
    expect(await orderIds(tokens.access_token, us)).toEqual([usOrder]);
    expect((await api.authorizedShops(tokens.access_token)).data.shops.map((shop) => shop.id)).toEqual([
      us.id,
    ]);

    // A refresh keeps the grant as it now stands: the deauthorized shop does not come back.
    const { access_token } = (await api.refresh(tokens.refresh_token)).data;
    expect(await api.searchOrders(access_token, uk.cipher)).toMatchObject(tokenInvalid);
    expect(await orderIds(access_token, us)).toEqual([usOrder]);
  });

  it("revokes the token once every granted shop is deauthorized", async () => {
    const { authCode } = await standin.control.createAuthCodeForShops([us.id, uk.id]);
    const tokens = await api.tokensFor(authCode);
    await standin.control.deauthorizeShop(uk.id);
    await standin.control.deauthorizeShop(us.id);
    expect(await api.authorizedShops(tokens.access_token)).toMatchObject(tokenInvalid);
    expect(await api.searchOrders(tokens.access_token, us.cipher)).toMatchObject(tokenInvalid);
    expect(await api.refresh(tokens.refresh_token)).toMatchObject({ code: 36004005 });
  });
});

describe("POST /_control/auth-codes", () => {
  const post = (body: unknown) =>
    fetch(`${standin.url}/_control/auth-codes`, { method: "POST", body: JSON.stringify(body) });

  it("answers like the per-shop route, naming the first shop", async () => {
    const response = await post({ shopIds: [uk.id, us.id] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      authCode: expect.stringMatching(/^TTP_/),
      shopId: uk.id,
      expiresAt: standin.state.now() + 600,
    });
  });

  it("refuses an empty list with 400 and an unknown shop with 404, issuing no code", async () => {
    const empty = await post({ shopIds: [] });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: expect.stringContaining("shopIds") });
    const unknown = await post({ shopIds: [us.id, "7494999999999999999"] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "no shop 7494999999999999999" });
    expect(standin.state.authCodes.size).toBe(0);
    await expect(standin.control.createAuthCodeForShops([])).rejects.toThrow(/auth-codes/);
  });
});

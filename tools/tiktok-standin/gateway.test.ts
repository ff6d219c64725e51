import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../../app/tiktok/signature";
import { startTikTokStandin, type Shop, type TikTokStandin } from "./index";

const appKey = "gate-key";
const appSecret = "gate-secret";
const now = Math.floor(Date.now() / 1000);
let standin: TikTokStandin;
let shop: Shop;
let accessToken: string;

beforeAll(async () => {
  standin = await startTikTokStandin({ appKey, appSecret, now: () => now });
  shop = await standin.control.createShop();
  const { authCode } = await standin.control.createAuthCode(shop.id);
  const url = `${standin.url}/api/v2/token/get?app_key=${appKey}&app_secret=${appSecret}&auth_code=${authCode}&grant_type=authorized_code`;
  accessToken = ((await (await fetch(url)).json()) as { data: { access_token: string } }).data.access_token;
});
afterAll(() => standin.close());

type Call = {
  path: string;
  query?: Record<string, string>;
  body?: string;
  token?: string;
  sign?: string | null;
};

/** A hand-built request, so each test can break exactly one thing TikTok checks. */
async function call({ path, query = {}, body, token = accessToken, sign }: Call) {
  const params: Record<string, string> = { app_key: appKey, timestamp: String(now), ...query };
  const signature = sign === undefined ? signRequest({ appSecret, path, query: params, body }) : sign;
  if (signature !== null) params.sign = signature;
  const response = await fetch(`${standin.url}${path}?${new URLSearchParams(params)}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", "x-tts-access-token": token },
    body,
  });
  return {
    status: response.status,
    ...((await response.json()) as { code: number; message: string; data: unknown }),
  };
}

const shops = "/authorization/202309/shops";
const search = "/order/202309/orders/search";

describe("the stand-in's gateway checks", () => {
  it("answers a correctly signed request with TikTok's envelope", async () => {
    const reply = await call({ path: shops });
    expect(reply).toMatchObject({
      status: 200,
      code: 0,
      message: "Success",
      data: { shops: [{ id: shop.id }] },
    });
    expect(reply).toHaveProperty("request_id", expect.stringMatching(/^\d{14}[0-9A-F]{20}$/));
  });

  it("rejects a missing signature with 36009004", async () => {
    expect(await call({ path: shops, sign: null })).toMatchObject({
      status: 401,
      code: 36009004,
      message: expect.stringContaining("signature"),
    });
  });

  it("rejects a wrong signature with 106001", async () => {
    expect(await call({ path: shops, sign: "0".repeat(64) })).toMatchObject({
      code: 106001,
      message: "Invalid credentials. The `sign` query parameter is invalid.",
    });
  });

  it("checks the signature over the exact body sent", async () => {
    const query = { page_size: "10", shop_cipher: shop.cipher };
    const signed = signRequest({
      appSecret,
      path: search,
      query: { app_key: appKey, timestamp: String(now), ...query },
      body: "{}",
    });
    expect(await call({ path: search, query, body: "{ }", sign: signed })).toMatchObject({ code: 106001 });
    expect(await call({ path: search, query, body: "{}", sign: signed })).toMatchObject({ code: 0 });
  });

  it("rejects a timestamp older than five minutes", async () => {
    const reply = await call({ path: shops, query: { timestamp: String(now - 301) } });
    expect(reply).toMatchObject({
      code: 36009004,
      message: expect.stringContaining("earlier than 5 minutes"),
    });
  });

  it("rejects an unknown access token and an expired one with TikTok's codes", async () => {
    expect(await call({ path: shops, token: "TTP_unknown" })).toMatchObject({ status: 401, code: 36009004 });
    const { authCode } = await standin.control.createAuthCode(shop.id);
    const fresh = await fetch(
      `${standin.url}/api/v2/token/get?app_key=${appKey}&app_secret=${appSecret}&auth_code=${authCode}&grant_type=authorized_code`,
    );
    const token = ((await fresh.json()) as { data: { access_token: string } }).data.access_token;
    await standin.control.expireTokens({ accessToken: token });
    expect(await call({ path: shops, token })).toMatchObject({ status: 401, code: 105002 });
  });

  it("requires shop_cipher on shop paths and refuses it on authorization paths", async () => {
    expect(await call({ path: search, query: { page_size: "10" }, body: "{}" })).toMatchObject({
      code: 106013,
    });
    expect(await call({ path: shops, query: { shop_cipher: shop.cipher } })).toMatchObject({
      code: 36009004,
    });
  });

  it("answers an unknown path with 36009009", async () => {
    expect(await call({ path: "/order/202309/nothing" })).toMatchObject({ status: 404, code: 36009009 });
  });

  it("refuses more than 50 order ids in one detail request", async () => {
    const ids = Array.from({ length: 51 }, (_, i) => String(i)).join(",");
    const reply = await call({ path: "/order/202309/orders", query: { ids, shop_cipher: shop.cipher } });
    expect(reply).toMatchObject({ status: 400, code: 36009004 });
  });

  it("answers a malformed control request with 400 and the reason", async () => {
    const response = await fetch(`${standin.url}/_control/orders`, {
      method: "POST",
      body: JSON.stringify({ lines: [{ price: "abc" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining("lines.0.price") });
  });
});

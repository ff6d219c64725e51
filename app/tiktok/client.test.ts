import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTikTokStandin, type TikTokStandin } from "../../tools/tiktok-standin";
import { TikTokClient, type TikTokClientOptions } from "./client";
import {
  TikTokApiError,
  TikTokAuthError,
  TikTokRateLimitError,
  TikTokSignatureError,
  TikTokUnavailableError,
} from "./errors";

const appKey = "test-app-key";
const appSecret = "test-app-secret";
let now = Math.floor(Date.now() / 1000);
const clock = () => now;
let standin: TikTokStandin;

beforeAll(async () => {
  standin = await startTikTokStandin({ appKey, appSecret, now: clock });
});
afterAll(() => standin.close());
beforeEach(async () => {
  await standin.control.reset();
});

/** A shop connected the way the app connects one: auth code → tokens → authorized shop's cipher. */
async function connectShop(overrides: Partial<TikTokClientOptions> = {}) {
  const shop = await standin.control.createShop({ name: "Glow Cosmetics" });
  const { authCode } = await standin.control.createAuthCode(shop.id);
  const options = { appKey, appSecret, baseUrl: standin.url, authBaseUrl: standin.url, now: clock };
  const token = await new TikTokClient(options).getToken(authCode);
  const client = new TikTokClient({
    ...options,
    accessToken: token.access_token,
    shopCipher: shop.cipher,
    retry: { sleep: async () => {} },
    ...overrides,
  });
  return { shop, token, client, options };
}

describe("TikTokClient against the TikTok Shop stand-in", () => {
  it("exchanges an auth code for tokens and refreshes them", async () => {
    const { token, options } = await connectShop();
    expect(token.access_token).toMatch(/^TTP_/);
    expect(token.access_token_expire_in).toBeGreaterThan(now);
    expect(token.seller_base_region).toBe("US");
    const refreshed = await new TikTokClient(options).refreshToken(token.refresh_token);
    expect(refreshed.access_token).not.toBe(token.access_token);
    expect(refreshed.refresh_token).toBe(token.refresh_token);
  });

  it("refuses an auth code that was already used", async () => {
    const shop = await standin.control.createShop();
    const { authCode } = await standin.control.createAuthCode(shop.id);
    const client = new TikTokClient({ appKey, appSecret, baseUrl: standin.url, authBaseUrl: standin.url });
    await client.getToken(authCode);
    await expect(client.getToken(authCode)).rejects.toMatchObject({
      name: "TikTokAuthError",
      code: 36004004,
    });
  });

  it("lists the shop the token authorizes, with its cipher", async () => {
    const { client, shop } = await connectShop();
    const shops = await client.getAuthorizedShops();
    expect(shops).toEqual([
      expect.objectContaining({ id: shop.id, name: "Glow Cosmetics", cipher: shop.cipher }),
    ]);
  });

  it("pages through orders searched by update time", async () => {
    const { client } = await connectShop();
    const start = now;
    for (let i = 0; i < 7; i++) {
      now = start + i * 10;
      await standin.control.createOrder({ id: `5764000000000000${10 + i}` });
    }
    now = start + 100;
    const ids: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.searchOrders({
        updateTimeGe: start + 10,
        updateTimeLt: start + 60,
        pageSize: 2,
        pageToken,
        sortField: "update_time",
        sortOrder: "ASC",
      });
      expect(page.totalCount).toBe(5);
      ids.push(...page.orders.map((order) => order.id));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(ids).toEqual([
      "576400000000000011",
      "576400000000000012",
      "576400000000000013",
      "576400000000000014",
      "576400000000000015",
    ]);
  });

  it("fetches the details of more than 50 orders in batches of at most 50", async () => {
    const { client } = await connectShop();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push((await standin.control.createOrder()).order.id);
    const details = await client.getOrderDetails([...ids, "576499999999999999"]);
    expect(details.orders.map((order) => order.id)).toEqual(ids);
    expect(details.invalid).toEqual([]);
    expect(details.notFound).toEqual(["576499999999999999"]);
  });

  it("returns an order that fails validation as issues naming the field", async () => {
    const { client } = await connectShop();
    const good = await standin.control.createOrder();
    const bad = await standin.control.createOrder({ overrides: { "payment.total_amount": null } });
    const details = await client.getOrderDetails([good.order.id, bad.order.id]);
    expect(details.orders.map((order) => order.id)).toEqual([good.order.id]);
    expect(details.invalid).toEqual([
      {
        id: bad.order.id,
        issues: [{ path: "payment.total_amount", message: expect.any(String) }],
        raw: expect.any(Object),
      },
    ]);
  });

  it("rejects a request signed with the wrong app secret with a TikTokSignatureError", async () => {
    const { client } = await connectShop({ appSecret: "not-the-secret" });
    const error = await client.getAuthorizedShops().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokSignatureError);
    expect(error).toMatchObject({ code: 106001, httpStatus: 401, path: "/authorization/202309/shops" });
  });

  it("answers a missing shop_cipher with TikTok's error code", async () => {
    const { client } = await connectShop({ shopCipher: undefined });
    await expect(client.searchOrders()).rejects.toMatchObject({ name: "TikTokApiError", code: 106013 });
  });

  it("refreshes an expired access token once and then succeeds", async () => {
    let refreshes = 0;
    const { client, token, options } = await connectShop({
      refreshAccessToken: async () => {
        refreshes += 1;
        return (await new TikTokClient(options).refreshToken(token.refresh_token)).access_token;
      },
    });
    await standin.control.expireTokens({ accessToken: token.access_token });
    const [shops, orders] = await Promise.all([client.getAuthorizedShops(), client.searchOrders()]);
    expect(shops).toHaveLength(1);
    expect(orders.orders).toEqual([]);
    expect(refreshes).toBe(1);
  });

  it("throws TikTokAuthError when refreshing the token fails", async () => {
    let refreshes = 0;
    const { client, token, options } = await connectShop({
      refreshAccessToken: async () => {
        refreshes += 1;
        return (await new TikTokClient(options).refreshToken(token.refresh_token)).access_token;
      },
    });
    await standin.control.expireTokens({ accessToken: token.access_token });
    await standin.control.expireTokens({ refreshToken: token.refresh_token });
    const error = await client.getAuthorizedShops().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokAuthError);
    expect(error).toMatchObject({ code: 36004001, tokenRejected: false });
    expect(refreshes).toBe(1);
  });

  it("throws TikTokAuthError with the expired code when there is no way to refresh", async () => {
    const { client, token } = await connectShop();
    await standin.control.expireTokens({ accessToken: token.access_token });
    await expect(client.getAuthorizedShops()).rejects.toMatchObject({
      name: "TikTokAuthError",
      code: 105002,
    });
  });

  it("retries a rate-limited request with backoff and then succeeds", async () => {
    const delays: number[] = [];
    const { client } = await connectShop({
      retry: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
    });
    await standin.control.injectFaults({ rateLimited: 2 });
    await expect(client.getAuthorizedShops()).resolves.toHaveLength(1);
    // Retry-After: 1 from the stand-in wins over the first backoff steps (250 ms, 500 ms).
    expect(delays).toEqual([1000, 1000]);
  });

  it("gives up on rate limiting after its attempts with a TikTokRateLimitError", async () => {
    const { client } = await connectShop({ retry: { maxAttempts: 3, sleep: async () => {} } });
    await standin.control.injectFaults({ rateLimited: 5 });
    const error = await client.getAuthorizedShops().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokRateLimitError);
    expect(error).toMatchObject({ code: 36009002, attempts: 3, retryAfterSeconds: 1 });
  });

  it("retries 5xx answers and unreachable hosts, then throws TikTokUnavailableError", async () => {
    const { client } = await connectShop({ retry: { maxAttempts: 2, sleep: async () => {} } });
    await standin.control.injectFaults({ unavailable: 1 });
    await expect(client.getAuthorizedShops()).resolves.toHaveLength(1);
    await standin.control.injectFaults({ unavailable: 2 });
    await expect(client.getAuthorizedShops()).rejects.toBeInstanceOf(TikTokUnavailableError);
    const offline = new TikTokClient({
      appKey,
      appSecret,
      baseUrl: "http://127.0.0.1:9",
      authBaseUrl: "http://127.0.0.1:9",
      retry: { maxAttempts: 2, sleep: async () => {} },
    });
    await expect(offline.getToken("code")).rejects.toMatchObject({
      name: "TikTokUnavailableError",
      attempts: 2,
    });
  });

  it("searches products and reads one product with its SKUs", async () => {
    const { client } = await connectShop();
    const added = await standin.control.addProduct({
      title: "Hydrating Serum",
      skus: [
        { sellerSku: "SERUM-30", price: "24.00", attributes: [{ name: "Size", value: "30 ml" }] },
        { sellerSku: "SERUM-50", price: "36.00", attributes: [{ name: "Size", value: "50 ml" }] },
      ],
    });
    await standin.control.addProduct({ title: "Lip Balm", skus: [{ sellerSku: "BALM", price: "6.50" }] });
    const first = await client.searchProducts({ pageSize: 1 });
    expect(first).toMatchObject({ totalCount: 2, nextPageToken: expect.any(String) });
    const second = await client.searchProducts({ pageSize: 1, pageToken: first.nextPageToken });
    expect(second.nextPageToken).toBeUndefined();
    const product = await client.getProduct(added.id);
    expect(
      product.skus.map((sku) => [sku.seller_sku, sku.price?.amount, sku.sales_attributes[0]?.value_name]),
    ).toEqual([
      ["SERUM-30", "24.00", "30 ml"],
      ["SERUM-50", "36.00", "50 ml"],
    ]);
    await expect(client.getProduct("1")).rejects.toBeInstanceOf(TikTokApiError);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const { tiktokClientForShop, refreshTikTokAccessToken } = await import("./connection.server");
const { getTikTokConnection } = await import("~/models/tiktok-connection.server");
const { TikTokAuthError } = await import("./errors");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

describe("the TikTok client of a store", () => {
  it("calls TikTok with the store's stored token and cipher", async () => {
    const { tiktokShop } = await connectStore(world, "client.myshopify.com");
    await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const client = await tiktokClientForShop("client.myshopify.com");
    expect((await client.searchOrders()).orders).toHaveLength(1);
  });

  it("refreshes an access token TikTok reports expired, stores it and carries on", async () => {
    const { tiktokShop } = await connectStore(world, "expired.myshopify.com");
    const before = await getTikTokConnection("expired.myshopify.com");
    const client = await tiktokClientForShop("expired.myshopify.com");
    await world.tiktok.control.expireTokens({ shopId: tiktokShop.id });

    expect((await client.searchOrders()).orders).toEqual([]);

    const after = await getTikTokConnection("expired.myshopify.com");
    expect(after?.accessToken).toMatch(/^TTP_/);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).toBe(before?.refreshToken);
    expect(after?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("refreshes ahead of time when the access token expires within five minutes", async () => {
    const { shop } = await connectStore(world, "ahead.myshopify.com");
    const before = await getTikTokConnection("ahead.myshopify.com");
    await prisma.tikTokConnection.update({
      where: { shopId: shop.id },
      data: { accessTokenExpiresAt: new Date(Date.now() + 4 * 60_000) },
    });
    await tiktokClientForShop("ahead.myshopify.com");
    const after = await getTikTokConnection("ahead.myshopify.com");
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it("shares one refresh between concurrent callers", async () => {
    await connectStore(world, "together.myshopify.com");
    const tokens = await Promise.all([1, 2, 3].map(() => refreshTikTokAccessToken("together.myshopify.com")));
    expect(new Set(tokens).size).toBe(1);
    expect((await getTikTokConnection("together.myshopify.com"))?.accessToken).toBe(tokens[0]);
  });

  it("fails with an auth error, asking to reconnect, when the refresh token is refused", async () => {
    const { tiktokShop } = await connectStore(world, "refused.myshopify.com");
    const connection = await getTikTokConnection("refused.myshopify.com");
    await world.tiktok.control.expireTokens({ refreshToken: connection?.refreshToken });
    await world.tiktok.control.expireTokens({ shopId: tiktokShop.id });
    const client = await tiktokClientForShop("refused.myshopify.com");
    const failure = client.searchOrders();
    await expect(failure).rejects.toBeInstanceOf(TikTokAuthError);
    await expect(failure).rejects.toThrow(/reconnect TikTok Shop in Settings/);
  });

  it("refuses a store without a connection, or whose seller revoked the app", async () => {
    await expect(tiktokClientForShop("never.myshopify.com")).rejects.toBeInstanceOf(TikTokAuthError);
    const { shop } = await connectStore(world, "revoked.myshopify.com");
    await prisma.tikTokConnection.update({
      where: { shopId: shop.id },
      data: { deauthorizedAt: new Date() },
    });
    await expect(tiktokClientForShop("revoked.myshopify.com")).rejects.toThrow(/revoked/);
  });
});

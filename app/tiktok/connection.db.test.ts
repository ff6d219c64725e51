import { afterAll, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const { tiktokClientForShop, refreshTikTokAccessToken } = await import("./connection.server");
const { getTikTokConnection } = await import("~/models/tiktok-connection.server");
const { TikTokAuthError } = await import("./errors");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

/** Connects a new TikTok shop to the store; returns it with the ref naming it. */
async function connect(domain: string) {
  const connected = await connectStore(world, domain);
  return { ...connected, ref: { shopDomain: domain, tiktokShopId: connected.tiktokShop.id } };
}

describe("the TikTok client of a store", () => {
  it("calls TikTok with the store's stored token and cipher", async () => {
    const { tiktokShop, ref } = await connect("client.myshopify.com");
    await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const client = await tiktokClientForShop(ref);
    expect((await client.searchOrders()).orders).toHaveLength(1);
  });

  it("refreshes an access token TikTok reports expired, stores it and carries on", async () => {
    const { tiktokShop, ref } = await connect("expired.myshopify.com");
    const before = await getTikTokConnection(ref);
    const client = await tiktokClientForShop(ref);
    await world.tiktok.control.expireTokens({ shopId: tiktokShop.id });

    expect((await client.searchOrders()).orders).toEqual([]);

    const after = await getTikTokConnection(ref);
    expect(after?.accessToken).toMatch(/^TTP_/);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).toBe(before?.refreshToken);
    expect(after?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("refreshes ahead of time when the access token expires within five minutes", async () => {
    const { ref } = await connect("ahead.myshopify.com");
    const before = await getTikTokConnection(ref);
    await prisma.tikTokConnection.update({
      where: { tiktokShopId: ref.tiktokShopId },
      data: { accessTokenExpiresAt: new Date(Date.now() + 4 * 60_000) },
    });
    await tiktokClientForShop(ref);
    const after = await getTikTokConnection(ref);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it("shares one refresh between concurrent callers", async () => {
    const { ref } = await connect("together.myshopify.com");
    const tokens = await Promise.all([1, 2, 3].map(() => refreshTikTokAccessToken(ref)));
    expect(new Set(tokens).size).toBe(1);
    expect((await getTikTokConnection(ref))?.accessToken).toBe(tokens[0]);
  });

  it("fails with an auth error, asking to reconnect, when the refresh token is refused", async () => {
    const { tiktokShop, ref } = await connect("refused.myshopify.com");
    const connection = await getTikTokConnection(ref);
    await world.tiktok.control.expireTokens({ refreshToken: connection?.refreshToken });
    await world.tiktok.control.expireTokens({ shopId: tiktokShop.id });
    const client = await tiktokClientForShop(ref);
    const failure = client.searchOrders();
    await expect(failure).rejects.toBeInstanceOf(TikTokAuthError);
    await expect(failure).rejects.toThrow(/reconnect TikTok Shop in Settings/);
  });

  it("refuses a store without a connection, or whose seller revoked the app", async () => {
    const never = { shopDomain: "never.myshopify.com", tiktokShopId: "7000000000000009" };
    await expect(tiktokClientForShop(never)).rejects.toBeInstanceOf(TikTokAuthError);
    const { ref } = await connect("revoked.myshopify.com");
    await prisma.tikTokConnection.update({
      where: { tiktokShopId: ref.tiktokShopId },
      data: { deauthorizedAt: new Date() },
    });
    await expect(tiktokClientForShop(ref)).rejects.toThrow(/revoked/);
    // Another store's TikTok shop: not this store's to call.
    await expect(tiktokClientForShop({ ...ref, shopDomain: "never.myshopify.com" })).rejects.toThrow(
      /not connected to never\.myshopify\.com/,
    );
  });
});

import { describe, expect, it, vi } from "vitest";

// No TikTok credentials in this file's environment: the app must say what is missing.
delete process.env.TIKTOK_APP_KEY;
delete process.env.TIKTOK_APP_SECRET;
const { isTikTokConfigured, tiktokAppConfig, tiktokClientForShop, TikTokNotConfiguredError } =
  await import("./connection.server");
const { issueConnectTicket } = await import("./oauth.server");
const { receiveTikTokWebhook } = await import("./webhooks.server");

describe("an app without TikTok credentials", () => {
  it("names the variables to set", async () => {
    expect(isTikTokConfigured()).toBe(false);
    expect(() => tiktokAppConfig()).toThrow(TikTokNotConfiguredError);
    expect(() => tiktokAppConfig()).toThrow(/TIKTOK_APP_KEY and TIKTOK_APP_SECRET/);
    await expect(
      tiktokClientForShop({ shopDomain: "any.myshopify.com", tiktokShopId: "7000000000000001" }),
    ).rejects.toThrow(/TIKTOK_APP_KEY/);
    expect(await issueConnectTicket("any.myshopify.com")).toEqual({
      ok: false,
      message: expect.stringMatching(/TIKTOK_SERVICE_ID/),
    });
  });

  it("refuses webhooks it cannot verify, without a 500", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const reply = await receiveTikTokWebhook({ rawBody: Buffer.from("{}"), signature: "x" });
    expect(reply.status).toBe(401);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/TIKTOK_APP_KEY/));
  });
});

import { describe, expect, it } from "vitest";
import { startTikTokStandin } from "./index";

describe("the seller authorization page", () => {
  it("sends the seller back to the app with a code that exchanges for a token", async () => {
    const standin = await startTikTokStandin({
      appKey: "key",
      appSecret: "secret",
      redirectUrl: "https://app.example.test/tiktok/callback",
    });
    try {
      const shop = await standin.control.createShop({ name: "Sunny Skincare", region: "US" });
      const page = await fetch(`${standin.url}/open/authorize?service_id=1&state=abc`);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(await page.text()).toContain("Sunny Skincare");

      const approve = await fetch(`${standin.url}/open/authorize/approve?shop_id=${shop.id}&state=abc`, {
        redirect: "manual",
      });
      expect(approve.status).toBe(302);
      const back = new URL(approve.headers.get("location") ?? "");
      expect(back.origin + back.pathname).toBe("https://app.example.test/tiktok/callback");
      expect(back.searchParams.get("state")).toBe("abc");
      const code = back.searchParams.get("code") ?? "";
      const token = await fetch(
        `${standin.url}/api/v2/token/get?app_key=key&app_secret=secret&auth_code=${code}&grant_type=authorized_code`,
      ).then((response) => response.json() as Promise<{ code: number; data: { access_token: string } }>);
      expect(token.code).toBe(0);
      expect(token.data.access_token).toMatch(/\S/);
    } finally {
      await standin.close();
    }
  });

  it("refuses an unknown shop", async () => {
    const standin = await startTikTokStandin({ appKey: "key", appSecret: "secret" });
    try {
      const response = await fetch(`${standin.url}/open/authorize/approve?shop_id=nope&state=x`);
      expect(response.status).toBe(404);
    } finally {
      await standin.close();
    }
  });
});

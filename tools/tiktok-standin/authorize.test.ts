import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTikTokStandin, type TikTokStandin } from "./index";
import { standinCalls } from "./test-calls";

const app = { appKey: "key", appSecret: "secret" };
let standin: TikTokStandin;
let api: ReturnType<typeof standinCalls>;

beforeAll(async () => {
  standin = await startTikTokStandin({ ...app, redirectUrl: "https://app.example.test/tiktok/callback" });
  api = standinCalls(standin, app);
});
afterAll(() => standin.close());
beforeEach(() => standin.control.reset());

const approve = (query: string) =>
  fetch(`${standin.url}/open/authorize/approve?${query}`, { redirect: "manual" });

describe("the seller authorization page", () => {
  it("lists the shops as a form, each with a checkbox checked and labelled with its name and region", async () => {
    const us = await standin.control.createShop({ name: "Sunny Skincare", region: "US" });
    const uk = await standin.control.createShop({ name: "Sunny & <Co>", region: "GB" });
    const page = await fetch(`${standin.url}/open/authorize?service_id=1&state=a"b`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<form method="get" action="/open/authorize/approve">');
    for (const [shop, name] of [
      [us, "Sunny Skincare"],
      [uk, "Sunny &amp; &lt;Co&gt;"],
    ] as const) {
      expect(html).toContain(
        `<label><input type="checkbox" name="shop_id" value="${shop.id}" checked> <strong>${name}</strong> (${shop.region})</label>`,
      );
    }
    expect(html).toContain('<input type="hidden" name="state" value="a&quot;b">');
    expect(html.match(/<button[^>]*>Authorize<\/button>/g)).toHaveLength(1);
  });

  it("sends the seller back with one code that grants every checked shop", async () => {
    const us = await standin.control.createShop({ name: "Sunny US", region: "US" });
    const uk = await standin.control.createShop({ name: "Sunny UK", region: "GB" });
    await standin.control.createShop({ name: "Not checked" });

    const response = await approve(`shop_id=${us.id}&shop_id=${uk.id}&state=abc`);
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe("https://app.example.test/tiktok/callback");
    expect(back.searchParams.get("state")).toBe("abc");
    const { access_token } = await api.tokensFor(back.searchParams.get("code") ?? "");
    expect((await api.authorizedShops(access_token)).data.shops.map((shop) => shop.id)).toEqual([
      us.id,
      uk.id,
    ]);
  });

  it("still takes a single shop_id", async () => {
    const shop = await standin.control.createShop({ name: "Sunny Skincare", region: "US" });
    const response = await approve(`shop_id=${shop.id}&state=abc`);
    const code = new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const { access_token } = await api.tokensFor(code);
    expect((await api.authorizedShops(access_token)).data.shops).toEqual([
      expect.objectContaining({ id: shop.id, cipher: shop.cipher }),
    ]);
  });

  it("refuses with a 400 page and no code when no shop is checked or a shop is unknown", async () => {
    const shop = await standin.control.createShop();
    const none = await approve("state=x");
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("<h1>No shop selected</h1>");
    const unknown = await approve(`shop_id=${shop.id}&shop_id=nope&state=x`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("There is no shop nope.");
    expect(standin.state.authCodes.size).toBe(0);
  });
});

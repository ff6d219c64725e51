import { describe, expect, it } from "vitest";
import { signRequest } from "../../app/tiktok/signature";
import { twoShopStandin } from "./two-shop-world";

const app = { appKey: "limit-key", appSecret: "limit-secret" };
const world = twoShopStandin(app, Math.floor(Date.now() / 1000));

/** One signed order search in the shop `cipher` names, with the reply's status, code and Retry-After. */
async function search(cipher: string) {
  const path = "/order/202309/orders/search";
  const params: Record<string, string> = {
    app_key: app.appKey,
    timestamp: String(world.now),
    page_size: "10",
    shop_cipher: cipher,
  };
  params.sign = signRequest({ appSecret: app.appSecret, path, query: params, body: "{}" });
  const response = await fetch(`${world.standin.url}${path}?${new URLSearchParams(params)}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tts-access-token": world.token },
    body: "{}",
  });
  const { code } = (await response.json()) as { code: number };
  return { status: response.status, code, retryAfter: response.headers.get("retry-after") };
}

async function searches(cipher: string, count: number) {
  const replies = [];
  for (let i = 0; i < count; i++) replies.push(await search(cipher));
  return replies;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the stand-in's per-shop rate limit", () => {
  it("refuses a shop's requests over its limit with 429, TikTok's code and Retry-After", async () => {
    await world.standin.control.setRateLimit(3);
    const replies = await searches(world.us.cipher, 5);
    expect(replies.slice(0, 3).map((reply) => reply.code)).toEqual([0, 0, 0]);
    expect(replies.slice(3)).toEqual([
      { status: 429, code: 36009002, retryAfter: "1" },
      { status: 429, code: 36009002, retryAfter: "1" },
    ]);
  });

  it("meters each shop on its own, and counts what each was answered", async () => {
    await world.standin.control.setRateLimit(3);
    await searches(world.us.cipher, 5);
    expect((await searches(world.uk.cipher, 3)).map((reply) => reply.code)).toEqual([0, 0, 0]);
    expect(await world.standin.control.rateLimit()).toEqual({
      requestsPerSecond: 3,
      shops: {
        [world.us.id]: { accepted: 3, limited: 2 },
        [world.uk.id]: { accepted: 3, limited: 0 },
      },
    });
  });

  it("lets a limited shop through again at the limit's pace", async () => {
    await world.standin.control.setRateLimit(2);
    await searches(world.us.cipher, 3);
    // Two a second: 600 ms later the bucket holds one request again, and only one.
    await sleep(600);
    expect((await searches(world.us.cipher, 2)).map((reply) => reply.code)).toEqual([0, 36009002]);
    expect((await world.standin.control.rateLimit()).shops[world.us.id]).toEqual({ accepted: 3, limited: 2 });
  });

  it("counts every shop's requests without a limit, and a reset lifts the limit", async () => {
    await world.standin.control.setRateLimit(1);
    await world.standin.control.setRateLimit(null);
    expect((await searches(world.us.cipher, 4)).map((reply) => reply.code)).toEqual([0, 0, 0, 0]);
    expect(await world.standin.control.rateLimit()).toEqual({
      requestsPerSecond: null,
      shops: { [world.us.id]: { accepted: 4, limited: 0 } },
    });
    await world.standin.control.setRateLimit(1);
    await world.standin.control.reset();
    expect(await world.standin.control.rateLimit()).toEqual({ requestsPerSecond: null, shops: {} });
  });

  it("refuses a limit that is not a positive number", async () => {
    await expect(world.standin.control.setRateLimit(0)).rejects.toThrow(/requestsPerSecond/);
  });
});

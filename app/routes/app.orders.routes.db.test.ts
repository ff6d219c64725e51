import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { mintSessionToken } from "../../tools/shopify-standin/admin/session-token";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The routes run as Shopify admin calls them: with a session token signed with the app's secret.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const detail = await import("./app.orders.$id");
const list = await import("./app.orders._index");
const bulk = await import("./app.orders.sync");
const { syncOrder } = await import("~/sync/sync-order.server");

afterAll(() => standin.close());

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", url: "https://order-sync.example.test" };
const request = (shop: string, path: string, init: RequestInit = {}) =>
  new Request(`${APP.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${mintSessionToken(APP, shop).token}`, ...init.headers },
  });
const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} });

async function thrown(promise: Promise<unknown>): Promise<Response | { init: ResponseInit | null }> {
  try {
    await promise;
  } catch (error) {
    return error as Response;
  }
  throw new Error("expected the loader to throw");
}

const placed = () => Math.floor(Date.now() / 1000) - 7200;
const mine = await seedWorld(standin, {
  domain: "routes-a.myshopify.com",
  skus: [{ skuId: DEFAULT_SKU_ID }],
});
await seedWorld(standin, { domain: "routes-b.myshopify.com", skus: [{ skuId: DEFAULT_SKU_ID }] });
// TikTok fulfils it: it stays Blocked whatever Sync does.
const order = buildTikTokOrder({ create_time: placed(), fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
await syncOrder(await receiveOrder(mine.shop.id, order), { trigger: "webhook" });

describe("the order routes", () => {
  it("refuse a session token signed with another secret, such as the demo's in production", async () => {
    const demoToken = mintSessionToken(
      { ...APP, apiSecret: "the-demo-secret" },
      "routes-a.myshopify.com",
    ).token;
    const forged = new Request(`${APP.url}/app/orders/${order.id}`, {
      headers: { Authorization: `Bearer ${demoToken}` },
    });
    const refused = await thrown(detail.loader(args(forged, { id: order.id })));
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(401);
  });

  it("show the store's own order and answer 404 for another store's", async () => {
    const own = await detail.loader(
      args(request("routes-a.myshopify.com", `/app/orders/${order.id}`), { id: order.id }),
    );
    expect(own.order).toMatchObject({ tiktokOrderId: order.id, reasonCode: "FULFILLED_BY_TIKTOK" });
    const other = await thrown(
      detail.loader(args(request("routes-b.myshopify.com", `/app/orders/${order.id}`), { id: order.id })),
    );
    expect(other).toMatchObject({ init: { status: 404 } });
  });

  it("answer 404 for a malformed order id, never a 500", async () => {
    const bad = await thrown(
      detail.loader(args(request("routes-a.myshopify.com", "/app/orders/x"), { id: "1 OR 1" })),
    );
    expect(bad).toMatchObject({ init: { status: 404 } });
  });

  it("sync the store's own order from its Sync button, and refuse another store's", async () => {
    const post = (shop: string, id: string) =>
      detail.action(args(request(shop, `/app/orders/${id}`, { method: "POST" }), { id }));
    expect(await post("routes-b.myshopify.com", order.id)).toMatchObject({ init: { status: 404 } });
    expect(await post("routes-a.myshopify.com", "../../etc")).toMatchObject({ init: { status: 400 } });
    expect(await post("routes-a.myshopify.com", order.id)).toMatchObject({
      outcome: { status: "blocked", reason: "FULFILLED_BY_TIKTOK" },
    });
  });

  it("list the store's orders", async () => {
    const page = await list.loader(
      args(request("routes-a.myshopify.com", "/app/orders?tab=blocked&stage=9")),
    );
    expect(page.query).toEqual({ tab: "blocked" });
    expect(page.page.orders.map((row) => row.tiktokOrderId)).toEqual([order.id]);
    const theirs = await list.loader(args(request("routes-b.myshopify.com", "/app/orders")));
    expect(theirs.page.orders).toEqual([]);
  });

  it("queue only the store's own orders for Sync selected, and refuse a body that doesn't fit", async () => {
    const post = (shop: string, body: string) =>
      bulk.action(
        args(
          request(shop, "/app/orders/sync", {
            method: "POST",
            body,
            headers: { "Content-Type": "application/json" },
          }),
        ),
      );
    expect(await post("routes-b.myshopify.com", JSON.stringify({ ids: [order.id] }))).toEqual({
      queued: [],
      alreadySynced: 0,
      notFound: 1,
    });
    expect(await post("routes-a.myshopify.com", "not json")).toMatchObject({ init: { status: 400 } });
    expect(await post("routes-a.myshopify.com", JSON.stringify({ ids: [order.id] }))).toMatchObject({
      queued: [order.id],
    });
    const progress = await bulk.loader(
      args(request("routes-a.myshopify.com", `/app/orders/sync?ids=${order.id}`)),
    );
    expect(progress).toMatchObject({ running: 1, done: false });
  });
});

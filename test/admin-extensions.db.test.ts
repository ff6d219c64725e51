import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { mintSessionToken } from "../tools/shopify-standin/admin/session-token";
import { startConnectorWorld } from "./connector-world";
import { APP } from "./hostile-requests";
import { routeAction, routeLoader, type RouteFunction } from "./route-inventory";
import { wayBackStores } from "./way-back-world";

// The routes the admin UI extensions on Shopify's order page call (extensions/tiktok-order-block and
// extensions/sync-from-tiktok): with `fetch` from Shopify's extension host, another origin, carrying an ID
// token that Shopify signs with the app's secret (signed so here), as the library verifies it. Both
// stand-ins, over HTTP: the orders are really synced into the Shopify stand-in and fulfilled there.
const world = await startConnectorWorld();
const { pollShop } = await import("~/tiktok/poll-shop.server");
const { default: prisma } = await import("~/db.server");
afterAll(() => world.close());
beforeEach(() => world.tiktok.control.setWebhooksEnabled(false));
afterEach(() => world.resetClock());

const { store, syncedOrder, sendDue, shipmentsOf } = await wayBackStores(world, "block");
const orderLoader = await routeLoader("api.extensions.orders.$orderId");
const syncLoader = await routeLoader("api.extensions.orders.$orderId.sync");
const syncAction = await routeAction("api.extensions.orders.$orderId.sync");

const EXTENSION_HOST = "https://extensions.shopifycdn.com";

/** A request as an admin UI extension's `fetch` sends it: the store's ID token, from the extension host. */
function fromExtension(shop: string, path: string, method = "GET") {
  const headers = { Authorization: `Bearer ${mintSessionToken(APP, shop).token}`, Origin: EXTENSION_HOST };
  return new Request(`${APP.url}${path}`, { method, headers });
}

/** The route's answer, thrown or returned, with its body read. */
async function answer(run: RouteFunction, request: Request, orderId?: string) {
  let response: unknown;
  try {
    response = await run({ request, params: orderId === undefined ? {} : { orderId }, context: {} });
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`not a Response: ${JSON.stringify(response)}`);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}
const getOrder = (shop: string, orderId: string) =>
  answer(orderLoader, fromExtension(shop, `/api/extensions/orders/${orderId}`), orderId);
const postSync = (shop: string, orderId: string, method = "POST") =>
  answer(syncAction, fromExtension(shop, `/api/extensions/orders/${orderId}/sync`, method), orderId);

describe("the admin block's route", () => {
  it("answers a TikTok order's id, shop, status, sync state and fulfilments, readable from the extension host", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum }, { skuId: s.mask }],
    });
    // One fulfilment reaches TikTok; the other waits for a carrier TikTok doesn't list.
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "DHL Express",
      trackingNumber: "JD014600003828520000",
    });
    await sendDue();
    const [sent, waiting] = await shipmentsOf(row.id);

    const { status, headers, body } = await getOrder(s.domain, shopifyId);
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(body).toEqual({
      order: {
        tiktokOrderId,
        tiktokShop: s.tiktokShop.name,
        tiktokStatus: "Awaiting shipment",
        sync: { status: "SYNCED", label: "Synced", tone: "success", detail: null },
        fulfilments: [
          { name: sent?.shopifyName, text: "Sent to TikTok", tone: "success" },
          { name: waiting?.shopifyName, text: "Not sent: carrier not mapped", tone: "warning" },
        ],
        combinedWith: [],
      },
    });
  });

  it("says why an order stands blocked or failed, in the app's words", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await prisma.tikTokOrder.update({
      where: { id: row.id },
      data: { syncStatus: "BLOCKED", reasonCode: "PRODUCT_NOT_LINKED" },
    });
    expect((await getOrder(s.domain, shopifyId)).body).toMatchObject({
      order: {
        sync: {
          status: "BLOCKED",
          label: "Blocked",
          tone: "warning",
          detail: "Product not linked to Shopify",
        },
        fulfilments: [],
      },
    });
    await prisma.tikTokOrder.update({
      where: { id: row.id },
      data: { syncStatus: "FAILED", reasonCode: "PLATFORM_ERROR" },
    });
    expect((await getOrder(s.domain, shopifyId)).body).toMatchObject({
      order: { sync: { status: "FAILED", tone: "critical", detail: "Shopify couldn't be reached" } },
    });
  });

  it("answers 404 for an order the app didn't create, and for another store's order: never its data", async () => {
    const mine = await store();
    const theirs = await store();
    const { tiktokOrderId, shopifyId } = await syncedOrder(theirs, { lines: [{ skuId: theirs.serum }] });
    // `mine` has no Shopify order of TikTok's at all: whatever it names is none of its own.
    for (const [shop, orderId] of [
      [mine.domain, shopifyId],
      [theirs.domain, "999999999"],
    ] as const) {
      const { status, headers, body } = await getOrder(shop, orderId);
      expect(status, `${shop} ${orderId}`).toBe(404);
      expect(body).toEqual({ error: "This order didn't come from TikTok." });
      expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
    const attempts = await prisma.syncAttempt.count();
    expect(await postSync(mine.domain, shopifyId)).toMatchObject({
      status: 404,
      body: { error: "This order didn't come from TikTok." },
    });
    expect(await prisma.syncAttempt.count()).toBe(attempts);
    expect(JSON.stringify((await getOrder(mine.domain, shopifyId)).body)).not.toContain(tiktokOrderId);
  });

  it("answers HEAD, as the action's should-render asks, with whether the order came from TikTok and no body", async () => {
    const mine = await store();
    const theirs = await store();
    const { shopifyId } = await syncedOrder(mine, { lines: [{ skuId: mine.serum }] });
    const head = (shop: string, orderId: string) =>
      answer(orderLoader, fromExtension(shop, `/api/extensions/orders/${orderId}`, "HEAD"), orderId);
    for (const [shop, orderId, status] of [
      [mine.domain, shopifyId, 204],
      [theirs.domain, shopifyId, 404],
      [mine.domain, "999999999", 404],
    ] as const) {
      const answered = await head(shop, orderId);
      expect(answered, `${shop} ${orderId}`).toMatchObject({ status, body: null });
      expect(answered.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
  });

  it("refuses what isn't a Shopify order number with 400, readable from the extension host", async () => {
    const s = await store();
    for (const orderId of [
      "0",
      "abc",
      "gid://shopify/Order/1",
      "1".repeat(21),
      "-1",
      "1.5",
      " 1",
      "%00",
      "",
    ]) {
      for (const { status, headers, body } of [
        await getOrder(s.domain, orderId),
        await postSync(s.domain, orderId),
      ]) {
        expect(status, JSON.stringify(orderId)).toBe(400);
        expect(body).toEqual({ error: "Not a Shopify order id." });
        expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
      }
    }
    const missing = await answer(orderLoader, fromExtension(s.domain, "/api/extensions/orders/"));
    expect(missing.status).toBe(400);
  });

  it("answers the extension host's preflight, and refuses a request without a valid ID token", async () => {
    const s = await store();
    for (const [run, path] of [
      [orderLoader, "/api/extensions/orders/1"],
      [syncLoader, "/api/extensions/orders/1/sync"],
    ] as const) {
      const preflight = new Request(`${APP.url}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: EXTENSION_HOST,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization",
        },
      });
      const { status, headers } = await answer(run, preflight, "1");
      expect(status, path).toBe(204);
      expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    }
    const forged = mintSessionToken({ ...APP, apiSecret: "not-the-app-secret" }, s.domain).token;
    const request = new Request(`${APP.url}/api/extensions/orders/1`, {
      headers: { Authorization: `Bearer ${forged}`, Origin: EXTENSION_HOST },
    });
    expect((await answer(orderLoader, request, "1")).status).toBe(401);
  });
});

describe("the Sync from TikTok route", () => {
  it("syncs the order as the Sync button does, and answers what came of it in the Sync button's words", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    // The buyer cancels on TikTok; the app learns it (a poll) but hasn't synced it yet.
    await world.tiktok.control.setOrderStatus(tiktokOrderId, "CANCELLED");
    await pollShop(s.ref, { client: { retry: { maxAttempts: 1 } } });
    expect(
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).shopifyCancelledAt,
    ).toBeNull();

    const { status, headers, body } = await postSync(s.domain, shopifyId);
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(body).toEqual({
      ok: true,
      outcome: "synced",
      message: `${row.shopifyOrderName} is cancelled in Shopify, as on TikTok (stock restored)`,
      tone: "success",
    });
    expect(
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).shopifyCancelledAt,
    ).not.toBeNull();
    expect(await getOrder(s.domain, shopifyId)).toMatchObject({
      body: { order: { tiktokStatus: "Cancelled", sync: { status: "SYNCED" } } },
    });
  });

  it("is a POST: any other method is refused with 405 and changes nothing", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    const before = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } });
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const { status, headers, body } = await postSync(s.domain, shopifyId, method);
      expect(status, method).toBe(405);
      expect(headers.get("Allow")).toBe("POST");
      expect(body).toEqual({ error: "Sync from TikTok is a POST." });
    }
    const get = await answer(
      syncLoader,
      fromExtension(s.domain, `/api/extensions/orders/${shopifyId}/sync`),
      shopifyId,
    );
    expect(get.status).toBe(405);
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).toEqual(before);
  });
});

import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhook } from "~/tiktok/signature";
import { ADMIN_API_VERSION } from "~/admin-api/api-version";
import { buildTikTokOrder } from "./factories/tiktok-order";
import { nastyString, wrongValue } from "./hostile-requests";
import { expectEveryRouteCovered, isWebhookRoute, routesExporting } from "./route-inventory";
import type { WebhookAction } from "./shopify-webhook";

// Hostile input on the webhook endpoints: whatever arrives, the answer is a 4xx with a message, or a 200 for
// a verified delivery that is acknowledged and ignored; never a 500 or a throw, and a refusal stores nothing.
process.env.TIKTOK_APP_KEY = "fuzz-app-key";
process.env.TIKTOK_APP_SECRET = "fuzz-app-secret";
const { default: prisma } = await import("~/db.server");
const tiktok = await import("~/routes/webhooks.tiktok");
const shopifyRoutes: Record<string, WebhookAction> = {
  "products/update": (await import("~/routes/webhooks.products.update")).action,
  "products/delete": (await import("~/routes/webhooks.products.delete")).action,
  "fulfillments/create": (await import("~/routes/webhooks.fulfillments.create")).action,
  "fulfillments/update": (await import("~/routes/webhooks.fulfillments.update")).action,
  "orders/cancelled": (await import("~/routes/webhooks.orders.cancelled")).action,
  "refunds/create": (await import("~/routes/webhooks.refunds.create")).action,
  "app/uninstalled": (await import("~/routes/webhooks.app.uninstalled")).action,
  "app/scopes_update": (await import("~/routes/webhooks.app.scopes_update")).action,
  "app_subscriptions/update": (await import("~/routes/webhooks.app_subscriptions.update")).action,
  "customers/data_request": (await import("~/routes/webhooks.customers.data_request")).action,
  "customers/redact": (await import("~/routes/webhooks.customers.redact")).action,
  "shop/redact": (await import("~/routes/webhooks.shop.redact")).action,
};
const topics = Object.keys(shopifyRoutes);
const SHOP = "fuzz.myshopify.com";
const RUNS = 60;

const encoder = new TextEncoder();
const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const valid = {
  tiktok: {
    type: 1,
    tts_notification_id: "n1",
    shop_id: "unknown-shop",
    timestamp: 0,
    data: { order_id: "1" },
  },
  shopify: { id: 1, variants: [{ admin_graphql_api_id: "gid://shopify/ProductVariant/1" }] },
};

/** A delivery of each topic that the app handles. */
const validBodies: Record<string, Record<string, unknown>> = {
  "products/update": valid.shopify,
  "products/delete": { id: 1 },
  "fulfillments/create": {
    id: 1,
    order_id: 1,
    updated_at: "2026-12-07T00:00:00Z",
    tracking_company: "UPS",
    tracking_number: "1Z999AA10123456784",
    line_items: [{ variant_id: 1, sku: "S", quantity: 1 }],
  },
  "fulfillments/update": { id: 1, order_id: 1, tracking_number: "1Z999AA10123456785", line_items: [] },
  "orders/cancelled": { id: 1, cancelled_at: "2026-12-07T00:00:00Z", cancel_reason: "customer" },
  "refunds/create": {
    id: 2,
    order_id: 1,
    note: "damaged",
    created_at: "2026-12-07T00:00:00Z",
    transactions: [{ kind: "refund", status: "success", amount: "12.50", currency: "USD" }],
  },
  "app/uninstalled": { id: 1, domain: SHOP },
  "app/scopes_update": { id: 1, previous: ["read_orders"], current: ["read_orders", "write_orders"] },
  "app_subscriptions/update": { app_subscription: { status: "ACTIVE", name: "Standard" } },
  "customers/data_request": {
    shop_domain: SHOP,
    customer: { id: 1, email: "buyer@example.com" },
    orders_requested: [1],
  },
  "customers/redact": {
    shop_domain: SHOP,
    customer: { id: 1, email: "buyer@example.com" },
    orders_to_redact: [1],
  },
  "shop/redact": { shop_id: 1, shop_domain: SHOP },
};
/** Every place in `value` that holds a value, as a path of keys and indexes. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([key, v]) => leafPaths(v, [...path, key]))];
}
function replaceAt(value: unknown, [key, ...rest]: (string | number)[], replacement: unknown): unknown {
  if (key === undefined) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string | number, unknown>)[key] = replaceAt((value as never)[key], rest, replacement);
  return copy;
}
const hostileValue = fc.oneof(nastyString, wrongValue);
/** `body` with one of its values (or the body itself) replaced: wrong types, NUL, lone surrogates, huge. */
const mutated = (body: unknown, values: fc.Arbitrary<unknown> = hostileValue) =>
  fc
    .tuple(fc.constantFrom(...leafPaths(body)), values)
    .map(([path, value]) => encoder.encode(JSON.stringify(replaceAt(body, path, value)) ?? "null"));
/** Values without a NUL or a lone surrogate anywhere (see the TikTok test marked as failing below). */
const storable = hostileValue.filter((value) => !/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(value) ?? ""));

/** Bodies as bytes: JSON of any shape, valid bodies with fields of the wrong type, text, invalid UTF-8, deep nesting. */
const bodies = fc.oneof(
  fc.json().map((text) => encoder.encode(text)),
  fc.anything().map((value) => encoder.encode(JSON.stringify(value) ?? "null")),
  fc
    .record({ key: fc.constantFrom(...Object.keys(valid.tiktok), "variants", "id"), value: fc.anything() })
    .chain(({ key, value }) =>
      fc.constantFrom(
        encoder.encode(JSON.stringify({ ...valid.tiktok, [key]: value }) ?? "{}"),
        encoder.encode(JSON.stringify({ ...valid.shopify, [key]: value }) ?? "{}"),
      ),
    ),
  fc.string({ maxLength: 200 }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from([0xff, 0xfe, ...bytes])),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => encoder.encode(deep(depth))),
);

function shopifyRequest(topic: string, body: Uint8Array, signed: boolean, shop = SHOP) {
  const hmac = createHmac("sha256", "test-api-secret").update(body).digest("base64");
  return new Request(`https://order-sync.example.test/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "X-Shopify-Hmac-Sha256": signed ? hmac : "AAAA",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-API-Version": ADMIN_API_VERSION,
    },
    body: Buffer.from(body),
  });
}

function tiktokRequest(body: Uint8Array, signed: boolean) {
  const signature = signWebhook({ appKey: "fuzz-app-key", appSecret: "fuzz-app-secret", rawBody: body });
  return new Request("https://order-sync.example.test/webhooks/tiktok", {
    method: "POST",
    headers: { Authorization: signed ? signature : "0".repeat(64) },
    body: Buffer.from(body),
  });
}

const stored = async () =>
  (await prisma.webhookReceipt.count()) + (await prisma.tikTokOrder.count()) + (await prisma.shop.count());

async function expectHandled(response: Response, before: number) {
  expect([200, 400, 401, 405, 413]).toContain(response.status);
  if (response.status !== 200) {
    expect(await response.json()).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await stored()).toBe(before);
  }
}

/** A store with a connection and an order, so that handlers reach the database; shop/redact erases it. */
async function ensureStore() {
  const { upsertTikTokOrder } = await import("./factories/stored-order");
  const shop = await prisma.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP }, update: {} });
  if ((await prisma.tikTokOrder.count({ where: { shopId: shop.id } })) === 0)
    await upsertTikTokOrder(shop.id, buildTikTokOrder({ buyer_email: "buyer@example.com" }));
  await prisma.tikTokConnection.upsert({
    where: { tiktokShopId: "fuzz-tiktok-shop" },
    create: {
      shopId: shop.id,
      tiktokShopId: "fuzz-tiktok-shop",
      grantId: "fuzz-grant",
      cipher: "c",
      region: "US",
      accessTokenEncrypted: "x",
      refreshTokenEncrypted: "x",
    },
    update: {},
  });
}

/**
 * A notification for the connected TikTok shop, stamped now so that it gets past the replay check: TikTok's
 * warning that the authorization expires, which is handled in the database alone (an order event would
 * fetch the order from TikTok).
 */
function fresh() {
  const now = Math.floor(Date.now() / 1000);
  return {
    type: 7,
    tts_notification_id: `n-${now}`,
    shop_id: "fuzz-tiktok-shop",
    timestamp: now,
    data: { expiration_time: now + 86_400 },
  };
}

describe("hostile input on the webhook endpoints", () => {
  it("covers every webhook route", async () => {
    const covered = [...topics.map((topic) => `webhooks.${topic.replace("/", ".")}`), "webhooks.tiktok"];
    const found = (await routesExporting("action")).filter(isWebhookRoute);
    expectEveryRouteCovered(covered, found, "test/hostile-input.db.test.ts (shopifyRoutes)");
  });

  it("answers a verified Shopify delivery with a hostile value in any field with 200 or a 4xx, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...topics)
          .chain((topic) => fc.tuple(fc.constant(topic), mutated(validBodies[topic]))),
        async ([topic, body]) => {
          await ensureStore();
          const before = await stored();
          const action = shopifyRoutes[topic];
          if (!action) throw new Error(topic);
          const response = await action({
            request: shopifyRequest(topic, body, true),
            params: {},
            context: {},
          });
          expect([200, 400, 413]).toContain(response.status);
          if (response.status !== 200) {
            expect(await response.json()).toMatchObject({ ok: false, message: expect.any(String) });
            expect(await stored()).toBe(before);
          }
        },
      ),
      { numRuns: RUNS, seed: 20_260_314 },
    );
  });

  it("answers a signed, fresh TikTok notification with a hostile value in any field, never with a 500", async () => {
    await ensureStore();
    await fc.assert(
      fc.asyncProperty(mutated(fresh(), storable), async (body) => {
        const before = await stored();
        const response = await tiktok.action({ request: tiktokRequest(body, true), params: {}, context: {} });
        expect([200, 400, 413]).toContain(response.status);
        if (response.status !== 200) expect(await stored()).toBe(before);
      }),
      { numRuns: RUNS, seed: 20_260_314 },
    );
  });

  it("refuses a signed notification whose ids hold a NUL or a lone surrogate with 400", async () => {
    await ensureStore();
    for (const [key, value] of [
      ["tts_notification_id", "n\u0000"],
      ["shop_id", "\ud800"],
    ]) {
      const body = encoder.encode(JSON.stringify({ ...fresh(), [key as string]: value }));
      const response = await tiktok.action({ request: tiktokRequest(body, true), params: {}, context: {} });
      expect(response.status, key).toBe(400);
    }
  });

  it("answers any body on the Shopify webhooks with a 4xx or an acknowledgement", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...topics), bodies, fc.boolean(), async (topic, body, signed) => {
        const before = await stored();
        const action = shopifyRoutes[topic];
        if (!action) throw new Error(topic);
        const request = shopifyRequest(topic, body, signed);
        await expectHandled(await action({ request, params: {}, context: {} }), before);
      }),
      { numRuns: RUNS * topics.length },
    );
  });

  it("answers any body on the TikTok webhook with a 4xx or an acknowledgement", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, signed) => {
        const before = await stored();
        const response = await tiktok.action({
          request: tiktokRequest(body, signed),
          params: {},
          context: {},
        });
        expect([200, 400, 401, 413]).toContain(response.status);
        expect(await stored()).toBe(before);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("refuses a body over 1 MB with 413 on every webhook route, signed or not", async () => {
    const huge = encoder.encode(JSON.stringify({ id: 1, padding: "x".repeat(1_100_000) }));
    for (const [topic, action] of Object.entries(shopifyRoutes)) {
      const response = await action({ request: shopifyRequest(topic, huge, true), params: {}, context: {} });
      expect(response.status, topic).toBe(413);
    }
    const response = await tiktok.action({ request: tiktokRequest(huge, true), params: {}, context: {} });
    expect(response.status).toBe(413);
  });

  it("refuses a signed delivery whose shop header is no Shopify domain with 400 on every route", async () => {
    for (const [topic, action] of Object.entries(shopifyRoutes)) {
      const before = await stored();
      const body = encoder.encode(JSON.stringify(validBodies[topic]));
      for (const shop of ["evil.example", "", "fuzz.myshopify.com.evil.example"]) {
        const request = shopifyRequest(topic, body, true, shop);
        const response = await action({ request, params: {}, context: {} });
        expect(response.status, `${topic} ${shop}`).toBe(400);
        expect(await response.json()).toMatchObject({ ok: false, message: expect.any(String) });
      }
      expect(await stored()).toBe(before);
    }
  });

  it("refuses a signed Shopify body that is not UTF-8 or not JSON with 400", async () => {
    const action = shopifyRoutes["products/delete"];
    if (!action) throw new Error("no route");
    for (const body of [Uint8Array.from([0x7b, 0xff, 0x7d]), encoder.encode("{not json")]) {
      const response = await action({
        request: shopifyRequest("products/delete", body, true),
        params: {},
        context: {},
      });
      expect(response.status).toBe(400);
    }
  });
});

import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhook } from "~/tiktok/signature";
import { ADMIN_API_VERSION } from "~/shopify/api-version";
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
  "app/uninstalled": (await import("~/routes/webhooks.app.uninstalled")).action,
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

function shopifyRequest(topic: string, body: Uint8Array, signed: boolean) {
  const hmac = createHmac("sha256", "test-api-secret").update(body).digest("base64");
  return new Request(`https://order-sync.example.test/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "X-Shopify-Hmac-Sha256": signed ? hmac : "AAAA",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": SHOP,
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

describe("hostile input on the webhook endpoints", () => {
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

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startConnectorWorld } from "../../test/connector-world";
import { postRaw } from "../../test/post-raw";
import { deliver, shopifyWebhook } from "../../test/shopify-webhook";
import { wayBackStores } from "../../test/way-back-world";

// The fulfilment webhooks as server.ts answers them, ahead of Remix, on Node's own request and response: the
// same answers as the Remix routes, and the fulfilment recorded for the shipment worker, once.
const world = await startConnectorWorld();
const { handleShopifyFulfillmentWebhookRequest } = await import("./fulfillment-http.server");
const { action: routeAction } = await import("~/routes/webhooks.fulfillments.create");
const { BODY_LIMIT } = await import("~/lib/read-limited-body.server");
const { store, syncedOrder, shipmentsOf } = await wayBackStores(world, "fast");

const server = createServer(
  (request, response) => void handleShopifyFulfillmentWebhookRequest(request, response),
);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await world.close();
});

type Answer = { status: number; body: { ok: boolean; message?: string } };

/** Sends a delivery (as `shopifyWebhook` builds it) to `path` over HTTP, its headers and bytes as they are. */
async function post(path: string, delivery: Request): Promise<Answer> {
  const body = Buffer.from(await delivery.arrayBuffer());
  return postRaw(`${base}${path}`, body, Object.fromEntries(delivery.headers));
}

const routeAnswer = async (delivery: Request): Promise<Answer> => {
  const response = await deliver(routeAction, delivery);
  return { status: response.status, body: (await response.json()) as Answer["body"] };
};

let fulfilmentIds = 8_100_000_000;
const fulfilment = (orderId: string, trackingNumber: string, id = fulfilmentIds++) => ({
  id,
  order_id: Number(orderId),
  name: `#${orderId}.1`,
  status: "success",
  updated_at: new Date().toISOString(),
  tracking_company: "USPS",
  tracking_number: trackingNumber,
  line_items: [{ id: id + 1, variant_id: null, sku: "SERUM-1", quantity: 1 }],
});

describe("the fulfilment webhooks ahead of Remix", () => {
  it("record a fulfilment of a synced order once, and answer a repeat as the route does", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    const payload = fulfilment(shopifyId, "9400111899223197428490");
    const first = shopifyWebhook("fulfillments/create", s.domain, payload, { webhookId: "delivery-1" });
    expect(await post("/webhooks/fulfillments/create", first.clone())).toEqual({
      status: 200,
      body: { ok: true },
    });
    const [shipment, ...more] = await shipmentsOf(row.id);
    expect(more).toEqual([]);
    expect(shipment).toMatchObject({
      shopifyFulfillmentId: String(payload.id),
      trackingNumber: "9400111899223197428490",
      status: "PENDING",
    });

    // Shopify sends the same event again: acknowledged, nothing recorded twice, the route's own words.
    const again = shopifyWebhook("fulfillments/create", s.domain, payload, {
      webhookId: "delivery-2",
      headers: { "X-Shopify-Event-Id": "event-1" },
    });
    const repeat = shopifyWebhook("fulfillments/create", s.domain, payload, {
      webhookId: "delivery-3",
      headers: { "X-Shopify-Event-Id": "event-1" },
    });
    expect(await post("/webhooks/fulfillments/create", again)).toEqual({ status: 200, body: { ok: true } });
    const viaFastPath = await post("/webhooks/fulfillments/create", repeat.clone());
    expect(viaFastPath).toEqual({ status: 200, body: { ok: true, message: "Already handled." } });
    expect(await routeAnswer(repeat)).toEqual(viaFastPath);
    expect(await shipmentsOf(row.id)).toHaveLength(1);
  });

  it("record a changed tracking number from fulfillments/update", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    const created = fulfilment(shopifyId, "9400111899223197428491");
    await post("/webhooks/fulfillments/create", shopifyWebhook("fulfillments/create", s.domain, created));
    const updated = {
      ...created,
      tracking_number: "9400111899223197428499",
      updated_at: new Date(Date.now() + 2000).toISOString(),
    };
    expect(
      await post("/webhooks/fulfillments/update", shopifyWebhook("fulfillments/update", s.domain, updated)),
    ).toEqual({ status: 200, body: { ok: true } });
    expect(await shipmentsOf(row.id)).toMatchObject([{ trackingNumber: "9400111899223197428499" }]);
  });

  it("refuse what the route refuses, in its words, and record nothing", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    const payload = fulfilment(shopifyId, "9400111899223197428492");
    const forged = shopifyWebhook("fulfillments/create", s.domain, payload, {
      hmac: "bm90IHRoZSBzaWduYXR1cmU=",
    });
    const refused = await post("/webhooks/fulfillments/create", forged.clone());
    expect(refused.status).toBe(401);
    expect(await routeAnswer(forged)).toEqual(refused);
    // Another topic's delivery at this address.
    const misrouted = shopifyWebhook("fulfillments/update", s.domain, payload);
    const wrongTopic = await post("/webhooks/fulfillments/create", misrouted.clone());
    expect(wrongTopic.status).toBe(400);
    expect(await routeAnswer(misrouted)).toEqual(wrongTopic);
    // A body that isn't UTF-8 text (the fast path hands the routes' code the text it decoded).
    const binary = () =>
      new Request(forged.url, {
        method: "POST",
        headers: forged.headers,
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      });
    const notText = await post("/webhooks/fulfillments/create", binary());
    expect(notText).toEqual({
      status: 400,
      body: { ok: false, message: "The webhook body is not UTF-8 text." },
    });
    expect(await routeAnswer(binary())).toEqual(notText);
    const huge = shopifyWebhook("fulfillments/create", s.domain, {
      ...payload,
      note: "x".repeat(BODY_LIMIT),
    });
    expect(await post("/webhooks/fulfillments/create", huge)).toEqual({
      status: 413,
      body: { ok: false, message: "The webhook body is larger than 1 MB." },
    });
    expect(
      (
        await post(
          "/webhooks/fulfillments/elsewhere",
          shopifyWebhook("fulfillments/create", s.domain, payload),
        )
      ).status,
    ).toBe(404);
    expect(await shipmentsOf(row.id)).toEqual([]);
  });
});

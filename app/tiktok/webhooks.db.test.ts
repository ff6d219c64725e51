import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { APP_KEY, APP_SECRET, connectStore, startConnectorWorld } from "../../test/connector-world";
import { signWebhook } from "./signature";

const world = await startConnectorWorld();
const { action } = await import("~/routes/webhooks.tiktok");
const { webhookOrderBatcher } = await import("./webhooks.server");
const { OrderDetailBatcher } = await import("./detail-batcher.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { pruneWebhookReceipts } = await import("~/models/webhook-receipt.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(async () => {
  await world.tiktok.control.configure({ webhookUrl: world.webhookUrl, webhooksEnabled: true });
});

let sequence = 0;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A notification as TikTok sends it: JSON text, signed over app key + body unless told otherwise. */
function notification(shopId: string, type: number, data: object, overrides: object = {}) {
  return JSON.stringify({
    type,
    // Apart from the ids the stand-in gives the webhooks it sends ("7327…"), so that none is taken for a repeat.
    tts_notification_id: `7399${String(++sequence).padStart(15, "0")}`,
    shop_id: shopId,
    timestamp: nowSeconds(),
    data,
    ...overrides,
  });
}

async function post(
  body: string | Uint8Array,
  signature: string | null = signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: body }),
) {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("authorization", signature);
  const request = new Request("https://app.test/webhooks/tiktok", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : Buffer.from(body),
  });
  const response = await action({ request, params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
}

const settled = () => webhookOrderBatcher().idle();
const storedOrder = (shopId: string, tiktokOrderId: string) =>
  prisma.tikTokOrder.findUnique({ where: { shopId_tiktokOrderId: { shopId, tiktokOrderId } } });
const receipts = () => prisma.webhookReceipt.count();

/** A connected store and an order in its TikTok shop that the app hasn't heard of. */
async function storeWithSilentOrder(
  domain: string,
  spec: Parameters<typeof world.tiktok.control.createOrder>[0] = {},
) {
  const { tiktokShop, shop } = await connectStore(world, domain);
  await world.tiktok.control.setWebhooksEnabled(false);
  const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id, ...spec });
  return { tiktokShop, shop, order };
}

describe("the TikTok webhook endpoint", () => {
  it("answers 200 to a signed order webhook, then stores the order and queues its sync", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("valid.myshopify.com");
    const body = notification(tiktokShop.id, 1, { order_id: order.id, order_status: "AWAITING_SHIPMENT" });
    expect(await post(body)).toEqual({ status: 200, body: { ok: true, message: "Received." } });
    await settled();
    expect(await storedOrder(shop.id, order.id)).toMatchObject({
      tiktokShopId: tiktokShop.id,
      tiktokStatus: "AWAITING_SHIPMENT",
      queuedTrigger: "WEBHOOK",
      nextAttemptAt: expect.any(Date),
    });
  });

  it("brings in orders the stand-in announces, and follows them to cancellation and a new address", async () => {
    const { tiktokShop, shop } = await connectStore(world, "live.myshopify.com");
    const created = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    expect(created.webhooks.map((webhook) => webhook.status)).toEqual([200]);
    await settled();
    expect(await storedOrder(shop.id, created.order.id)).toMatchObject({ tiktokStatus: "AWAITING_SHIPMENT" });

    await world.tiktok.control.updateAddress(created.order.id, {
      line1: "1 Market St",
      city: "San Francisco",
    });
    await settled();
    const moved = await storedOrder(shop.id, created.order.id);
    expect(JSON.stringify(moved?.raw)).toContain("1 Market St");

    const cancelled = await world.tiktok.control.setOrderStatus(created.order.id, "CANCELLED");
    expect(cancelled.webhooks.map((webhook) => [webhook.type, webhook.status])).toEqual([
      [11, 200],
      [1, 200],
    ]);
    await settled();
    expect(await storedOrder(shop.id, created.order.id)).toMatchObject({ tiktokStatus: "CANCELLED" });
  });

  it("fetches a burst of orders in batches and loses none", async () => {
    const { tiktokShop, shop } = await connectStore(world, "burst.myshopify.com");
    const created = await Promise.all(
      Array.from({ length: 60 }, () => world.tiktok.control.createOrder({ shopId: tiktokShop.id })),
    );
    await settled();
    expect(created.every((change) => change.webhooks[0]?.status === 200)).toBe(true);
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id, queuedTrigger: "WEBHOOK" } })).toBe(60);
  });

  it("answers 401 and stores nothing for a wrong signature, an altered body or no signature", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("unsigned.myshopify.com");
    const body = notification(tiktokShop.id, 1, { order_id: order.id });
    const before = await receipts();
    const wrongKey = signWebhook({ appKey: APP_KEY, appSecret: "another-secret", rawBody: body });
    const otherApp = signWebhook({ appKey: "another-key", appSecret: APP_SECRET, rawBody: body });
    const signed = signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: body });
    const altered = body.replace(order.id, `${order.id.slice(0, -1)}9`);
    for (const [text, signature] of [
      [body, wrongKey],
      [body, otherApp],
      [altered, signed],
      [body, null],
      [body, ""],
    ] as const) {
      expect((await post(text, signature)).status).toBe(401);
    }
    await settled();
    expect(await receipts()).toBe(before);
    expect(await storedOrder(shop.id, order.id)).toBeNull();
  });

  it("checks the signature on the bytes as sent, then refuses a signed body that is not UTF-8 with 400", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("raw-bytes.myshopify.com");
    const text = notification(tiktokShop.id, 1, { order_id: order.id, order_status: "AWAITING~SHIPMENT" });
    // One byte that is no UTF-8 where the "~" was; decoding it would give U+FFFD instead.
    const bytes = Buffer.from(text.replace("~", "\u0000"), "utf8");
    bytes[bytes.indexOf(0)] = 0xff;
    const before = await receipts();

    const signedBytes = await post(bytes);
    const decoded = bytes.toString("utf8");
    const signedDecoded = await post(
      bytes,
      signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: decoded }),
    );

    expect(signedBytes).toEqual({
      status: 400,
      body: { ok: false, message: expect.stringMatching(/UTF-8/) },
    });
    expect(signedDecoded.status).toBe(401);
    await settled();
    expect(await receipts()).toBe(before);
    expect(await storedOrder(shop.id, order.id)).toBeNull();
  });

  it("answers 400 to a replayed old notification, one from the future and malformed bodies", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("replayed.myshopify.com");
    const before = await receipts();
    const data = { order_id: order.id };
    const bodies = [
      notification(tiktokShop.id, 1, data, { timestamp: nowSeconds() - 16 * 60 }),
      notification(tiktokShop.id, 1, data, { timestamp: nowSeconds() + 10 * 60 }),
      "{ not json",
      "[]",
      JSON.stringify({ type: 1, shop_id: tiktokShop.id, timestamp: nowSeconds(), data }),
      notification(tiktokShop.id, 1, { order_status: "AWAITING_SHIPMENT" }),
      notification(tiktokShop.id, 7, { expiration_time: "next year" }),
    ];
    for (const body of bodies) {
      const reply = await post(body);
      expect(reply.status, body).toBe(400);
      expect(reply.body.ok).toBe(false);
    }
    await settled();
    expect(await receipts()).toBe(before);
    expect(await storedOrder(shop.id, order.id)).toBeNull();
  });

  it("acknowledges a repeated notification once and does the work once", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("repeat.myshopify.com");
    const body = notification(tiktokShop.id, 1, { order_id: order.id });
    const replies = await Promise.all([post(body), post(body), post(body)]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(replies.filter((reply) => reply.body.message === "Received.")).toHaveLength(1);
    expect(replies.filter((reply) => reply.body.message === "Already received.")).toHaveLength(2);
    await settled();
    const id = JSON.parse(body).tts_notification_id as string;
    expect(await prisma.webhookReceipt.count({ where: { notificationId: id } })).toBe(1);
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("ends with one order at its latest state when deliveries repeat and arrive out of order", async () => {
    const { tiktokShop, shop } = await connectStore(world, "shuffled.myshopify.com");
    await world.tiktok.control.configure({ webhookUrl: `${world.webhookUrl}?hold` });
    await world.tiktok.control.clearWebhooks();
    const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    await world.tiktok.control.setOrderStatus(order.id, "IN_TRANSIT");
    const delivered = await world.tiktok.control.setOrderStatus(order.id, "DELIVERED");
    const sent = await world.tiktok.control.webhooks();
    expect(sent.map((webhook) => webhook.type)).toEqual([1, 1, 1]);

    for (const webhook of [...sent].reverse().concat(sent)) {
      expect((await post(webhook.body, webhook.signature)).status).toBe(200);
    }
    await settled();
    const rows = await prisma.tikTokOrder.findMany({ where: { shopId: shop.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tiktokStatus: "DELIVERED",
      updateTime: new Date(delivered.order.update_time * 1000),
    });
  });

  it("acknowledges a notification for a TikTok shop no store connected and stores nothing", async () => {
    const before = await receipts();
    const reply = await post(notification("7494999999999999999", 1, { order_id: "576400000000000999" }));
    expect(reply).toEqual({ status: 200, body: { ok: true, message: expect.stringMatching(/ignored/) } });
    expect(await receipts()).toBe(before);
  });

  it("records that the seller revoked the app, and then ignores that shop's order events", async () => {
    const { tiktokShop, shop } = await connectStore(world, "revoked.myshopify.com");
    const { webhooks } = await world.tiktok.control.deauthorizeShop(tiktokShop.id);
    expect(webhooks.map((webhook) => webhook.status)).toEqual([200]);
    const connection = await prisma.tikTokConnection.findUniqueOrThrow({
      where: { tiktokShopId: tiktokShop.id },
    });
    expect(connection.shopId).toBe(shop.id);
    expect(connection.deauthorizedAt).toBeInstanceOf(Date);
    const reply = await post(notification(tiktokShop.id, 1, { order_id: "576400000000000998" }));
    expect(reply.body.message).toMatch(/revoked/);
  });

  it("records when TikTok says the authorization expires", async () => {
    const { tiktokShop, shop } = await connectStore(world, "expiring.myshopify.com");
    await world.tiktok.control.warnAuthorizationExpiring(tiktokShop.id, 7);
    const connection = await prisma.tikTokConnection.findUniqueOrThrow({
      where: { tiktokShopId: tiktokShop.id },
    });
    expect(connection.shopId).toBe(shop.id);
    const expected = (world.clock() + 7 * 86_400) * 1000;
    expect(Math.abs((connection.authorizationExpiresAt?.getTime() ?? 0) - expected)).toBeLessThan(5_000);
  });

  it("stores an order TikTok sent without a field the mapper needs, so its sync fails naming the field", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("lacking.myshopify.com", {
      overrides: { "payment.total_amount": null },
    });
    expect((await post(notification(tiktokShop.id, 1, { order_id: order.id }))).status).toBe(200);
    await settled();
    const row = await storedOrder(shop.id, order.id);
    expect(row?.queuedTrigger).toBe("WEBHOOK");
    const outcome = await syncOrder(row?.id ?? "", { trigger: "webhook" });
    expect(outcome).toMatchObject({
      status: "failed",
      code: "MISSING_REQUIRED_FIELD",
      message: expect.stringContaining("payment.total_amount"),
    });
  });
});

describe("webhook receipts", () => {
  it("are forgotten once older than the replay window, when a repeat would be refused anyway", async () => {
    const { tiktokShop } = await connectStore(world, "pruned.myshopify.com");
    const body = notification(tiktokShop.id, 7, { expiration_time: String(nowSeconds() + 86_400) });
    await post(body);
    const id = JSON.parse(body).tts_notification_id as string;
    await prisma.webhookReceipt.updateMany({
      where: { notificationId: id },
      data: { receivedAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await pruneWebhookReceipts("TIKTOK", new Date(Date.now() - 30 * 60_000))).toBeGreaterThanOrEqual(
      1,
    );
    expect(await prisma.webhookReceipt.count({ where: { notificationId: id } })).toBe(0);
  });
});

describe("the order-detail batcher", () => {
  it("retries through a TikTok outage until the orders are fetched", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("outage.myshopify.com");
    const batcher = new OrderDetailBatcher({
      baseDelayMs: 10,
      maxDelayMs: 50,
      client: { retry: { maxAttempts: 1 } },
    });
    await world.tiktok.control.injectFaults({ unavailable: 3 });
    batcher.add({ shopId: shop.id, shopDomain: "outage.myshopify.com", tiktokShopId: tiktokShop.id }, [
      order.id,
    ]);
    await batcher.idle();
    expect(await world.tiktok.control.injectFaults({})).toMatchObject({ unavailable: 0 });
    expect(await storedOrder(shop.id, order.id)).toMatchObject({
      tiktokStatus: "AWAITING_SHIPMENT",
      tiktokShopId: tiktokShop.id,
    });
  });

  it("logs an order it cannot store at all and carries on with the others", async () => {
    const { tiktokShop, shop, order } = await storeWithSilentOrder("unstorable.myshopify.com", {
      overrides: { create_time: null },
    });
    const { order: fine } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const batcher = new OrderDetailBatcher();
    batcher.add({ shopId: shop.id, shopDomain: "unstorable.myshopify.com", tiktokShopId: tiktokShop.id }, [
      order.id,
      fine.id,
    ]);
    await batcher.idle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("create_time"));
    expect(await storedOrder(shop.id, order.id)).toBeNull();
    expect(await storedOrder(shop.id, fine.id)).not.toBeNull();
  });
});

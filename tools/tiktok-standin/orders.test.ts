import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../app/tiktok/signature";
import { tiktokOrderSchema } from "../../app/tiktok/types";
import { startTikTokStandin, type TikTokStandin } from "./index";

const appKey = "orders-key";
const appSecret = "orders-secret";
let now = 1_750_000_000;
let standin: TikTokStandin;
let receiver: Server;
const received: { signature: string; body: string }[] = [];

beforeAll(async () => {
  // The app's webhook endpoint, reduced to recording the raw bytes and the Authorization header.
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        signature: String(request.headers.authorization),
        body: Buffer.concat(chunks).toString(),
      });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/tiktok`;
  standin = await startTikTokStandin({ appKey, appSecret, webhookUrl, onHoldSeconds: 3600, now: () => now });
});
afterAll(async () => {
  await standin.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await standin.control.reset();
  await standin.control.configure({ webhooksEnabled: true });
  await standin.control.createShop({ id: "7494000000000000001" });
  received.length = 0;
});

const bodies = () =>
  received.map((webhook) => JSON.parse(webhook.body) as { type: number; data: Record<string, unknown> });

describe("orders made by the stand-in", () => {
  it("computes payment totals from the lines, one line item per unit", async () => {
    const { order } = await standin.control.createOrder({
      currency: "GBP",
      lines: [
        { price: "20.00", quantity: 3, sellerDiscount: "2.00", platformDiscount: "1.50", tax: "3.30" },
        { price: "5.99", tax: "0.60" },
      ],
      shipping: { fee: "4.99", sellerDiscount: "1.00", platformDiscount: "0.99", tax: "0.50" },
      retailDeliveryFee: "0.27",
    });
    const parsed = tiktokOrderSchema.parse(order);
    expect(parsed.line_items).toHaveLength(4);
    expect(parsed.line_items[0]).toMatchObject({
      original_price: "20.00",
      sale_price: "16.50",
      currency: "GBP",
    });
    expect(parsed.payment).toMatchObject({
      currency: "GBP",
      original_total_product_price: "65.99",
      seller_discount: "6.00",
      platform_discount: "4.50",
      sub_total: "55.49",
      original_shipping_fee: "4.99",
      shipping_fee: "3.00",
      product_tax: "10.50",
      shipping_fee_tax: "0.50",
      tax: "11.00",
      retail_delivery_fee: "0.27",
      total_amount: "69.76",
    });
  });

  it("creates sample, FBT, unpaid and cancelled orders with TikTok's flags", async () => {
    const sample = (await standin.control.createOrder({ sample: true })).order;
    const fbt = (await standin.control.createOrder({ fbt: true })).order;
    const unpaid = (await standin.control.createOrder({ status: "UNPAID" })).order;
    const cancelled = (
      await standin.control.createOrder({ status: "CANCELLED", cancelReason: "Ordered by mistake" })
    ).order;
    expect(sample).toMatchObject({ is_sample_order: true, status: "AWAITING_SHIPMENT" });
    expect(fbt).toMatchObject({ fulfillment_type: "FULFILLMENT_BY_TIKTOK", shipping_type: "TIKTOK" });
    expect(unpaid).not.toHaveProperty("paid_time");
    expect(unpaid).not.toHaveProperty("recipient_address");
    expect(cancelled).toMatchObject({ cancel_reason: "Ordered by mistake", cancellation_initiator: "BUYER" });
  });

  it("masks the buyer's name, phone and postal code when TikTok ships", async () => {
    const { order } = await standin.control.createOrder({
      masked: true,
      recipient: { name: "Alice Ferrari" },
    });
    expect(order.recipient_address).toMatchObject({
      name: "A*** F***i",
      phone_number: "(+1)213*****47",
      postal_code: "90***",
    });
  });

  it("withholds the address while on hold and releases the order when the window ends", async () => {
    const { order } = await standin.control.createOrder({ onHold: true, onHoldSeconds: 600 });
    expect(order).toMatchObject({ status: "ON_HOLD", is_on_hold_order: true });
    expect(order).not.toHaveProperty("recipient_address");
    now += 599;
    expect((await standin.control.tick()).released).toEqual([]);
    now += 1;
    expect((await standin.control.tick()).released).toEqual([order.id]);
    const released = await standin.control.getOrder(order.id);
    expect(released).toMatchObject({ status: "AWAITING_SHIPMENT", is_on_hold_order: true, update_time: now });
    expect(released).toHaveProperty("recipient_address.postal_code", "90026");
    expect(bodies().at(-1)).toMatchObject({
      type: 1,
      data: { order_status: "AWAITING_SHIPMENT", is_on_hold_order: true },
    });
  });
});

describe("a shop's currency", () => {
  it("follows the shop's region unless the shop names one", async () => {
    const currencies = await Promise.all(
      [{ region: "GB" }, { region: "DE" }, { region: "KR" }, { region: "GB", currency: "EUR" }].map(
        async (shop) => (await standin.control.createShop(shop)).currency,
      ),
    );
    expect(currencies).toEqual(["GBP", "EUR", "USD", "EUR"]);
    await expect(standin.control.createShop({ currency: "pounds" })).rejects.toThrow(/currency/);
  });

  it("prices a GB shop's orders and products in GBP, with the payment adding up to the penny", async () => {
    const gb = await standin.control.createShop({ id: "7494000000000000002", region: "GB" });
    const product = await standin.control.addProduct({
      shopId: gb.id,
      title: "Hydrating Serum",
      skus: [{ sellerSku: "SERUM-30", price: "24.99" }],
    });
    const sku = product.skus[0];
    expect(sku?.price).toMatchObject({ amount: "24.99", currency: "GBP" });
    const { order } = await standin.control.createOrder({
      shopId: gb.id,
      lines: [
        { skuId: sku?.id, quantity: 2, sellerDiscount: "2.50", tax: "4.50" },
        { price: "7.05", platformDiscount: "0.05" },
      ],
      shipping: { fee: "3.99", sellerDiscount: "1.00", tax: "0.60" },
    });
    const parsed = tiktokOrderSchema.parse(order);
    expect(parsed.line_items.map((line) => line.currency)).toEqual(["GBP", "GBP", "GBP"]);
    const { currency, ...amounts } = parsed.payment;
    expect(currency).toBe("GBP");
    // Pounds and pence, as USD amounts are dollars and cents: every amount has two decimals.
    expect(amounts).toEqual(
      Object.fromEntries(Object.keys(amounts).map((field) => [field, expect.stringMatching(/^\d+\.\d{2}$/)])),
    );
    expect(amounts).toMatchObject({
      original_total_product_price: "57.03",
      sub_total: "51.98",
      shipping_fee: "2.99",
      tax: "9.60",
      retail_delivery_fee: "0.00",
      total_amount: "64.57",
    });
  });

  it("keeps an explicit currency, and the first shop's USD by default", async () => {
    const gb = await standin.control.createShop({ region: "GB" });
    const euro = (await standin.control.createOrder({ shopId: gb.id, currency: "EUR" })).order;
    expect(euro.payment).toMatchObject({ currency: "EUR" });
    // Without a shopId, the first shop: the US shop made before each test.
    expect((await standin.control.createOrder()).order.payment).toMatchObject({ currency: "USD" });
  });
});

describe("cash on delivery and delivery times", () => {
  it("makes a COD order without paid_time, and every other order paid by card", async () => {
    const cod = (await standin.control.createOrder({ cod: true })).order;
    const card = (await standin.control.createOrder({ deliveryType: "COLLECTION_POINT" })).order;
    expect(tiktokOrderSchema.parse(cod)).toMatchObject({
      is_cod: true,
      payment_method_name: "Cash on delivery",
      delivery_type: "HOME_DELIVERY",
      status: "AWAITING_SHIPMENT",
    });
    expect(cod).not.toHaveProperty("paid_time");
    expect(cod).not.toHaveProperty("delivery_time");
    expect(card).toMatchObject({
      is_cod: false,
      payment_method_name: "Credit card",
      paid_time: card.create_time,
      delivery_type: "COLLECTION_POINT",
    });
    await expect(standin.control.createOrder({ deliveryType: "home delivery" })).rejects.toThrow(
      /deliveryType/,
    );
  });

  it("pays a COD order when it is delivered, not when it ships, and keeps the delivery time", async () => {
    const { order } = await standin.control.createOrder({ cod: true });
    now += 60;
    expect((await standin.control.setOrderStatus(order.id, "IN_TRANSIT")).order).not.toHaveProperty(
      "paid_time",
    );
    now += 60;
    received.length = 0;
    const { order: delivered } = await standin.control.setOrderStatus(order.id, "DELIVERED");
    expect(delivered).toMatchObject({ status: "DELIVERED", delivery_time: now, paid_time: now });
    expect(bodies()).toEqual([
      expect.objectContaining({ type: 1, data: expect.objectContaining({ order_status: "DELIVERED" }) }),
    ]);
    const deliveredAt = now;
    now += 60;
    const { order: completed } = await standin.control.setOrderStatus(order.id, "COMPLETED");
    expect(completed).toMatchObject({ delivery_time: deliveredAt, paid_time: deliveredAt });
  });

  it("gives an order completed without a delivery its delivery time, and a prepaid one keeps its paid_time", async () => {
    const { order } = await standin.control.createOrder();
    now += 60;
    const { order: completed } = await standin.control.setOrderStatus(order.id, "COMPLETED");
    expect(completed).toMatchObject({ delivery_time: now, paid_time: order.create_time });
  });

  it("delivers an order on tick once deliverAfterSeconds has passed, with its webhook", async () => {
    const { order } = await standin.control.createOrder({ cod: true, deliverAfterSeconds: 600 });
    received.length = 0;
    now += 599;
    expect(await standin.control.tick()).toEqual({ released: [], delivered: [] });
    expect((await standin.control.getOrder(order.id)).status).toBe("AWAITING_SHIPMENT");
    now += 1;
    expect(await standin.control.tick()).toEqual({ released: [], delivered: [order.id] });
    expect(await standin.control.getOrder(order.id)).toMatchObject({
      status: "DELIVERED",
      delivery_time: now,
      paid_time: now,
    });
    expect(bodies()).toEqual([
      expect.objectContaining({ type: 1, data: expect.objectContaining({ order_status: "DELIVERED" }) }),
    ]);
    now += 600;
    expect(await standin.control.tick()).toEqual({ released: [], delivered: [] });
  });

  it("lets a timed delivery wait for the hold to end, and never delivers a cancelled order", async () => {
    const held = (
      await standin.control.createOrder({ onHold: true, onHoldSeconds: 600, deliverAfterSeconds: 60 })
    ).order;
    const cancelled = (await standin.control.createOrder({ deliverAfterSeconds: 60 })).order;
    await standin.control.setOrderStatus(cancelled.id, "CANCELLED");
    now += 60;
    expect(await standin.control.tick()).toEqual({ released: [], delivered: [] });
    now += 540;
    expect(await standin.control.tick()).toEqual({ released: [held.id], delivered: [held.id] });
    expect((await standin.control.getOrder(cancelled.id)).status).toBe("CANCELLED");
  });

  it("records when an order was cancelled", async () => {
    const { order } = await standin.control.createOrder({ cod: true });
    now += 30;
    const { order: cancelled } = await standin.control.setOrderStatus(order.id, "CANCELLED");
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancel_time: now });
    expect(cancelled).not.toHaveProperty("paid_time");
    const created = (await standin.control.createOrder({ status: "CANCELLED" })).order;
    expect(created).toMatchObject({ cancel_time: now });
  });
});

describe("webhooks sent by the stand-in", () => {
  it("posts signed ORDER_STATUS_CHANGE webhooks the app can verify", async () => {
    const { order } = await standin.control.createOrder();
    const { order: shipped } = await standin.control.setOrderStatus(order.id, "IN_TRANSIT");
    expect(shipped.update_time).toBeGreaterThan(order.update_time);
    expect(received).toHaveLength(2);
    for (const webhook of received) {
      expect(
        verifyWebhookSignature({ appKey, appSecret, rawBody: webhook.body, signature: webhook.signature }),
      ).toBe(true);
    }
    expect(JSON.parse(received[1]?.body ?? "")).toEqual({
      type: 1,
      tts_notification_id: expect.stringMatching(/^\d{19}$/),
      shop_id: "7494000000000000001",
      timestamp: now,
      data: {
        order_id: order.id,
        order_status: "IN_TRANSIT",
        is_on_hold_order: false,
        update_time: shipped.update_time,
      },
    });
  });

  it("spells a cancellation CANCEL and sends CANCELLATION_STATUS_CHANGE first", async () => {
    const { order } = await standin.control.createOrder();
    received.length = 0;
    await standin.control.setOrderStatus(order.id, "CANCELLED");
    expect(bodies().map((body) => [body.type, body.data.order_status ?? body.data.cancel_status])).toEqual([
      [11, "CANCELLATION_REQUEST_COMPLETE"],
      [1, "CANCEL"],
    ]);
    expect((await standin.control.getOrder(order.id)).status).toBe("CANCELLED");
  });

  it("sends address, deauthorization and expiring-authorization webhooks", async () => {
    const { order } = await standin.control.createOrder();
    received.length = 0;
    await standin.control.updateAddress(order.id, { line1: "1 Market St" });
    await standin.control.warnAuthorizationExpiring("7494000000000000001", 7);
    await standin.control.deauthorizeShop("7494000000000000001");
    expect(bodies().map((body) => body.type)).toEqual([3, 7, 6]);
    expect(bodies()[1]?.data).toEqual({
      message: expect.stringContaining("7 days"),
      expiration_time: String(now + 7 * 86_400),
    });
    expect((await standin.control.getOrder(order.id)).recipient_address).toMatchObject({
      address_line1: "1 Market St",
      name: "Jane Doe",
    });
  });

  it("sends nothing while webhooks are switched off, and lists what it sent", async () => {
    await standin.control.setWebhooksEnabled(false);
    const { order } = await standin.control.setOrderStatus(
      (await standin.control.createOrder()).order.id,
      "IN_TRANSIT",
    );
    expect(received).toEqual([]);
    expect(order.status).toBe("IN_TRANSIT");
    await standin.control.setWebhooksEnabled(true);
    await standin.control.setOrderStatus(order.id, "DELIVERED");
    const sent = await standin.control.webhooks();
    expect(sent).toEqual([
      expect.objectContaining({ type: 1, status: 200, signature: received[0]?.signature }),
    ]);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { until } from "../../test/until";
import { startTikTokStandin, type SentWebhook, type TikTokStandin } from "./index";

const appKey = "faults-key";
const appSecret = "faults-secret";
const now = 1_750_000_000;
let standin: TikTokStandin;
let receiver: Server;
/** What reached the app's endpoint, in the order it arrived. */
const received: { notificationId: string; orderId: string; status: string }[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        tts_notification_id: string;
        data: { order_id: string; order_status: string };
      };
      const { order_id: orderId, order_status: status } = body.data;
      received.push({ notificationId: body.tts_notification_id, orderId, status });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/tiktok`;
  standin = await startTikTokStandin({ appKey, appSecret, webhookUrl, now: () => now });
});
afterAll(async () => {
  await standin.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await standin.control.reset();
  await standin.control.createShop({ id: "7494000000000000001" });
  received.length = 0;
});

const placeOrders = async (count: number) => {
  for (let i = 0; i < count; i++) await standin.control.createOrder();
};
const settled = (sent: SentWebhook[]) => sent.every((webhook) => webhook.skipped || webhook.status);

describe("webhook delivery faults", () => {
  it("skips, delays and duplicates about the configured share of notifications", async () => {
    await standin.control.setWebhookFaults({
      skipRate: 0.2,
      delayRate: 0.2,
      delayMs: 50,
      duplicateRate: 0.2,
      seed: 11,
    });
    await placeOrders(200);
    expect(await until(async () => settled(await standin.control.webhooks()), 5_000)).toBe(true);

    const sent = await standin.control.webhooks();
    const skipped = sent.filter((webhook) => webhook.skipped);
    const late = sent.filter((webhook) => webhook.delayedMs === 50 && !webhook.duplicate);
    const duplicates = sent.filter((webhook) => webhook.duplicate);
    for (const share of [skipped, late, duplicates]) {
      expect(share.length).toBeGreaterThan(20);
      expect(share.length).toBeLessThan(65);
    }
    expect(sent.length - duplicates.length).toBe(200);
    // Skipped ones never arrive; every other one arrives once, or twice when duplicated.
    expect(received).toHaveLength(200 - skipped.length + duplicates.length);
    const arrived = new Set(received.map((webhook) => webhook.notificationId));
    for (const webhook of skipped) expect(arrived.has(webhook.notificationId)).toBe(false);
    for (const webhook of duplicates) {
      const copies = received.filter((copy) => copy.notificationId === webhook.notificationId);
      expect(copies).toHaveLength(2);
    }
  });

  it("plans the same deliveries for the same seed", async () => {
    const plans = [];
    for (let run = 0; run < 2; run++) {
      await standin.control.reset();
      await standin.control.createShop({ id: "7494000000000000001" });
      await standin.control.setWebhookFaults({ skipRate: 0.3, duplicateRate: 0.3, seed: 5 });
      await placeOrders(30);
      plans.push((await standin.control.webhooks()).map((webhook) => [webhook.skipped, webhook.duplicate]));
    }
    expect(plans[1]).toEqual(plans[0]);
  });

  it("posts a late notification after a later change of the same order", async () => {
    await standin.control.setWebhookFaults({ delayRate: 1, delayMs: 300 });
    const created = await standin.control.createOrder();
    expect(created.webhooks).toEqual([expect.objectContaining({ delayedMs: 300 })]);
    expect(created.webhooks[0]?.status).toBeUndefined();

    await standin.control.setWebhookFaults(null);
    await standin.control.setOrderStatus(created.order.id, "IN_TRANSIT");
    expect(await until(() => received.length === 2, 5_000)).toBe(true);

    expect(received.map((webhook) => webhook.status)).toEqual(["IN_TRANSIT", "AWAITING_SHIPMENT"]);
  });

  it("records a skipped notification with a marker and never posts it", async () => {
    await standin.control.setWebhookFaults({ skipRate: 1 });
    const { webhooks } = await standin.control.createOrder();

    expect(webhooks).toEqual([expect.objectContaining({ skipped: true })]);
    expect(webhooks[0]?.postedAt).toBeUndefined();
    expect(received).toEqual([]);
  });

  it("posts a duplicate with the same notification id, body and signature", async () => {
    await standin.control.setWebhookFaults({ duplicateRate: 1 });
    await standin.control.createOrder();

    const [first, second] = await standin.control.webhooks();
    expect(second).toMatchObject({ duplicate: true, status: 200 });
    expect(second?.notificationId).toBe(first?.notificationId);
    expect(second?.body).toBe(first?.body);
    expect(second?.signature).toBe(first?.signature);
    expect(received).toHaveLength(2);
  });

  it("refuses a rate above 1, and forgets the faults on reset", async () => {
    await expect(standin.control.setWebhookFaults({ skipRate: 1.5 })).rejects.toThrow(/skipRate/);
    await standin.control.setWebhookFaults({ skipRate: 1 });
    await standin.control.reset();
    await standin.control.createShop({ id: "7494000000000000001" });
    await standin.control.createOrder();

    expect(received).toHaveLength(1);
  });
});

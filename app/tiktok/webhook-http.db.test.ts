import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { APP_KEY, APP_SECRET, connectStore, startConnectorWorld } from "../../test/connector-world";
import { postRaw } from "../../test/post-raw";
import { until } from "../../test/until";
import { signWebhook } from "./signature";

const world = await startConnectorWorld();
const { handleTikTokWebhookRequest } = await import("./webhook-http.server");
const { webhookOrderBatcher } = await import("./webhooks.server");
const { BODY_LIMIT } = await import("~/lib/read-limited-body.server");
const { default: prisma } = await import("~/db.server");

// The handler as server.ts mounts it: on Node's own request and response. Each call's promise is kept, so
// a test can see it settle.
const handled: Promise<void>[] = [];
const server = createServer((request, response) => {
  handled.push(handleTikTokWebhookRequest(request, response));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/tiktok`;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await world.close();
});

type Sent = { status: number; body: { ok: boolean; message: string } };

/** Posts a body; `chunks` sends it in pieces without a Content-Length, as a chunked upload. */
function post(body: string | Buffer, options: { signature?: string; chunked?: boolean } = {}): Promise<Sent> {
  const headers = {
    "content-type": "application/json",
    ...(options.signature ? { authorization: options.signature } : {}),
  };
  return postRaw(url, body, headers, { chunked: options.chunked });
}

const signed = (body: string | Buffer) =>
  signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: body });

/** Starts an upload of `declared` bytes, sends `sent` of them and hangs up. */
async function abandonUpload(declared: number, sent: number): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const socket = connect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`POST /webhooks/tiktok HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${declared}\r\n\r\n`);
  socket.write("x".repeat(sent));
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
}

describe("the TikTok webhook handler server.ts mounts ahead of Remix", () => {
  it("records a signed order webhook and queues its order", async () => {
    const { tiktokShop, shop } = await connectStore(world, "fast-path.myshopify.com");
    await world.tiktok.control.setWebhooksEnabled(false);
    const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: "7327000000000000001",
      shop_id: tiktokShop.id,
      timestamp: Math.floor(Date.now() / 1000),
      data: { order_id: order.id, order_status: "AWAITING_SHIPMENT" },
    });

    const sent = await post(body, { signature: signed(body) });
    await webhookOrderBatcher().idle();

    expect(sent).toEqual({ status: 200, body: { ok: true, message: "Received." } });
    const stored = await prisma.tikTokOrder.findUniqueOrThrow({
      where: { shopId_tiktokOrderId: { shopId: shop.id, tiktokOrderId: order.id } },
    });
    expect(stored.nextAttemptAt).not.toBeNull();
    expect(stored.queuedTrigger).toBe("WEBHOOK");
  });

  it("refuses a wrong signature with 401 and stores nothing", async () => {
    const before = await prisma.webhookReceipt.count();
    const body = JSON.stringify({ type: 1, tts_notification_id: "1", shop_id: "1", timestamp: 1, data: {} });

    const sent = await post(body, { signature: "0".repeat(64) });

    expect(sent.status).toBe(401);
    expect(await prisma.webhookReceipt.count()).toBe(before);
  });

  it("refuses a body over the limit by its Content-Length, and while reading one sent without it", async () => {
    const before = await prisma.webhookReceipt.count();
    const huge = `{"pad":"${"x".repeat(BODY_LIMIT)}"}`;

    const declared = await post(huge, { signature: signed(huge) });
    const chunked = await post(huge, { signature: signed(huge), chunked: true });

    expect(declared).toEqual({ status: 413, body: { ok: false, message: "The notification is too large." } });
    expect(chunked.status).toBe(413);
    expect(await prisma.webhookReceipt.count()).toBe(before);
  });

  it("checks the signature on the raw bytes: a signed body that is not UTF-8 gets 400, not 401", async () => {
    const before = await prisma.webhookReceipt.count();
    const bytes = Buffer.from([...Buffer.from('{"type":1,"shop_id":"'), 0xff, ...Buffer.from('"}')]);

    const overBytes = await post(bytes, { signature: signed(bytes) });
    const overText = await post(bytes, { signature: signed(bytes.toString("utf8")) });

    expect(overBytes).toEqual({ status: 400, body: { ok: false, message: expect.stringMatching(/UTF-8/) } });
    expect(overText.status).toBe(401);
    expect(await prisma.webhookReceipt.count()).toBe(before);
  });

  it("logs one line, and no stack trace, when a client hangs up in the middle of an upload", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const calls = handled.length;

    await abandonUpload(500_000, 10_000);
    await until(() => handled.length > calls);
    await expect(handled[calls]).resolves.toBeUndefined();

    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).toMatch(/hung up/);
    expect(line).not.toContain("\n");
  });
});

import type { IncomingMessage, ServerResponse } from "node:http";
import {
  BODY_LIMIT,
  decodeUtf8,
  readLimitedNodeBody,
  TOO_LARGE_HEADERS,
} from "~/lib/read-limited-body.server";
import { receiveFulfillment } from "./fulfillments.server";
import { fulfillmentPayload } from "./payloads";
import { acknowledge, receiveShopifyWebhook } from "./receive.server";

type FulfillmentTopic = "fulfillments/create" | "fulfillments/update";

/** The fulfilment webhooks' addresses (shopify.app.toml) and their topics. */
export const FULFILLMENT_WEBHOOK_TOPICS: Record<string, FulfillmentTopic> = {
  "/webhooks/fulfillments/create": "fulfillments/create",
  "/webhooks/fulfillments/update": "fulfillments/update",
};

/**
 * A fulfilment webhook, verified and recorded for the shipment worker, which sends it to TikTok from the
 * queue; the answer says it was taken. The Remix routes and the handler below both answer with this.
 */
export async function handleFulfillmentWebhook(
  request: Request,
  topic: FulfillmentTopic,
  /** The body, when the caller read it already (the request's body is this text). */
  text?: string,
): Promise<Response> {
  const webhook = await receiveShopifyWebhook(request, topic, fulfillmentPayload, { text });
  if (!webhook.ok) return webhook.response;
  const receipt = { notificationId: webhook.deliveryId, topic: webhook.topic };
  const { receiptRecorded } = await receiveFulfillment(webhook.shop, webhook.payload, topic, receipt);
  return receiptRecorded ? Response.json({ ok: true }) : acknowledge(webhook);
}

// Hop-by-hop and body framing headers: the Request made below frames its own body.
const NOT_COPIED = new Set(["connection", "content-length", "host", "keep-alive", "transfer-encoding"]);

/**
 * The fulfilment webhooks straight on Node's request and response, for the app server to mount ahead of
 * Remix, as TikTok's are (docs/decisions/010-webhook-intake-at-speed.md): a busy store's fulfilments come by
 * the hundred a second, and express's and Remix's routing cost more than verifying and recording one. The
 * answers are the routes' own, from `handleFulfillmentWebhook`.
 */
export async function handleShopifyFulfillmentWebhookRequest(
  request: IncomingMessage,
  response: ServerResponse,
) {
  const topic = FULFILLMENT_WEBHOOK_TOPICS[request.url ?? ""];
  const body = await readLimitedNodeBody(request, BODY_LIMIT);
  if (!body.ok && body.reason === "aborted") {
    console.warn("A client hung up while uploading a Shopify webhook.");
    response.destroy();
    return;
  }
  if (!topic || !body.ok) {
    const json = JSON.stringify(
      topic
        ? { ok: false, message: "The webhook body is larger than 1 MB." }
        : { ok: false, message: "No webhook is received at this address." },
    );
    response.writeHead(topic ? 413 : 404, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
      ...(topic ? TOO_LARGE_HEADERS : {}),
    });
    return void response.end(json);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined && !NOT_COPIED.has(name))
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const url = `http://${request.headers.host ?? "localhost"}${request.url ?? ""}`;
  // Decoded once and handed over as read: the routes' path would read and decode it again. A body that
  // isn't UTF-8 goes as bytes, to be refused as the routes refuse it.
  const text = decodeUtf8(body.bytes);
  const answer = await handleFulfillmentWebhook(
    new Request(url, { method: "POST", headers, body: text ?? new Uint8Array(body.bytes) }),
    topic,
    text ?? undefined,
  );
  const answered = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, {
    ...Object.fromEntries(answer.headers),
    "content-length": answered.length,
  });
  response.end(answered);
}

import { InvalidShopError } from "@shopify/shopify-api";
import type { z } from "zod";
import { readLimitedText, TOO_LARGE_HEADERS, BODY_LIMIT } from "~/lib/read-limited-body.server";
import { hasWebhookReceipt, recordWebhookReceipt } from "~/models/webhook-receipt.server";
import { authenticate } from "~/shopify.server";
import { COMPLIANCE_TOPICS, freshnessOf, payloadShopMatches, sameTopic, type ShopifyTopic } from "./binding";

export type VerifiedWebhook<T> = { ok: true; shop: string; topic: string; deliveryId: string; payload: T };
export type RefusedWebhook = { ok: false; response: Response };

const refuse = (status: number, message: string, headers?: HeadersInit): RefusedWebhook => ({
  ok: false,
  response: Response.json({ ok: status < 300, message }, { status, headers }),
});

/**
 * Verifies a Shopify webhook (HMAC on the raw body, via `authenticate.webhook`) meant for `topic`, the
 * route's own, and parses its payload with `schema`. Every refusal is a 4xx with a message and stores
 * nothing: too large (413), not UTF-8, not JSON, not the expected shape, another topic, a shop header that
 * is no Shopify domain, a payload naming another store or an unreadable X-Shopify-Triggered-At (400), wrong
 * HMAC (401). A delivery already handled (the same event) or triggered too long ago to be anything but a
 * replay is acknowledged (200) and not handled. Compliance topics are handled however late they come.
 */
export async function receiveShopifyWebhook<S extends z.ZodType>(
  request: Request,
  topic: ShopifyTopic,
  schema: S,
  options: { now?: Date; text?: string } = {},
): Promise<VerifiedWebhook<z.infer<S>> | RefusedWebhook> {
  const { now = new Date(), text } = options;
  if (request.method !== "POST") return refuse(405, "Webhooks are POST requests.");
  // `text`: the body, already read within the limit by a caller in front of Remix (the request's body is it).
  const body = text !== undefined ? { ok: true as const, text } : await readLimitedText(request, BODY_LIMIT);
  if (!body.ok && body.reason === "too_large")
    return refuse(413, "The webhook body is larger than 1 MB.", TOO_LARGE_HEADERS);
  if (!body.ok && body.reason === "aborted") return refuse(400, "The webhook's upload was interrupted.");
  if (!body.ok) return refuse(400, "The webhook body is not UTF-8 text.");
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(
      text !== undefined
        ? request
        : new Request(request.url, { method: "POST", headers: request.headers, body: body.text }),
    );
  } catch (error) {
    if (error instanceof Response) {
      if (error.status === 401) return refuse(401, "The webhook's HMAC signature is missing or wrong.");
      return refuse(error.status, "The webhook lacks a required Shopify header.");
    }
    // The library loads the store's session by the shop header, and refuses a header that is no shop.
    if (error instanceof InvalidShopError)
      return refuse(400, "X-Shopify-Shop-Domain is not a Shopify shop domain.");
    // A verified body that is not JSON: authenticate.webhook parses it after checking the HMAC.
    if (error instanceof SyntaxError || error instanceof RangeError) {
      return refuse(400, "The webhook body is not JSON.");
    }
    throw error;
  }
  if (!sameTopic(context.topic, topic))
    return refuse(400, `This address receives ${topic} webhooks, not ${context.topic}.`);
  const parsed = schema.safeParse(context.payload);
  if (!parsed.success) return refuse(400, `The ${topic} payload is not in the expected shape.`);
  if (!payloadShopMatches(topic, parsed.data, context.shop))
    return refuse(400, `The ${topic} payload names another store than X-Shopify-Shop-Domain.`);
  const freshness = COMPLIANCE_TOPICS.has(topic) ? "fresh" : freshnessOf(context.triggeredAt, now);
  if (freshness === "unreadable") return refuse(400, "X-Shopify-Triggered-At is not a time.");
  if (freshness === "stale") return refuse(200, "Triggered too long ago: skipped as a replay.");
  // Shopify's advice: the event id is the same on every delivery of an event; the webhook id is not.
  const eventId = "eventId" in context ? context.eventId : undefined;
  const deliveryId = `${context.topic}:${eventId ?? context.webhookId}`;
  if (await hasWebhookReceipt("SHOPIFY", deliveryId)) return refuse(200, "Already handled.");
  return { ok: true, shop: context.shop, topic: context.topic, deliveryId, payload: parsed.data };
}

/** Records that the delivery was handled (so a repeat is ignored) and answers Shopify. */
export async function acknowledge(
  webhook: VerifiedWebhook<unknown>,
  body: unknown = { ok: true },
): Promise<Response> {
  await recordWebhookReceipt({
    source: "SHOPIFY",
    notificationId: webhook.deliveryId,
    topic: webhook.topic,
    shopDomain: webhook.shop,
  });
  return Response.json(body);
}

import type { z } from "zod";
import { readLimitedText, TOO_LARGE_HEADERS, WEBHOOK_BODY_LIMIT } from "~/lib/read-limited-body.server";
import { hasWebhookReceipt, recordWebhookReceipt } from "~/models/webhook-receipt.server";
import { authenticate } from "~/shopify.server";

export type VerifiedWebhook<T> = { ok: true; shop: string; topic: string; deliveryId: string; payload: T };
export type RefusedWebhook = { ok: false; response: Response };

const refuse = (status: number, message: string, headers?: HeadersInit): RefusedWebhook => ({
  ok: false,
  response: Response.json({ ok: status < 300, message }, { status, headers }),
});

/**
 * Verifies a Shopify webhook (HMAC on the raw body, via `authenticate.webhook`) and parses its payload with
 * `schema`. Every refusal is a 4xx with a message and stores nothing: too large (413), not UTF-8 or not
 * JSON or not the expected shape (400), wrong HMAC (401). A delivery already handled is acknowledged (200)
 * and not handled again.
 */
export async function receiveShopifyWebhook<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<VerifiedWebhook<z.infer<S>> | RefusedWebhook> {
  if (request.method !== "POST") return refuse(405, "Webhooks are POST requests.");
  const body = await readLimitedText(request, WEBHOOK_BODY_LIMIT);
  if (!body.ok && body.reason === "too_large")
    return refuse(413, "The webhook body is larger than 1 MB.", TOO_LARGE_HEADERS);
  if (!body.ok) return refuse(400, "The webhook body is not UTF-8 text.");
  const text = body.text;
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(
      new Request(request.url, { method: "POST", headers: request.headers, body: text }),
    );
  } catch (error) {
    if (error instanceof Response) {
      if (error.status === 401) return refuse(401, "The webhook's HMAC signature is missing or wrong.");
      return refuse(error.status, "The webhook lacks a required Shopify header.");
    }
    // A verified body that is not JSON: authenticate.webhook parses it after checking the HMAC.
    if (error instanceof SyntaxError || error instanceof RangeError) {
      return refuse(400, "The webhook body is not JSON.");
    }
    throw error;
  }
  const parsed = schema.safeParse(context.payload);
  if (!parsed.success) return refuse(400, `The ${context.topic} payload is not in the expected shape.`);
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

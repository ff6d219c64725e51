import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ADMIN_API_VERSION } from "../../../app/admin-api/api-version";
import type { EmbeddedApp } from "../admin/session-token";
import { readJson, sendJson } from "../http";

/** One webhook: its topic (e.g. "fulfillments/create"), the shop it is about, and its REST JSON body. */
export type WebhookMessage = { topic: string; shop: string; payload: Record<string, unknown> };

/** What became of a webhook: the app's status, or 0 and the reason when it could not be reached. */
export type WebhookDelivery = { topic: string; status: number; error?: string };

const webhookInput = z.object({
  topic: z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  shop: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * Delivers a webhook to the app as Shopify does, at `<app url>/webhooks/<topic>`, signed with the app's
 * secret (HMAC-SHA256 of the body, base64), with a new webhook id and event id and the time it was
 * triggered. Answers the app's status; rejects when the app can't be reached.
 */
export async function deliverWebhook(app: EmbeddedApp, message: WebhookMessage): Promise<number> {
  const { topic, shop, payload } = message;
  const body = JSON.stringify(payload);
  const delivered = await fetch(`${app.url.replace(/\/$/, "")}/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", app.apiSecret).update(body).digest("base64"),
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": ADMIN_API_VERSION,
    },
    body,
  });
  // Shopify reads only the status; the body is drained so the connection can be reused.
  await delivered.arrayBuffer().catch(() => undefined);
  return delivered.status;
}

/**
 * Tells the app of something that happened in the shop (a merchant's fulfillment, a cancelled order):
 * null when the stand-in has no app. The change is already made, so an app that can't be reached is
 * reported as status 0 rather than failing the request, as Shopify would retry later.
 */
export async function notifyApp(
  app: EmbeddedApp | undefined,
  message: WebhookMessage,
): Promise<WebhookDelivery | null> {
  if (!app) return null;
  try {
    return { topic: message.topic, status: await deliverWebhook(app, message) };
  } catch (error) {
    // fetch's "fetch failed" says less than its cause (ECONNREFUSED, a bad address).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { topic: message.topic, status: 0, error: reason };
  }
}

/** POST /_control/webhooks {topic, shop, payload}: delivers it, answering `{ status }` (the app's). */
export async function sendWebhook(
  app: EmbeddedApp | undefined,
  request: IncomingMessage,
  response: ServerResponse,
) {
  if (!app)
    return sendJson(response, 409, { error: "This stand-in was started without an app to deliver to" });
  const input = webhookInput.safeParse(await readJson(request));
  if (!input.success)
    return sendJson(response, 422, { error: input.error.issues.map((i) => i.message).join("; ") });
  sendJson(response, 200, { status: await deliverWebhook(app, input.data) });
}

import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ADMIN_API_VERSION } from "../../../app/admin-api/api-version";
import type { EmbeddedApp } from "../admin/session-token";
import { readJson, sendJson } from "../http";

const webhookInput = z.object({
  topic: z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  shop: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * POST /_control/webhooks {topic, shop, payload}: delivers a webhook to the app as Shopify does, at
 * `<app url>/webhooks/<topic>`, signed with the app's secret (HMAC-SHA256 of the body, base64), with a new
 * webhook id and event id and the time it was triggered. Answers with the app's status.
 */
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
  const { topic, shop, payload } = input.data;
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
  sendJson(response, 200, { status: delivered.status });
}

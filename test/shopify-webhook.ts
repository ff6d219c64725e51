import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { ADMIN_API_VERSION } from "~/admin-api/api-version";

/** Calls a webhook route's action as Remix would. */
export type WebhookAction = (args: ActionFunctionArgs) => Promise<Response>;

/**
 * A Shopify webhook delivery as Shopify sends it: the HMAC is computed over `body` with the test API secret
 * (vitest.config.ts). `hmac` overrides it, e.g. to send a wrong one; `headers` adds or replaces headers.
 */
export function shopifyWebhook(
  topic: string,
  shop: string,
  body: string | object,
  options: { hmac?: string; headers?: Record<string, string>; webhookId?: string } = {},
): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`https://order-sync.example.test/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": options.hmac ?? getHmac(text, "test-api-secret"),
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      ...options.headers,
    },
    body: text,
  });
}

export const deliver = (action: WebhookAction, request: Request) =>
  action({ request, params: {}, context: {} });

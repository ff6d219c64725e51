import type { ActionFunctionArgs } from "@remix-run/node";
import { redactCustomer } from "~/models/privacy.server";
import { customerRedactPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "customers/redact", customerRedactPayload);
  if (!webhook.ok) return webhook.response;
  const { customer, orders_to_redact } = webhook.payload;
  const redacted = await redactCustomer(webhook.shop, {
    email: customer.email,
    shopifyOrderIds: orders_to_redact,
    shopifyCustomerId: customer.id ?? null,
  });
  return acknowledge(webhook, { ok: true, redacted });
};

import type { ActionFunctionArgs } from "@remix-run/node";
import { redactShop } from "~/models/privacy.server";
import { shopRedactPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// Sent 48 hours after app/uninstalled: the end of the grace period in which a reinstall finds its data.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "shop/redact", shopRedactPayload);
  if (!webhook.ok) return webhook.response;
  await redactShop(webhook.shop);
  return acknowledge(webhook);
};

import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyCancellation } from "~/shopify-webhooks/cancellations.server";
import { orderCancelledPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// orders/cancelled: the merchant cancelled one of the app's orders in Shopify; the order page then asks
// whether to cancel it on TikTok too (when the store offers that).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "orders/cancelled", orderCancelledPayload);
  if (!webhook.ok) return webhook.response;
  await receiveShopifyCancellation(webhook.shop, webhook.payload, new Date());
  return acknowledge(webhook);
};

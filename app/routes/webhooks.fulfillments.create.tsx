import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveFulfillment } from "~/shopify-webhooks/fulfillments.server";
import { fulfillmentPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// fulfillments/create: the merchant fulfilled an order (some of its lines or all); sent to TikTok from the queue.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "fulfillments/create", fulfillmentPayload);
  if (!webhook.ok) return webhook.response;
  await receiveFulfillment(webhook.shop, webhook.payload, "fulfillments/create");
  return acknowledge(webhook);
};

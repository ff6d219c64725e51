import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveFulfillment } from "~/shopify-webhooks/fulfillments.server";
import { fulfillmentPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// fulfillments/update: the merchant changed a fulfilment (its tracking, say); sent to TikTok from the queue.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "fulfillments/update", fulfillmentPayload);
  if (!webhook.ok) return webhook.response;
  await receiveFulfillment(webhook.shop, webhook.payload, "fulfillments/update");
  return acknowledge(webhook);
};

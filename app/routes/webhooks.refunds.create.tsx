import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyRefund } from "~/shopify-webhooks/refunds.server";
import { refundCreatedPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// refunds/create: a refund of one of the app's orders. The app's own (TikTok's refunds made in Shopify) are
// left alone; one the merchant made is noted on the order, which says TikTok doesn't know of it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "refunds/create", refundCreatedPayload);
  if (!webhook.ok) return webhook.response;
  await receiveShopifyRefund(webhook.shop, webhook.payload, new Date());
  return acknowledge(webhook);
};

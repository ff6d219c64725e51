import type { ActionFunctionArgs } from "@remix-run/node";
import { handleSubscriptionUpdate } from "~/shopify-webhooks/lifecycle.server";
import { subscriptionUpdatePayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "app_subscriptions/update", subscriptionUpdatePayload);
  if (!webhook.ok) return webhook.response;
  await handleSubscriptionUpdate(webhook.shop, webhook.payload.app_subscription.status);
  return acknowledge(webhook);
};

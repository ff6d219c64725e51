import type { ActionFunctionArgs } from "@remix-run/node";
import { handleAppUninstalled } from "~/shopify-webhooks/lifecycle.server";
import { appUninstalledPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "app/uninstalled", appUninstalledPayload);
  if (!webhook.ok) return webhook.response;
  // The webhook can arrive more than once, and after the sessions are already gone.
  await handleAppUninstalled(webhook.shop);
  return acknowledge(webhook);
};

import type { ActionFunctionArgs } from "@remix-run/node";
import { updateSessionScope } from "~/models/session.server";
import { scopesUpdatePayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// The merchant granted or revoked optional scopes: the store's sessions record what the app may now do.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "app/scopes_update", scopesUpdatePayload);
  if (!webhook.ok) return webhook.response;
  await updateSessionScope(webhook.shop, webhook.payload.current.join(","));
  return acknowledge(webhook);
};

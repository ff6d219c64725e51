import type { ActionFunctionArgs } from "@remix-run/node";
import { reconcileFulfillments } from "~/fulfillment/reconcile.server";
import { grantsScope, WAY_BACK_SCOPE } from "~/lib/scopes";
import { findGrantedScope, updateSessionScope } from "~/models/session.server";
import { findShopId } from "~/models/shop.server";
import { scopesUpdatePayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// The merchant granted or revoked scopes: the store's sessions record what the app may now do. Once reading
// fulfilments is approved, the fulfilments made while it waited are found and sent to TikTok (after the
// answer: Shopify waits for none of it).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "app/scopes_update", scopesUpdatePayload);
  if (!webhook.ok) return webhook.response;
  const before = await findGrantedScope(webhook.shop);
  const scope = webhook.payload.current.join(",");
  await updateSessionScope(webhook.shop, scope);
  if (before !== undefined && !grantsScope(before, WAY_BACK_SCOPE) && grantsScope(scope, WAY_BACK_SCOPE)) {
    const shopId = await findShopId(webhook.shop);
    if (shopId)
      void reconcileFulfillments({ id: shopId, domain: webhook.shop }).catch((error: unknown) =>
        console.error(`Finding ${webhook.shop}'s fulfilments after its approval failed:`, error),
      );
  }
  return acknowledge(webhook);
};

import type { ActionFunctionArgs } from "@remix-run/node";
import { productDeletePayload } from "~/shopify-webhooks/payloads";
import { reconcileLinkedVariants } from "~/linking/reconcile-variants.server";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// products/delete names only the product: the store's linked variants are checked with Shopify.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "products/delete", productDeletePayload);
  if (!webhook.ok) return webhook.response;
  await reconcileLinkedVariants(webhook.shop, []);
  return acknowledge(webhook);
};

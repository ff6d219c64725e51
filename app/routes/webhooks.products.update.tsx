import type { ActionFunctionArgs } from "@remix-run/node";
import { productUpdatePayload } from "~/shopify-webhooks/payloads";
import { reconcileLinkedVariants } from "~/linking/reconcile-variants.server";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// products/update lists the product's current variants: linked ones among them exist (again).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "products/update", productUpdatePayload);
  if (!webhook.ok) return webhook.response;
  const present = webhook.payload.variants.map((variant) => variant.admin_graphql_api_id);
  await reconcileLinkedVariants(webhook.shop, present);
  return acknowledge(webhook);
};

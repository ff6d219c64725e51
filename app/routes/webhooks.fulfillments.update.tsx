import type { ActionFunctionArgs } from "@remix-run/node";
import { handleFulfillmentWebhook } from "~/shopify-webhooks/fulfillment-http.server";

// fulfillments/update: the merchant changed a fulfilment (its tracking, say); sent to TikTok from the queue.
// server.ts answers it ahead of Remix (handleShopifyFulfillmentWebhookRequest), the same way.
export const action = ({ request }: ActionFunctionArgs) =>
  handleFulfillmentWebhook(request, "fulfillments/update");

import type { ActionFunctionArgs } from "@remix-run/node";
import { handleFulfillmentWebhook } from "~/shopify-webhooks/fulfillment-http.server";

// fulfillments/create: the merchant fulfilled an order (some of its lines or all); sent to TikTok from the queue.
// server.ts answers it ahead of Remix (handleShopifyFulfillmentWebhookRequest), the same way.
export const action = ({ request }: ActionFunctionArgs) =>
  handleFulfillmentWebhook(request, "fulfillments/create");

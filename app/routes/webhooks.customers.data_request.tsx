import type { ActionFunctionArgs } from "@remix-run/node";
import { reportCustomerData } from "~/models/privacy.server";
import { customerDataRequestPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// The report goes back in the response; only its size is logged, never the personal data itself.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "customers/data_request", customerDataRequestPayload);
  if (!webhook.ok) return webhook.response;
  const { customer, orders_requested } = webhook.payload;
  const report = await reportCustomerData(webhook.shop, {
    email: customer.email,
    shopifyOrderIds: orders_requested,
  });
  console.info(`customers/data_request for ${webhook.shop}: ${report.orders.length} TikTok order(s) held.`);
  return acknowledge(webhook, report);
};

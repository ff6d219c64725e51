import type { ActionFunctionArgs } from "@remix-run/node";
import { keepDataRequest, reportCustomerData } from "~/models/privacy.server";
import { customerDataRequestPayload } from "~/shopify-webhooks/payloads";
import { acknowledge, receiveShopifyWebhook } from "~/shopify-webhooks/receive.server";

// Shopify discards a webhook's answer: the report is kept, encrypted, for the store owner to download from
// Settings → Privacy requests (the app's home says one is waiting). Only counts are logged, never the data.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveShopifyWebhook(request, "customers/data_request", customerDataRequestPayload);
  if (!webhook.ok) return webhook.response;
  const { customer, orders_requested } = webhook.payload;
  const report = await reportCustomerData(webhook.shop, {
    email: customer.email,
    shopifyOrderIds: orders_requested,
  });
  const kept = await keepDataRequest(webhook.shop, { shopifyCustomerId: customer.id ?? null, report });
  console.info(
    `customers/data_request for ${webhook.shop}: ${report.orders.length} TikTok order(s) held` +
      (kept ? ", report kept for the store owner." : "; the store has no data here."),
  );
  return acknowledge(webhook);
};

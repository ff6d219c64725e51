import { recordShopifyFulfillment, type WebhookDelivery } from "~/models/shipment.server";
import type { FulfillmentPayload } from "./payloads";

/**
 * A Shopify fulfilment of an order the app created from TikTok: recorded, to be sent to TikTok by the
 * shipment worker (answered at once; the TikTok calls happen from the queue). A fulfilment of another
 * order, or of a store the app doesn't know, is none of the app's business: acknowledged, nothing stored;
 * so is one of an order TikTok ships. With `receipt`, the delivery's receipt is written in the same statement
 * when that settles it (`receiptRecorded`); otherwise the caller acknowledges it.
 */
export async function receiveFulfillment(
  shopDomain: string,
  payload: FulfillmentPayload,
  topic: "fulfillments/create" | "fulfillments/update",
  receipt?: WebhookDelivery,
): Promise<{ recorded: boolean; receiptRecorded: boolean }> {
  const updatedAt = payload.updated_at ? new Date(payload.updated_at) : null;
  const recorded = await recordShopifyFulfillment(
    shopDomain,
    `gid://shopify/Order/${payload.order_id}`,
    {
      fulfillmentId: payload.id,
      name: payload.name ?? null,
      updatedAt: updatedAt && Number.isFinite(updatedAt.getTime()) ? updatedAt : null,
      trackingCompany: payload.tracking_company?.trim() || null,
      trackingNumber: payload.tracking_number?.trim() || null,
      lines: payload.line_items
        .filter((line) => line.quantity > 0)
        .map((line) => ({
          variantId: line.variant_id ? `gid://shopify/ProductVariant/${line.variant_id}` : null,
          sku: line.sku ?? null,
          quantity: line.quantity,
        })),
      cancelled: payload.status === "cancelled" || payload.status === "failure" || payload.status === "error",
      created: topic === "fulfillments/create",
    },
    new Date(),
    receipt,
  );
  return { recorded: recorded.shipment !== null, receiptRecorded: recorded.receiptRecorded };
}

import { findOrderForShopifyOrder, recordFulfillment } from "~/models/shipment.server";
import type { FulfillmentPayload } from "./payloads";

/**
 * A Shopify fulfilment of an order the app created from TikTok: recorded, to be sent to TikTok by the
 * shipment worker (answered at once; the TikTok calls happen from the queue). A fulfilment of another
 * order, or of a store the app doesn't know, is none of the app's business: acknowledged, nothing stored;
 * so is one of an order TikTok ships.
 */
export async function receiveFulfillment(
  shopDomain: string,
  payload: FulfillmentPayload,
  topic: "fulfillments/create" | "fulfillments/update",
) {
  const order = await findOrderForShopifyOrder(shopDomain, `gid://shopify/Order/${payload.order_id}`);
  if (!order) return { recorded: false };
  // TikTok Shipping carries the order: TikTok has the tracking (the app writes it into Shopify), so
  // nothing goes back, the app's own fulfilments included.
  if ((order.raw as { shipping_type?: unknown } | null)?.shipping_type === "TIKTOK")
    return { recorded: false };
  const updatedAt = payload.updated_at ? new Date(payload.updated_at) : null;
  await recordFulfillment({
    shopId: order.shopId,
    orderId: order.id,
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
  });
  return { recorded: true };
}

import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { readOrdersFulfillments } from "~/admin-api/operations/fulfillments";
import { findGrantedScope } from "~/models/session.server";
import { listOrdersAwaitingTracking, recordFulfillment } from "~/models/shipment.server";
import { grantsScope, WAY_BACK_SCOPE } from "~/lib/scopes";

/** How far back the pass looks: TikTok cancels an order unshipped long before. */
const LOOK_BACK_MS = 30 * 24 * 3_600_000;
/** Orders per request (ORDERS_FULFILLMENTS says why ten). */
const BATCH = 10;

/**
 * Finds fulfilments whose webhook never came: asks Shopify for the fulfilments of the store's orders that
 * TikTok still expects shipped, and records each as its webhook would have. Recording is idempotent (a
 * fulfilment already recorded, unchanged, changes nothing), so the pass can run any time. How many
 * fulfilments it found that weren't recorded, or whose tracking had changed. A store that hasn't approved
 * reading fulfilments yet is skipped (Shopify would refuse): it is reconciled once it does.
 */
export async function reconcileFulfillments(shop: { id: string; domain: string }, now = new Date()) {
  if (!grantsScope(await findGrantedScope(shop.domain), WAY_BACK_SCOPE)) return { checked: 0, found: 0 };
  const orders = await listOrdersAwaitingTracking(shop.id, new Date(now.getTime() - LOOK_BACK_MS));
  if (orders.length === 0) return { checked: 0, found: 0 };
  const client = await adminClientForShop(shop.domain);
  const byShopifyId = new Map(orders.map((order) => [order.shopifyOrderId, order.id]));
  let found = 0;
  for (let start = 0; start < orders.length; start += BATCH) {
    const batch = orders.slice(start, start + BATCH).map((order) => order.shopifyOrderId);
    for (const fulfillment of await readOrdersFulfillments(client, batch)) {
      const orderId = byShopifyId.get(fulfillment.orderId);
      if (!orderId) continue;
      const { changed } = await recordFulfillment(
        {
          shopId: shop.id,
          orderId,
          fulfillmentId: fulfillment.id,
          name: fulfillment.name,
          updatedAt: fulfillment.updatedAt,
          trackingCompany: fulfillment.trackingCompany,
          trackingNumber: fulfillment.trackingNumber,
          lines: fulfillment.lines,
          cancelled: fulfillment.cancelled,
        },
        now,
      );
      if (changed) found += 1;
    }
  }
  return { checked: orders.length, found };
}

import { findShopId } from "~/models/shop.server";
import { noteShopifyCancellation } from "~/models/tiktok-order.server";
import type { OrderCancelledPayload } from "./payloads";

/**
 * Shopify's orders/cancelled: an order the app created, cancelled in Shopify. What TikTok cancelled first
 * (the app's own cancel coming back) or a repeat changes nothing; an order still open on TikTok waits for the
 * merchant to say whether to cancel it there too, when the store offers that (off by default: TikTok counts
 * seller cancellations against the seller). Nothing is sent to TikTok without the merchant's click.
 */
export async function receiveShopifyCancellation(
  shopDomain: string,
  payload: OrderCancelledPayload,
  now: Date,
) {
  const shopId = await findShopId(shopDomain);
  if (!shopId) return "ignored" as const;
  const at = payload.cancelled_at ? new Date(payload.cancelled_at) : now;
  return noteShopifyCancellation(
    shopId,
    `gid://shopify/Order/${payload.id}`,
    Number.isFinite(at.getTime()) ? at : now,
  );
}

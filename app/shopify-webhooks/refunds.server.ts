import { findShopId } from "~/models/shop.server";
import { noteMerchantRefund } from "~/models/tiktok-order.server";
import type { RefundCreatedPayload } from "./payloads";

/** The notes the app gives its own refunds (app/fulfillment/refunds.server.ts): those come back too. */
const APP_REFUND_NOTE = /^TikTok (refund|return and refund) \d+$/;

/**
 * Shopify's refunds/create for one of the app's orders. The app's own refunds (of TikTok's refunds) come
 * back as these and are left alone. One the merchant made in Shopify is noted on the order: TikTok doesn't
 * hear of it (TikTok refunds its buyers itself), and the order page says so.
 */
export async function receiveShopifyRefund(shopDomain: string, payload: RefundCreatedPayload, now: Date) {
  if (payload.note && APP_REFUND_NOTE.test(payload.note.trim())) return "ours" as const;
  const shopId = await findShopId(shopDomain);
  if (!shopId) return "ignored" as const;
  const paid = payload.transactions.filter(
    (transaction) => transaction.kind === "refund" && (transaction.status ?? "success") === "success",
  );
  const cents = paid.reduce((sum, transaction) => sum + Math.round(Number(transaction.amount) * 100), 0);
  const noted = await noteMerchantRefund(shopId, `gid://shopify/Order/${payload.order_id}`, {
    id: payload.id,
    amount: (cents / 100).toFixed(2),
    currency: paid[0]?.currency ?? null,
    at:
      payload.created_at && Number.isFinite(Date.parse(payload.created_at))
        ? payload.created_at
        : now.toISOString(),
  });
  return noted ? ("noted" as const) : ("ignored" as const);
}

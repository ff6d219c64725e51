import type { TikTokOrder } from "~/tiktok/types";

/** What a list row says about a TikTok order, as TikTok sent it (the buyer's name arrives masked). */
export type OrderSummary = {
  buyer: string | null;
  /** TikTok sends one line per unit: the count is the number of units. */
  items: { count: number; first: string | null };
  total: { amount: string; currency: string };
};

export function summarizeOrder(order: TikTokOrder): OrderSummary {
  const address = order.recipient_address;
  const name = address?.name ?? [address?.first_name, address?.last_name].filter(Boolean).join(" ");
  return {
    buyer: name || order.buyer_email || null,
    items: { count: order.line_items.length, first: order.line_items[0]?.product_name ?? null },
    total: { amount: order.payment.total_amount, currency: order.payment.currency },
  };
}

/** A Shopify order in the merchant's admin; `shopify://admin/…` opens it from inside the embedded app. */
export function adminOrderUrl(shopifyOrderGid: string): string | null {
  const id = /\/Order\/(\d+)$/.exec(shopifyOrderGid)?.[1];
  return id ? `shopify://admin/orders/${id}` : null;
}

export function shopifyOrderLink(row: { shopifyOrderId: string | null; shopifyOrderName: string | null }) {
  if (!row.shopifyOrderId) return null;
  return { name: row.shopifyOrderName ?? row.shopifyOrderId, url: adminOrderUrl(row.shopifyOrderId) };
}

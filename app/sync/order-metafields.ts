import type { TikTokOrder } from "~/tiktok/types";
import type { OrderCreateMetafieldInput } from "./shopify-order-input";

/**
 * The metafields the app sets on every Shopify order it creates, in its own reserved namespace (`$app`,
 * which Shopify stores as `app--<app id>`; no other app or merchant writes there). Their definitions are
 * declared in shopify.app.toml (`[order.metafields.app.<key>]`), admin-filterable, so merchants filter and
 * report on TikTok orders in Shopify admin; the app creates no definition at run time (ADR 029).
 */
export const METAFIELD_NAMESPACE = "$app";

export const ORDER_METAFIELDS = {
  tiktokOrderId: { key: "tiktok_order_id", type: "single_line_text_field" },
  tiktokShopId: { key: "tiktok_shop_id", type: "single_line_text_field" },
  tiktokStatus: { key: "tiktok_status", type: "single_line_text_field" },
} as const;

/**
 * The order's metafields: its TikTok order id, the TikTok shop it was placed in (when known) and TikTok's
 * status of it when the Shopify order was created. Shopify refuses a blank value, so none is sent blank.
 */
export function orderMetafields(
  order: TikTokOrder,
  tiktokShopId: string | null | undefined,
): OrderCreateMetafieldInput[] {
  const values: [keyof typeof ORDER_METAFIELDS, string | null | undefined][] = [
    ["tiktokOrderId", order.id],
    ["tiktokShopId", tiktokShopId],
    ["tiktokStatus", order.status],
  ];
  return values.flatMap(([name, value]) => {
    const text = value?.replace(/\s+/g, " ").trim();
    if (!text) return [];
    const { key, type } = ORDER_METAFIELDS[name];
    return [{ namespace: METAFIELD_NAMESPACE, key, type, value: text }];
  });
}

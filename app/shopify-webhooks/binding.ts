/**
 * What ties a Shopify webhook to the route it reached and the store it names. Shopify's HMAC covers the
 * body only: the topic, shop, ids and time in the headers are the sender's word. So each route takes its
 * own topic only, a payload that names its store must name the shop of the header, and a delivery
 * triggered longer ago than Shopify retries (about 4 hours) is a replay (docs/decisions/019-trust.md).
 */

export const SHOPIFY_TOPICS = [
  "products/update",
  "products/delete",
  "fulfillments/create",
  "fulfillments/update",
  "orders/cancelled",
  "refunds/create",
  "app/uninstalled",
  "app/scopes_update",
  "app_subscriptions/update",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

/** Shopify's privacy topics: honoured whenever they arrive, and their payloads name the store. */
export const COMPLIANCE_TOPICS: ReadonlySet<ShopifyTopic> = new Set([
  "customers/data_request",
  "customers/redact",
  "shop/redact",
]);

/** Shopify retries a failed delivery for 4 hours; one triggered longer ago than this is a replay. */
export const FRESHNESS_WINDOW_MS = 6 * 60 * 60_000;

/** The library stores topics as `PRODUCTS_DELETE`; Shopify's header and the toml say `products/delete`. */
export function sameTopic(received: string, expected: ShopifyTopic): boolean {
  const normal = (topic: string) => topic.toUpperCase().replace(/[/.]/g, "_");
  return normal(received) === normal(expected);
}

/**
 * Whether the payload's `shop_domain` is the shop of the header: required for the compliance topics, and
 * checked on any other payload that carries one.
 */
export function payloadShopMatches(topic: ShopifyTopic, payload: unknown, shop: string): boolean {
  const named =
    typeof payload === "object" && payload !== null && "shop_domain" in payload
      ? payload.shop_domain
      : undefined;
  if (named === undefined) return !COMPLIANCE_TOPICS.has(topic);
  return typeof named === "string" && named.toLowerCase() === shop.toLowerCase();
}

/**
 * Whether `X-Shopify-Triggered-At` is within the freshness window. A missing header is fresh (older
 * deliveries lack it); one that is not a time is unreadable.
 */
export function freshnessOf(triggeredAt: string | undefined, now: Date): "fresh" | "stale" | "unreadable" {
  if (triggeredAt === undefined) return "fresh";
  const at = Date.parse(triggeredAt);
  if (!Number.isFinite(at)) return "unreadable";
  return now.getTime() - at > FRESHNESS_WINDOW_MS ? "stale" : "fresh";
}

import { embeddedAppUrl } from "~/admin-api/admin-url.server";

/**
 * The address of a TikTok order's page in the app (app/routes/app.orders.$id.tsx) inside the store's
 * Shopify admin: `https://admin.shopify.com/store/<store>/apps/<client id>/app/orders/<TikTok order id>`.
 * An embedded app's own URL opens outside the admin, without its session; this one opens the page where the
 * merchant works, signed in. The Shopify order links to it (`sourceUrl`) and the Flow trigger carries it.
 */
export function orderPageUrl(shopDomain: string, tiktokOrderId: string): string {
  return embeddedAppUrl(shopDomain, `/app/orders/${encodeURIComponent(tiktokOrderId)}`);
}

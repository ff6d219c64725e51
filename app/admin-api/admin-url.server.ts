import { env } from "~/env.server";

/**
 * A page of the app inside the store's Shopify admin, e.g. `/app/plan` — where Shopify sends the merchant
 * back to after approving a charge. SHOPIFY_ADMIN_URL points it at the demo's stand-in.
 */
export function embeddedAppUrl(shopDomain: string, path: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  const admin = (env.SHOPIFY_ADMIN_URL ?? "https://admin.shopify.com").replace(/\/$/, "");
  return `${admin}/store/${store}/apps/${env.SHOPIFY_API_KEY}${path}`;
}

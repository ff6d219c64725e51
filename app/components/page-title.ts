/** The document title of each page of the app, by its path; the browser tab and screen readers show it. */
const TITLES: Record<string, string> = {
  "/app": "Overview",
  "/app/orders": "Orders",
  "/app/products": "Products",
  "/app/settings": "Settings",
  "/app/plan": "Plan",
};

export const APP_NAME = "TikTok Order Sync";

/** "Orders · TikTok Order Sync"; an order's page names the order. */
export function pageTitle(pathname: string): string {
  const path = pathname.replace(/\/+$/, "") || "/";
  const order = /^\/app\/orders\/([^/]+)$/.exec(path)?.[1];
  const page = order ? `Order ${decodeURIComponent(order)}` : TITLES[path];
  return page ? `${page} · ${APP_NAME}` : APP_NAME;
}

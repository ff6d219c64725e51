import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * A fetch for Shopify's own library (billing, `admin.graphql`), which calls the Admin API at
 * `https://<shop>/admin/api/…`: those calls go to `<baseUrl>/admin/api/…` instead, naming the shop in
 * X-Shopify-Shop-Domain — exactly how the app's own Admin client reaches SHOPIFY_ADMIN_API_URL. Every
 * other request (OAuth, token exchange) goes where it was sent.
 */
export function adminApiFetch(baseUrl: string, doFetch: typeof fetch = fetch): typeof fetch {
  const base = baseUrl.replace(/\/$/, "");
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== "https:" || !url.pathname.startsWith("/admin/api/")) return doFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set("X-Shopify-Shop-Domain", url.hostname);
    const target = `${base}${url.pathname}${url.search}`;
    return doFetch(input instanceof Request ? new Request(target, input) : target, { ...init, headers });
  };
}

/** Sends the library's Admin API calls to `baseUrl` (the stand-in); unset, they go to Shopify. */
export function routeLibraryAdminCalls(baseUrl: string | undefined): void {
  if (baseUrl) setAbstractFetchFunc(adminApiFetch(baseUrl));
}

import "@shopify/shopify-app-remix/adapters/node";
import { InvalidShopError } from "@shopify/shopify-api";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { env } from "./env.server";
import { ADMIN_API_VERSION } from "./admin-api/api-version";
import { routeLibraryAdminCalls } from "./admin-api/library-fetch.server";
import { PLANS } from "./billing/plans";
import { EncryptedSessionStorage } from "./models/session-storage.server";
import { ensureShop } from "./models/shop.server";

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: ADMIN_API_VERSION,
  scopes: env.SCOPES.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Access and refresh tokens are stored encrypted, as TikTok's are.
  sessionStorage: new EncryptedSessionStorage(),
  distribution: AppDistribution.AppStore,
  billing: PLANS,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      await ensureShop(session.shop);
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

// billing and admin.graphql reach the Admin API where the app's own client does (SHOPIFY_ADMIN_API_URL).
routeLibraryAdminCalls(env.SHOPIFY_ADMIN_API_URL);

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;

const APP_ORIGIN = new URL(env.SHOPIFY_APP_URL).origin;
const refusal = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * `authenticate.admin`, answering with a 4xx what it would let become a 500. A request that changes
 * something, sent from another site without a session token (a form elsewhere posting into the app), is
 * refused (403) before anything reads it. A session token that verifies but whose `dest` is not a Shopify
 * store makes the library throw rather than answer (401 here).
 */
export async function authenticateAdmin(request: Request) {
  const url = new URL(request.url);
  const token =
    /^Bearer\s/i.test(request.headers.get("Authorization") ?? "") || url.searchParams.has("id_token");
  const origin = request.headers.get("Origin");
  const writes = !["GET", "HEAD", "OPTIONS"].includes(request.method);
  if (writes && !token && origin !== null && origin !== APP_ORIGIN)
    throw refusal(403, "Requests from another site need a session token from Shopify admin.");
  try {
    return await authenticate.admin(request);
  } catch (error) {
    const badUrl = error instanceof TypeError && (error as NodeJS.ErrnoException).code === "ERR_INVALID_URL";
    if (error instanceof InvalidShopError || badUrl)
      throw refusal(401, "The session token does not name a Shopify store.");
    throw error;
  }
}

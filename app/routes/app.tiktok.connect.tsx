import type { ActionFunctionArgs, HeadersFunction } from "@remix-run/node";
import { boundary } from "@shopify/shopify-app-remix/server";
import { startTikTokConnection } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// Connect: leave the Shopify admin for TikTok's authorization page (a top-level redirect).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticateAdmin(request);
  return startTikTokConnection(session.shop, redirect);
};

// From a fetcher the redirect is a 401 whose X-Shopify-API-Request-Failure-Reauthorize-Url App Bridge
// follows; without this the headers stay behind and the merchant sees a bare 401.
export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

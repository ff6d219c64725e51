import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { tiktokAuthorizeUrl } from "~/tiktok/oauth.server";

// Connect: leave the Shopify admin's iframe for TikTok's authorization page (a top-level redirect).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const start = tiktokAuthorizeUrl(session.shop);
  if (!start.ok) return { error: start.message };
  return redirect(start.url, { target: "_top" });
};

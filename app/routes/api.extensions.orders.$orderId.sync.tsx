import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describeSyncOutcome } from "~/components/sync-outcome";
import { shopifyOrderGid, syncShopifyOrder } from "~/pages/order-extension.server";
import { authenticateAdmin } from "~/shopify.server";

// "Sync from TikTok" on Shopify's order page (extensions/sync-from-tiktok): a POST, with Shopify's ID token,
// that syncs the TikTok order behind the store's Shopify order now, as the app's Sync button does, and
// answers what came of it in the Sync button's words. `orderId` is the number at the end of the order's GID.
// Nothing is read from the body.

const notAllowed = () =>
  Response.json({ error: "Sync from TikTok is a POST." }, { status: 405, headers: { Allow: "POST" } });

// Remix hands the cross-origin preflight (OPTIONS) to the loader: authenticate answers it. A GET is refused.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await authenticateAdmin(request);
  return cors(notAllowed());
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, cors } = await authenticateAdmin(request);
  if (request.method !== "POST") return cors(notAllowed());
  const gid = shopifyOrderGid(params.orderId);
  if (!gid) return cors(Response.json({ error: "Not a Shopify order id." }, { status: 400 }));
  const synced = await syncShopifyOrder(session.shop, gid);
  if (!synced) return cors(Response.json({ error: "This order didn't come from TikTok." }, { status: 404 }));
  if (!("outcome" in synced)) return cors(Response.json(synced.data, { status: synced.init?.status ?? 400 }));
  const { message, tone } = describeSyncOutcome(synced.outcome, synced);
  return cors(Response.json({ ok: true, outcome: synced.outcome.status, message, tone }));
};

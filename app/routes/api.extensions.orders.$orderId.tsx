import type { LoaderFunctionArgs } from "@remix-run/node";
import { isExtensionOrder, loadExtensionOrder, shopifyOrderGid } from "~/pages/order-extension.server";
import { authenticateAdmin } from "~/shopify.server";

// The TikTok side of a Shopify order, for the admin block on Shopify's order page (extensions/
// tiktok-order-block), and (HEAD) whether "Sync from TikTok" is offered there. The extensions call it with
// `fetch`, which carries Shopify's ID token, from Shopify's extension host (another origin): authenticate
// answers the preflight (OPTIONS, which Remix hands to the loader) and every answer carries its CORS headers.
// `orderId` is the number at the end of the Shopify order's GID; only the store's own orders are found.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticateAdmin(request);
  const gid = shopifyOrderGid(params.orderId);
  if (!gid) return cors(Response.json({ error: "Not a Shopify order id." }, { status: 400 }));
  // HEAD (the action's should-render) asks only whether the order came from TikTok: no detail is loaded.
  if (request.method === "HEAD")
    return cors(new Response(null, { status: (await isExtensionOrder(session.shop, gid)) ? 204 : 404 }));
  const order = await loadExtensionOrder(session.shop, gid);
  if (!order) return cors(Response.json({ error: "This order didn't come from TikTok." }, { status: 404 }));
  return cors(Response.json({ order }));
};

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { tiktokShippingAction, tiktokShippingOptions } from "~/pages/tiktok-shipping.server";
import { authenticateAdmin } from "~/shopify.server";

// TikTok Shipping for one package of an order TikTok ships: the handover choices (`?order=&package=`), and
// arranging the pickup or drop-off, or printing the label.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return tiktokShippingOptions(session.shop, new URL(request.url).searchParams);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return tiktokShippingAction(session.shop, await readJsonBody(request));
};

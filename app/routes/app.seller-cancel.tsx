import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { sellerCancelAction } from "~/pages/seller-cancel.server";
import { authenticateAdmin } from "~/shopify.server";

// An order cancelled in Shopify: `{ intent: "cancel", tiktokOrderId, reason }` cancels it on TikTok too,
// `{ intent: "keep", tiktokOrderId }` leaves it open there.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return sellerCancelAction(session.shop, await readJsonBody(request));
};

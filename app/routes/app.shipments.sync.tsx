import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { shipmentSyncAction } from "~/pages/shipment-actions.server";
import { authenticateAdmin } from "~/shopify.server";

// Sync of one fulfilment (`{ shipmentId }`): sends its tracking to TikTok now.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return shipmentSyncAction(session.shop, await readJsonBody(request));
};

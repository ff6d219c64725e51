import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { carrierAction } from "~/pages/carriers.server";
import { authenticateAdmin } from "~/shopify.server";

// Settings > Carriers: `{ intent: "save", tiktokShopId, shopifyCarrier, providerId }` or `{ intent: "remove", … }`.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return carrierAction(session.shop, await readJsonBody(request));
};

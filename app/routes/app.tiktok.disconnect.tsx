import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { disconnectTikTokShop } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// Disconnect one TikTok shop (`{ tiktokShopId }`): forget its tokens; the Settings page reloads its data after.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return disconnectTikTokShop(session.shop, await readJsonBody(request));
};

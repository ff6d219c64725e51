import type { ActionFunctionArgs } from "@remix-run/node";
import { disconnectTikTokShop } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// Disconnect: forget the TikTok tokens; the Settings page reloads its data after this action.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return disconnectTikTokShop(session.shop);
};

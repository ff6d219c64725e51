import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { chooseTikTokShops } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// The merchant's pick among the TikTok shops TikTok granted (`{ tiktokShopIds }`), once.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return chooseTikTokShops(session.shop, await readJsonBody(request));
};

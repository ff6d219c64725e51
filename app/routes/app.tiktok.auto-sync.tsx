import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { saveTikTokShopAutoSync } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// One TikTok shop's auto-sync (`{ tiktokShopId, autoSync: "store" | "on" | "off" }`).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return saveTikTokShopAutoSync(session.shop, await readJsonBody(request));
};

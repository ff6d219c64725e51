import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { disconnectTikTok } from "~/tiktok/oauth.server";

// Disconnect: forget the TikTok tokens; the Settings page reloads its data after this action.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  await disconnectTikTok(session.shop);
  return { disconnected: true };
};

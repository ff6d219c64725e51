import type { ActionFunctionArgs } from "@remix-run/node";
import { markShopUninstalled } from "~/models/shop.server";
import { deleteSessions } from "~/models/session.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  // The webhook can arrive more than once, and after the sessions are already gone.
  await deleteSessions(shop);
  await markShopUninstalled(shop);
  return new Response();
};

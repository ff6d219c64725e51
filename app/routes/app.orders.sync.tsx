import { readJsonBody } from "~/lib/read-limited-body.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { bulkSyncAction, bulkSyncProgressLoader } from "~/pages/manual-sync.server";
import { authenticateAdmin } from "~/shopify.server";

// "Sync selected": POST queues the selected orders; GET ?ids=… says where they stand.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return bulkSyncProgressLoader(session.shop, new URL(request.url).searchParams.get("ids"));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return bulkSyncAction(session.shop, await readJsonBody(request));
};

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import {
  bulkSyncProgress,
  bulkSyncSchema,
  MAX_BULK,
  queueBulkSync,
  tiktokOrderIdSchema,
} from "~/pages/manual-sync.server";
import { authenticate } from "~/shopify.server";

// "Sync selected": POST queues the selected orders; GET ?ids=… says where they stand.
const progressQuery = z
  .string()
  .transform((ids) => ids.split(","))
  .pipe(z.array(tiktokOrderIdSchema).min(1).max(MAX_BULK));

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ids = progressQuery.safeParse(new URL(request.url).searchParams.get("ids") ?? "");
  if (!ids.success) throw data({ error: "Give the TikTok order ids as ids=…" }, { status: 400 });
  return bulkSyncProgress(session.shop, ids.data);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const input = bulkSyncSchema.safeParse(await request.json().catch(() => null));
  if (!input.success)
    return data({ error: `Select between 1 and ${MAX_BULK} orders to sync.` }, { status: 400 });
  return queueBulkSync(session.shop, input.data.ids);
};

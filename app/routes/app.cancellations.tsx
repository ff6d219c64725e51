import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { answerCancelRequest } from "~/pages/cancel-requests.server";
import { authenticateAdmin } from "~/shopify.server";

// The buyer's cancellation request: `{ intent: "approve", tiktokOrderId }` or `{ intent: "reject", …, rejectReason }`.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return answerCancelRequest(session.shop, await readJsonBody(request));
};

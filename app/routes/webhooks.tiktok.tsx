import type { ActionFunctionArgs } from "@remix-run/node";
import { readLimitedBody, TOO_LARGE_HEADERS, BODY_LIMIT } from "~/lib/read-limited-body.server";
import { ABORTED, receiveTikTokWebhook, TOO_LARGE } from "~/tiktok/webhooks.server";

// TikTok Shop webhooks (subscribed with PUT /event/202309/webhooks to <app URL>/webhooks/tiktok).
// The signature covers the exact bytes: at most 1 MB of them is read, before anything parses them.
export const action = async ({ request }: ActionFunctionArgs) => {
  const body = await readLimitedBody(request, BODY_LIMIT);
  if (!body.ok && body.reason === "aborted") return Response.json(ABORTED.body, { status: ABORTED.status });
  if (!body.ok)
    return Response.json(TOO_LARGE.body, { status: TOO_LARGE.status, headers: TOO_LARGE_HEADERS });
  const { status, body: reply } = await receiveTikTokWebhook({
    rawBody: body.bytes,
    signature: request.headers.get("authorization"),
  });
  return Response.json(reply, { status });
};

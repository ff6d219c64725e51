import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveTikTokWebhook } from "~/tiktok/webhooks.server";

// TikTok Shop webhooks (subscribed with PUT /event/202309/webhooks to <app URL>/webhooks/tiktok).
// The signature covers the exact bytes, so the body is read as text before anything parses it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { status, body } = await receiveTikTokWebhook({
    rawBody: await request.text(),
    signature: request.headers.get("authorization"),
  });
  return Response.json(body, { status });
};

import type { IncomingMessage, ServerResponse } from "node:http";
import { readLimitedNodeBody, TOO_LARGE_HEADERS, BODY_LIMIT } from "~/lib/read-limited-body.server";
import { receiveTikTokWebhook, TOO_LARGE } from "./webhooks.server";

/**
 * TikTok's webhooks straight on Node's request and response, for the app server to mount ahead of Remix
 * (server.ts): a burst of a flash sale is thousands of deliveries a second, and Remix's routing and its
 * Fetch Request cost more than verifying and recording one. The Remix route `webhooks.tiktok` answers the
 * same way where the app runs without server.ts. See docs/decisions/010-webhook-intake-at-speed.md.
 */
export async function handleTikTokWebhookRequest(request: IncomingMessage, response: ServerResponse) {
  const body = await readLimitedNodeBody(request, BODY_LIMIT);
  if (!body.ok && body.reason === "aborted") {
    // Anyone can start an upload and hang up, as often as they like: one line each, and no answer to send.
    console.warn("A client hung up while uploading a TikTok webhook.");
    response.destroy();
    return;
  }
  const reply = body.ok
    ? await receiveTikTokWebhook({ rawBody: body.bytes, signature: request.headers.authorization ?? null })
    : TOO_LARGE;
  const json = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    ...(body.ok ? {} : TOO_LARGE_HEADERS),
  });
  response.end(json);
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_WEBHOOK_BODY_BYTES, receiveTikTokWebhook, type WebhookReply } from "./webhooks.server";

/**
 * TikTok's webhooks straight on Node's request and response, for the app server to mount ahead of Remix
 * (server.ts): a burst of a flash sale is thousands of deliveries a second, and Remix's routing and its
 * Fetch Request cost more than verifying and recording one. The Remix route `webhooks.tiktok` answers the
 * same way where the app runs without server.ts. See docs/decisions/010-webhook-intake-at-speed.md.
 */
export async function handleTikTokWebhookRequest(request: IncomingMessage, response: ServerResponse) {
  const body = await readLimited(request, MAX_WEBHOOK_BODY_BYTES);
  const reply: WebhookReply =
    body === undefined
      ? { status: 413, body: { ok: false, message: "The notification is too large." } }
      : await receiveTikTokWebhook({
          rawBody: body.toString("utf8"),
          signature: request.headers.authorization ?? null,
        });
  const json = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    // An unread remainder of a refused body is not read: the connection ends with the answer.
    ...(body === undefined ? { connection: "close" } : {}),
  });
  response.end(json);
}

/**
 * The body, or undefined once it is over `limit` bytes (by Content-Length before reading anything, or
 * while reading): no more than `limit` bytes are ever buffered.
 */
export function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(request.headers["content-length"]) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off("data", onData);
      request.pause();
      chunks.length = 0;
      resolve(undefined);
    };
    request.on("data", onData);
    request.on("end", () => resolve(size <= limit ? Buffer.concat(chunks, size) : undefined));
    request.on("error", reject);
  });
}

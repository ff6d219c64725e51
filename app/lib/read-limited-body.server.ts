import type { IncomingMessage } from "node:http";

/**
 * Reads a request's body up to a size limit, so that an oversized one is refused without being held in
 * memory: a Content-Length over the limit is refused before a byte is read, and a body without one (or
 * with a wrong one) is counted as it arrives and left unread from the first chunk past the limit. A client
 * that hangs up mid-upload is an answer too ("aborted"), not an error: anyone can do it, as often as they
 * like, so it must not cost a stack trace in the log.
 */

/** Webhook deliveries are small; anything larger is refused before it is verified or parsed. */
export const WEBHOOK_BODY_LIMIT = 1_000_000;

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" | "aborted" };
export type LimitedText = { ok: true; text: string } | { ok: false; reason: LimitedFailure | "not_utf8" };
type LimitedFailure = Extract<LimitedBody, { ok: false }>["reason"];

export async function readLimitedBody(request: Request, limit: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The only way a request's body fails to read: its client went away.
      return { ok: false, reason: "aborted" };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancelled: on Node that destroys the socket before the 413 is written. The rest stays unread
      // (backpressure pauses the socket) and the answer closes the connection (TOO_LARGE_HEADERS).
      reader.releaseLock();
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** The same for Node's own request (server.ts answers TikTok's webhooks before Remix sees them). */
export function readLimitedNodeBody(request: IncomingMessage, limit: number): Promise<LimitedBody> {
  if (Number(request.headers["content-length"] ?? "0") > limit) {
    return Promise.resolve({ ok: false, reason: "too_large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The rest stays unread, as above: the answer closes the connection.
      request.off("data", onData);
      request.pause();
      resolve({ ok: false, reason: "too_large" });
    };
    request.on("data", onData);
    request.on("end", () => size <= limit && resolve({ ok: true, bytes: Buffer.concat(chunks, size) }));
    // Node reports a client that hung up mid-upload as an error ("aborted", ECONNRESET).
    request.on("error", () => resolve({ ok: false, reason: "aborted" }));
  });
}

/**
 * The body as UTF-8 text, byte for byte (a byte-order mark is kept, so a signature over the raw bytes
 * still matches): bytes that are not UTF-8 are refused rather than replaced.
 */
export async function readLimitedText(request: Request, limit: number): Promise<LimitedText> {
  const body = await readLimitedBody(request, limit);
  if (!body.ok) return body;
  const text = decodeUtf8(body.bytes);
  return text === null ? { ok: false, reason: "not_utf8" } : { ok: true, text };
}

/** `bytes` as UTF-8 text, byte-order mark kept; null when they are not UTF-8 (nothing is replaced). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Headers for the 413 answer: the connection is closed instead of the rest of the body being read. */
export const TOO_LARGE_HEADERS = { Connection: "close" } as const;

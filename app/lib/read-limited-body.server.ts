import { data } from "@remix-run/node";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Reads a request's body up to a size limit, so that an oversized one is refused without being held in
 * memory: a Content-Length over the limit is refused before a byte is read, and a body without one (or
 * with a wrong one) is counted as it arrives and left unread from the first chunk past the limit. A client
 * that hangs up mid-upload is an answer too ("aborted"), not an error: anyone can do it, as often as they
 * like, so it must not cost a stack trace in the log.
 */

/**
 * The most the app reads of any request's body: webhook deliveries and the pages' actions are all far
 * smaller. Anything larger is refused with 413 before it is verified, parsed or held whole in memory.
 */
export const BODY_LIMIT = 1_000_000;
const TOO_LARGE_MESSAGE = "This request is larger than the app accepts (1 MB).";

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

/**
 * Express-style middleware, ahead of Remix: a body whose Content-Length is over BODY_LIMIT is answered 413
 * before a byte of it is read. Bodies sent without a length are counted as the actions read them
 * (readJsonBody, readFormBody).
 */
export function refuseOversizedBodies(request: IncomingMessage, response: ServerResponse, next: () => void) {
  if (Number(request.headers["content-length"] ?? "0") <= BODY_LIMIT) return next();
  response.writeHead(413, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(TOO_LARGE_MESSAGE),
    ...TOO_LARGE_HEADERS,
  });
  response.end(TOO_LARGE_MESSAGE);
}

/** An action's body, up to BODY_LIMIT: a larger one is a 413 and a broken upload a 400, both thrown. */
async function actionBody(request: Request): Promise<Uint8Array> {
  const body = await readLimitedBody(request, BODY_LIMIT);
  if (body.ok) return body.bytes;
  if (body.reason === "aborted")
    throw data({ error: "The request's body did not arrive whole." }, { status: 400 });
  throw data({ error: TOO_LARGE_MESSAGE }, { status: 413, headers: TOO_LARGE_HEADERS });
}

/** An action's JSON body, read within BODY_LIMIT (see actionBody); null when it isn't UTF-8 JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = decodeUtf8(await actionBody(request));
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** An action's form, read within BODY_LIMIT (see actionBody); null when the body isn't a form. */
export async function readFormBody(request: Request): Promise<FormData | null> {
  const bytes = await actionBody(request);
  const contentType = request.headers.get("content-type");
  const headers: HeadersInit = contentType ? { "content-type": contentType } : {};
  return new Request(request.url, { method: "POST", headers, body: Buffer.from(bytes) })
    .formData()
    .catch(() => null);
}

import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * TikTok Shop Open API signing (202309), pure. Requests: HMAC-SHA256 keyed with the app secret over
 * `secret + path + sorted key/value pairs + body + secret`. Webhooks: HMAC-SHA256 over `app_key + raw body`.
 */

/** Query parameters TikTok leaves out of the signed string. */
const UNSIGNED_PARAMS = new Set(["sign", "access_token"]);

export type SignRequestInput = {
  appSecret: string;
  /** The request path, without host or query: `/order/202309/orders/search`. */
  path: string;
  query: Record<string, string>;
  /** The exact body string sent; omit it for GET and multipart requests. */
  body?: string;
};

export function signRequest({ appSecret, path, query, body }: SignRequestInput): string {
  const params = Object.keys(query)
    .filter((key) => !UNSIGNED_PARAMS.has(key))
    .sort()
    .map((key) => `${key}${query[key]}`)
    .join("");
  const content = `${appSecret}${path}${params}${body ?? ""}${appSecret}`;
  return hmacHex(appSecret, content);
}

export type RawBody = string | Uint8Array;

export type SignWebhookInput = { appKey: string; appSecret: string; rawBody: RawBody };

/** The value TikTok puts in a webhook's `Authorization` header. */
export function signWebhook({ appKey, appSecret, rawBody }: SignWebhookInput): string {
  return hmacHex(appSecret, Buffer.concat([Buffer.from(appKey, "utf8"), toBuffer(rawBody)]));
}

export type VerifyWebhookInput = SignWebhookInput & { signature: string | null | undefined };

/**
 * Checks a webhook's signature on the raw bytes, before anything decodes or parses them, in constant time.
 * Pass the bytes as they arrived: text decoded from them may differ (invalid UTF-8 becomes U+FFFD), and
 * a signature over that text must not pass for these bytes.
 */
export function verifyWebhookSignature({ signature, ...input }: VerifyWebhookInput): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhook(input), "utf8");
  const given = Buffer.from(signature.trim().toLowerCase(), "utf8");
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmacHex(secret: string, content: string | Buffer): string {
  return createHmac("sha256", secret).update(content).digest("hex");
}

function toBuffer(body: RawBody): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

/**
 * Links the app's pages hand out for a download: a browser's download can't carry the embedded app's session
 * token, so the authenticated page signs the link's parameters and a time, and the download checks both
 * instead of a session. Each purpose has a key of its own, derived from the app's secret: a link signed for
 * one download is good for nothing else.
 */
const keys = new Map<string, Buffer>();
const keyFor = (purpose: string) => {
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = createHmac("sha256", env.SHOPIFY_API_SECRET).update(purpose).digest()));
  return key;
};
const sign = (purpose: string, payload: string) =>
  createHmac("sha256", keyFor(purpose)).update(payload).digest("base64url");

/** `path` with `params`, valid for `ttlSeconds`, signed for `purpose`. */
export function signedLink(
  purpose: string,
  path: string,
  params: URLSearchParams,
  ttlSeconds: number,
  now = new Date(),
): string {
  const signed = new URLSearchParams(params);
  signed.set("expires", String(Math.floor(now.getTime() / 1000) + ttlSeconds));
  const payload = signed.toString();
  return `${path}?${payload}&sig=${sign(purpose, payload)}`;
}

export type LinkCheck = { ok: true; params: URLSearchParams } | { ok: false; reason: "invalid" | "expired" };

/** The link's parameters, once its signature for `purpose` and its time hold. */
export function checkSignedLink(purpose: string, url: URL, now = new Date()): LinkCheck {
  const signed = url.search.slice(1);
  const at = signed.lastIndexOf("&sig=");
  const payload = at < 0 ? "" : signed.slice(0, at);
  const given = Buffer.from(at < 0 ? "" : signed.slice(at + "&sig=".length));
  const expected = Buffer.from(sign(purpose, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "invalid" };
  const params = new URLSearchParams(payload);
  if (!(Number(params.get("expires")) * 1000 > now.getTime())) return { ok: false, reason: "expired" };
  return { ok: true, params };
}

import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";
import { STATE_TTL_MS } from "./oauth.server";

/**
 * The browser that opened TikTok's authorization page: its key, signed, sent back only to `/tiktok/…` and
 * only on top-level navigations from other sites (TikTok's redirect back), never readable by scripts.
 */
export const connectCookie = createCookie("tiktok_connect", {
  httpOnly: true,
  sameSite: "lax",
  secure: new URL(env.SHOPIFY_APP_URL).protocol === "https:",
  path: "/tiktok",
  maxAge: STATE_TTL_MS / 1000,
  secrets: [env.SHOPIFY_API_SECRET],
});

/** The browser key in the request's cookie, or null (no cookie, or one this app did not sign). */
export async function browserKeyOf(request: Request): Promise<string | null> {
  const value: unknown = await connectCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

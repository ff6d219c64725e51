import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "~/env.server";
import { connectTikTokShop, deleteTikTokConnection } from "~/models/tiktok-connection.server";
import { TikTokClient } from "./client";
import { fromUnix, isTikTokConfigured, tiktokAppConfig, tiktokAuthClient } from "./connection.server";
import { TikTokAuthError, TikTokError } from "./errors";

/**
 * Connecting a TikTok shop: the authorize redirect carries a `state` that names the Shopify store, signed
 * with the app's Shopify secret and valid for 10 minutes, so the callback (a top-level page without a
 * Shopify session) knows which store to connect and nobody can make it connect another one.
 */
export const STATE_TTL_MS = 10 * 60_000;

const statePayloadSchema = z.object({ shop: z.string().min(1), nonce: z.string().min(1), exp: z.number() });

export type StateRefusal = "malformed" | "forged" | "expired" | "other_shop";
export type StateCheck = { ok: true; shop: string } | { ok: false; reason: StateRefusal };

export function createOAuthState(shopDomain: string, now = Date.now()): string {
  const payload = { shop: shopDomain, nonce: randomBytes(16).toString("base64url"), exp: now + STATE_TTL_MS };
  const encoded = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${encoded}.${signState(encoded)}`;
}

/** Checks the signature in constant time, then the expiry, then (when the caller knows it) the store. */
export function verifyOAuthState(
  state: string | null | undefined,
  options: { now?: number; shop?: string } = {},
): StateCheck {
  const [encoded, signature, ...rest] = (state ?? "").split(".");
  if (!encoded || !signature || rest.length > 0) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signState(encoded), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "forged" };
  }
  const payload = statePayloadSchema.safeParse(parseJson(Buffer.from(encoded, "base64url").toString("utf8")));
  if (!payload.success) return { ok: false, reason: "malformed" };
  if (payload.data.exp <= (options.now ?? Date.now())) return { ok: false, reason: "expired" };
  if (options.shop !== undefined && options.shop !== payload.data.shop)
    return { ok: false, reason: "other_shop" };
  return { ok: true, shop: payload.data.shop };
}

const REFUSALS: Record<StateRefusal, string> = {
  malformed: "This TikTok Shop authorization link is incomplete.",
  forged: "This TikTok Shop authorization link was not issued by this app.",
  expired: "This TikTok Shop authorization link expired: it is valid for 10 minutes.",
  other_shop: "This TikTok Shop authorization was started from another Shopify store.",
};
const START_AGAIN =
  "Nothing was connected. Start again with Connect on the app's Settings page in Shopify admin.";

export type StartConnect = { ok: true; url: string } | { ok: false; message: string };

/** Where Connect sends the merchant: TikTok's authorization page, with the signed state. */
export function tiktokAuthorizeUrl(shopDomain: string, now = Date.now()): StartConnect {
  if (!isTikTokConfigured() || !env.TIKTOK_SERVICE_ID) {
    return {
      ok: false,
      message:
        "TikTok Shop is not configured: set TIKTOK_APP_KEY, TIKTOK_APP_SECRET and TIKTOK_SERVICE_ID " +
        "(from TikTok Shop Partner Center).",
    };
  }
  const url = new URL(env.TIKTOK_AUTHORIZE_URL);
  url.searchParams.set("service_id", env.TIKTOK_SERVICE_ID);
  url.searchParams.set("state", createOAuthState(shopDomain, now));
  return { ok: true, url: url.toString() };
}

export type CompleteConnect =
  | { ok: true; shopDomain: string; tiktokShopName: string; redirectTo: string }
  | { ok: false; status: 400 | 409 | 502 | 503; message: string };

/**
 * TikTok's redirect back: check the state, exchange the code, read the authorized shop, store the
 * connection (now is its connection time). Nothing is stored unless every step succeeds.
 */
export async function completeTikTokConnection(input: {
  code: string | null;
  state: string | null;
  now?: Date;
}): Promise<CompleteConnect> {
  const now = input.now ?? new Date();
  const state = verifyOAuthState(input.state, { now: now.getTime() });
  if (!state.ok) return { ok: false, status: 400, message: `${REFUSALS[state.reason]} ${START_AGAIN}` };
  if (!input.code) {
    return { ok: false, status: 400, message: `TikTok Shop sent no authorization code. ${START_AGAIN}` };
  }
  if (!isTikTokConfigured()) {
    return { ok: false, status: 503, message: "TikTok Shop is not configured on this app." };
  }
  try {
    const token = await tiktokAuthClient().getToken(input.code);
    const client = new TikTokClient({ ...tiktokAppConfig(), accessToken: token.access_token });
    // A token authorizes the seller's shops; this app connects one TikTok shop per Shopify store.
    const [shop] = await client.getAuthorizedShops();
    if (!shop) return { ok: false, status: 400, message: `TikTok Shop authorized no shop. ${START_AGAIN}` };
    const connected = await connectTikTokShop(
      state.shop,
      {
        tiktokShopId: shop.id,
        tiktokShopName: shop.name,
        cipher: shop.cipher,
        region: shop.region,
        accessToken: token.access_token,
        accessTokenExpiresAt: fromUnix(token.access_token_expire_in),
        refreshToken: token.refresh_token,
        refreshTokenExpiresAt: fromUnix(token.refresh_token_expire_in),
      },
      now,
    );
    if (!connected.ok) {
      const message = `The TikTok shop "${shop.name}" is already connected to another Shopify store. Disconnect it there first.`;
      return { ok: false, status: 409, message };
    }
    return {
      ok: true,
      shopDomain: state.shop,
      tiktokShopName: shop.name,
      redirectTo: settingsUrl(state.shop),
    };
  } catch (error) {
    if (error instanceof TikTokAuthError) {
      const message = `TikTok Shop refused the authorization (${error.message}); a code works once, for 10 minutes. ${START_AGAIN}`;
      return { ok: false, status: 400, message };
    }
    if (error instanceof TikTokError) {
      return {
        ok: false,
        status: 502,
        message: `TikTok Shop could not be reached: ${error.message}. Try again.`,
      };
    }
    throw error;
  }
}

/** Disconnecting forgets the tokens; orders already received stay, with their sync history. */
export async function disconnectTikTok(shopDomain: string): Promise<void> {
  await deleteTikTokConnection(shopDomain);
}

/** The app's Settings page inside the store's Shopify admin (SHOPIFY_ADMIN_URL: the demo's stand-in). */
export function settingsUrl(shopDomain: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  const admin = (env.SHOPIFY_ADMIN_URL ?? "https://admin.shopify.com").replace(/\/$/, "");
  return `${admin}/store/${store}/apps/${env.SHOPIFY_API_KEY}/app/settings?tiktok=connected`;
}

function signState(encoded: string): string {
  return createHmac("sha256", env.SHOPIFY_API_SECRET)
    .update(`tiktok-oauth-state.${encoded}`)
    .digest("base64url");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

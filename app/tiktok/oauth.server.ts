import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "~/env.server";
import {
  completeAuthorization,
  createAuthorization,
  findHeldGrant,
  holdGrant,
  redeemTicket,
  takeHeldGrant,
  type Grant,
} from "~/models/tiktok-authorization.server";
import {
  connectTikTokShops,
  deleteTikTokConnection,
  type ConnectOutcome,
  type TikTokShopGranted,
} from "~/models/tiktok-connection.server";
import { TikTokClient } from "./client";
import { fromUnix, isTikTokConfigured, tiktokAppConfig, tiktokAuthClient } from "./connection.server";
import { TikTokAuthError, TikTokError } from "./errors";

/**
 * Connecting a TikTok shop, in three steps, each usable once, for 10 minutes:
 * 1. Connect, in the embedded Settings page, records an authorization and sends the browser to the app's own
 *    top-level page `/tiktok/start` with a ticket (a cookie set inside the admin's iframe would be a
 *    third-party cookie, which browsers drop).
 * 2. That page redeems the ticket, binds the browser (a random key in an HttpOnly cookie; the database keeps
 *    its hash) and sends it to TikTok with a `state` naming the store and the authorization's nonce, signed
 *    with the app's Shopify secret.
 * 3. TikTok's redirect back (the callback) needs a valid state, the same browser, and uses the nonce up before
 *    the code is exchanged: a replayed state, a state opened in another browser, or one sent to a seller by
 *    somebody else connects nothing.
 * When TikTok granted several shops (a seller with one per market), the grant waits, sealed, for the merchant
 * to pick which to connect in Settings: once, for 10 minutes, from the store that started it.
 */
export const STATE_TTL_MS = 10 * 60_000;

const statePayloadSchema = z.object({ shop: z.string().min(1), nonce: z.string().min(1), exp: z.number() });

export type StateRefusal = "malformed" | "forged" | "expired" | "other_shop";
export type StateCheck = { ok: true; shop: string; nonce: string } | { ok: false; reason: StateRefusal };

const newSecret = () => randomBytes(32).toString("base64url");
const hashOf = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export function createOAuthState(shopDomain: string, nonce: string, expiresAt: number): string {
  const payload = { shop: shopDomain, nonce, exp: expiresAt };
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
  return { ok: true, shop: payload.data.shop, nonce: payload.data.nonce };
}

const REFUSALS: Record<StateRefusal, string> = {
  malformed: "This TikTok Shop authorization link is incomplete.",
  forged: "This TikTok Shop authorization link was not issued by this app.",
  expired: "This TikTok Shop authorization link expired: it is valid for 10 minutes.",
  other_shop: "This TikTok Shop authorization was started from another Shopify store.",
};
const START_AGAIN =
  "Nothing was connected. Start again with Connect on the app's Settings page in Shopify admin.";
const USED_OR_ELSEWHERE =
  "This TikTok Shop authorization was used already, or started in another browser: it works once, " +
  "in the browser that clicked Connect.";

export type StartConnect = { ok: true; url: string } | { ok: false; message: string };

function configurationProblem(): string | null {
  if (isTikTokConfigured() && env.TIKTOK_SERVICE_ID) return null;
  return (
    "TikTok Shop is not configured: set TIKTOK_APP_KEY, TIKTOK_APP_SECRET and TIKTOK_SERVICE_ID " +
    "(from TikTok Shop Partner Center)."
  );
}

/** Step 1, Connect: records the authorization and answers the app's `/tiktok/start` page with its ticket. */
export async function issueConnectTicket(shopDomain: string, now = Date.now()): Promise<StartConnect> {
  const problem = configurationProblem();
  if (problem) return { ok: false, message: problem };
  const ticket = newSecret();
  const expiresAt = new Date(now + STATE_TTL_MS);
  await createAuthorization(
    shopDomain,
    { nonce: newSecret(), ticketHash: hashOf(ticket), expiresAt },
    new Date(now),
  );
  const url = new URL("/tiktok/start", env.SHOPIFY_APP_URL);
  url.searchParams.set("ticket", ticket);
  return { ok: true, url: url.toString() };
}

export type OpenAuthorization =
  | { ok: true; authorizeUrl: string; browserKey: string; expiresAt: Date }
  | { ok: false; status: 400 | 503; message: string };

/**
 * Step 2, the top-level page: redeems the ticket once, binds the browser to the authorization (its key goes
 * into a cookie) and answers TikTok's authorization page, with the signed state.
 */
export async function openTikTokAuthorization(
  ticket: string | null,
  now = Date.now(),
): Promise<OpenAuthorization> {
  const problem = configurationProblem();
  if (problem) return { ok: false, status: 503, message: problem };
  const browserKey = newSecret();
  const redeemed = ticket ? await redeemTicket(hashOf(ticket), hashOf(browserKey), new Date(now)) : null;
  if (!redeemed) {
    const message = `This Connect link was used already or has expired: it works once, for 10 minutes. ${START_AGAIN}`;
    return { ok: false, status: 400, message };
  }
  const url = new URL(env.TIKTOK_AUTHORIZE_URL);
  url.searchParams.set("service_id", env.TIKTOK_SERVICE_ID ?? "");
  url.searchParams.set(
    "state",
    createOAuthState(redeemed.shopDomain, redeemed.nonce, redeemed.expiresAt.getTime()),
  );
  return { ok: true, authorizeUrl: url.toString(), browserKey, expiresAt: redeemed.expiresAt };
}

/**
 * Steps 1 and 2 for a store connected without a browser (the demo's seed, the benchmarks): the state and the
 * browser key that TikTok's redirect back must come with.
 */
export async function authorizeWithoutBrowser(shopDomain: string, now = Date.now()) {
  const issued = await issueConnectTicket(shopDomain, now);
  if (!issued.ok) throw new Error(issued.message);
  const opened = await openTikTokAuthorization(new URL(issued.url).searchParams.get("ticket"), now);
  if (!opened.ok) throw new Error(opened.message);
  return {
    state: new URL(opened.authorizeUrl).searchParams.get("state") ?? "",
    browserKey: opened.browserKey,
  };
}

export type CompleteConnect =
  | { ok: true; shopDomain: string; redirectTo: string }
  | { ok: false; status: 400 | 409 | 502 | 503; message: string };

/**
 * Step 3, TikTok's redirect back: check the state, use the authorization up (in the browser that opened
 * it), exchange the code, read the authorized shop, store the connection (now is its connection time).
 * Nothing is stored unless every step succeeds; a used authorization stays used.
 */
export async function completeTikTokConnection(input: {
  code: string | null;
  state: string | null;
  browserKey: string | null;
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
  const browser = input.browserKey ? hashOf(input.browserKey) : "";
  if (!browser || !(await completeAuthorization(state.nonce, state.shop, browser, now))) {
    return { ok: false, status: 400, message: `${USED_OR_ELSEWHERE} ${START_AGAIN}` };
  }
  try {
    const token = await tiktokAuthClient().getToken(input.code);
    const client = new TikTokClient({ ...tiktokAppConfig(), accessToken: token.access_token });
    // A token authorizes every shop the seller granted: one is connected at once, several wait for a choice.
    const shops: TikTokShopGranted[] = (await client.getAuthorizedShops()).map((shop) => ({
      tiktokShopId: shop.id,
      tiktokShopName: shop.name,
      cipher: shop.cipher,
      region: shop.region,
    }));
    if (shops.length === 0) {
      return { ok: false, status: 400, message: `TikTok Shop authorized no shop. ${START_AGAIN}` };
    }
    const grant: Grant = {
      accessToken: token.access_token,
      accessTokenExpiresAt: fromUnix(token.access_token_expire_in),
      refreshToken: token.refresh_token,
      refreshTokenExpiresAt: fromUnix(token.refresh_token_expire_in),
      shops,
    };
    if (shops.length > 1) {
      await holdGrant(state.nonce, grant, new Date(now.getTime() + STATE_TTL_MS));
      return { ok: true, shopDomain: state.shop, redirectTo: settingsUrl(state.shop, "choose") };
    }
    const [connected] = await connectTikTokShops(state.shop, grant, now);
    if (!connected?.ok) {
      const message = `The TikTok shop "${shops[0]?.tiktokShopName}" is already connected to another Shopify store. Disconnect it there first.`;
      return { ok: false, status: 409, message };
    }
    return { ok: true, shopDomain: state.shop, redirectTo: settingsUrl(state.shop) };
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

export type ChooseShops = { ok: true; message: string } | { ok: false; status: 400 | 409; message: string };

/**
 * The merchant's pick among the TikTok shops of a grant waiting in Settings: connects those, once. A pick
 * outside the grant, or none, takes nothing, so the merchant can pick again.
 */
export async function connectChosenShops(
  shopDomain: string,
  tiktokShopIds: readonly string[],
  now = new Date(),
): Promise<ChooseShops> {
  const gone = `This choice of TikTok shops expired or was made already. ${START_AGAIN}`;
  const held = await findHeldGrant(shopDomain, now);
  if (!held) return { ok: false, status: 400, message: gone };
  const granted = new Set(held.shops.map((shop) => shop.tiktokShopId));
  if (tiktokShopIds.length === 0)
    return { ok: false, status: 400, message: "Pick at least one TikTok shop." };
  if (tiktokShopIds.some((id) => !granted.has(id))) {
    return {
      ok: false,
      status: 400,
      message: "TikTok did not grant access to one of those shops: pick again.",
    };
  }
  const grant = await takeHeldGrant(shopDomain, now);
  if (!grant) return { ok: false, status: 400, message: gone };
  const chosen = grant.shops.filter((shop) => tiktokShopIds.includes(shop.tiktokShopId));
  const outcomes = await connectTikTokShops(shopDomain, { ...grant, shops: chosen }, now);
  return connectedMessage(chosen, outcomes);
}

function connectedMessage(
  shops: readonly TikTokShopGranted[],
  outcomes: readonly ConnectOutcome[],
): ChooseShops {
  const nameOf = (id: string) => shops.find((shop) => shop.tiktokShopId === id)?.tiktokShopName ?? id;
  const done = outcomes.filter((outcome) => outcome.ok).map((outcome) => nameOf(outcome.tiktokShopId));
  const taken = outcomes.filter((outcome) => !outcome.ok).map((outcome) => nameOf(outcome.tiktokShopId));
  const refused = taken.length
    ? `${listOf(taken)} ${taken.length === 1 ? "is" : "are"} connected to another Shopify store: disconnect ${taken.length === 1 ? "it" : "them"} there first.`
    : "";
  if (done.length === 0) return { ok: false, status: 409, message: refused };
  return { ok: true, message: [`Connected ${listOf(done)}.`, refused].filter(Boolean).join(" ") };
}

const listOf = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** Disconnecting a TikTok shop forgets its tokens; orders already received stay, with their sync history. */
export async function disconnectTikTok(shopDomain: string, tiktokShopId: string): Promise<boolean> {
  return deleteTikTokConnection({ shopDomain, tiktokShopId });
}

/** The app's Settings page inside the store's Shopify admin (SHOPIFY_ADMIN_URL: the demo's stand-in). */
export function settingsUrl(shopDomain: string, outcome: "connected" | "choose" = "connected"): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  const admin = (env.SHOPIFY_ADMIN_URL ?? "https://admin.shopify.com").replace(/\/$/, "");
  return `${admin}/store/${store}/apps/${env.SHOPIFY_API_KEY}/app/settings?tiktok=${outcome}`;
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

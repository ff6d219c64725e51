import { env } from "~/env.server";
import {
  getTikTokConnection,
  updateTikTokTokens,
  type TikTokShopRef,
} from "~/models/tiktok-connection.server";
import { TikTokClient, type TikTokClientOptions } from "./client";
import { TikTokAuthError, TikTokError } from "./errors";
import type { TikTokToken } from "./api-schemas";

/**
 * The TikTok client of a store's connected TikTok shop, built from its stored connection: tokens decrypted by the model,
 * refreshed through the auth API shortly before they expire or when TikTok refuses one, and stored again.
 */

/** Refresh this long before the access token expires, so no request goes out with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class TikTokNotConfiguredError extends Error {
  override name = "TikTokNotConfiguredError";
  constructor() {
    super(
      "TikTok Shop is not configured: set TIKTOK_APP_KEY and TIKTOK_APP_SECRET to the app key and secret " +
        "from TikTok Shop Partner Center.",
    );
  }
}

export type TikTokAppConfig = { appKey: string; appSecret: string; baseUrl: string; authBaseUrl: string };

export function isTikTokConfigured(): boolean {
  return Boolean(env.TIKTOK_APP_KEY && env.TIKTOK_APP_SECRET);
}

export function tiktokAppConfig(): TikTokAppConfig {
  const { TIKTOK_APP_KEY: appKey, TIKTOK_APP_SECRET: appSecret } = env;
  if (!appKey || !appSecret) throw new TikTokNotConfiguredError();
  return { appKey, appSecret, baseUrl: env.TIKTOK_API_URL, authBaseUrl: env.TIKTOK_AUTH_URL };
}

/** Options a caller may tune: the poller shortens retries, tests pin the clock. */
export type ShopClientOptions = Pick<TikTokClientOptions, "retry" | "timeoutMs" | "now">;

/** A client without a shop: token exchange and refresh. */
export function tiktokAuthClient(options: ShopClientOptions = {}): TikTokClient {
  return new TikTokClient({ ...tiktokAppConfig(), ...options });
}

export async function tiktokClientForShop(
  ref: TikTokShopRef,
  options: ShopClientOptions = {},
): Promise<TikTokClient> {
  const config = tiktokAppConfig();
  const connection = await getTikTokConnection(ref);
  if (!connection) throw notConnected(ref);
  if (connection.deauthorizedAt) {
    throw authError("The seller revoked the app's access in TikTok Shop: reconnect TikTok Shop in Settings.");
  }
  let accessToken = connection.accessToken;
  const expiresAt = connection.accessTokenExpiresAt?.getTime();
  if (expiresAt !== undefined && expiresAt - Date.now() < REFRESH_MARGIN_MS) {
    try {
      accessToken = await refreshTikTokAccessToken(ref, options);
    } catch (error) {
      // An outage during a proactive refresh: the old token still works until it actually expires.
      if (error instanceof TikTokAuthError || expiresAt <= Date.now()) throw error;
    }
  }
  return new TikTokClient({
    ...config,
    ...options,
    accessToken,
    shopCipher: connection.cipher,
    refreshAccessToken: () => refreshTikTokAccessToken(ref, options),
  });
}

// One refresh per authorization at a time in this process: its TikTok shops share the tokens, and concurrent
// callers share the refresh's result. Callers for one shop share it from the start (before the connection is
// read, so none of them can start another while it is); those of another shop of the authorization, once
// the connection read names it.
const refreshingShop = new Map<string, Promise<string>>();
const refreshingGrant = new Map<string, Promise<string>>();

/**
 * Refreshes the access token of the TikTok shop's authorization through the auth API, stores the new tokens
 * for every shop of that authorization, returns the new one.
 */
export function refreshTikTokAccessToken(
  ref: TikTokShopRef,
  options: ShopClientOptions = {},
): Promise<string> {
  const key = `${ref.shopDomain} ${ref.tiktokShopId}`;
  const pending = refreshingShop.get(key);
  if (pending) return pending;
  const refresh = refreshGrantOf(ref, options).finally(() => refreshingShop.delete(key));
  refreshingShop.set(key, refresh);
  return refresh;
}

async function refreshGrantOf(ref: TikTokShopRef, options: ShopClientOptions): Promise<string> {
  const connection = await getTikTokConnection(ref);
  if (!connection) throw notConnected(ref);
  // Nothing is awaited between this look and the set below: no two refreshes of a grant start.
  const pending = refreshingGrant.get(connection.grantId);
  if (pending) return pending;
  const refresh = refreshAndStore(connection, options).finally(() =>
    refreshingGrant.delete(connection.grantId),
  );
  refreshingGrant.set(connection.grantId, refresh);
  return refresh;
}

async function refreshAndStore(
  connection: { grantId: string; refreshToken: string },
  options: ShopClientOptions,
): Promise<string> {
  let token: TikTokToken;
  try {
    token = await tiktokAuthClient(options).refreshToken(connection.refreshToken);
  } catch (error) {
    if (error instanceof TikTokAuthError) {
      throw new TikTokAuthError(
        error.code,
        `TikTok refused to renew the app's access (${error.message}): reconnect TikTok Shop in Settings.`,
        error,
        false,
        { cause: error },
      );
    }
    if (error instanceof TikTokError) throw error;
    throw authError(`Renewing the TikTok access token failed: ${String(error)}`);
  }
  await updateTikTokTokens(connection.grantId, {
    accessToken: token.access_token,
    accessTokenExpiresAt: fromUnix(token.access_token_expire_in),
    refreshToken: token.refresh_token,
    refreshTokenExpiresAt: fromUnix(token.refresh_token_expire_in),
  });
  return token.access_token;
}

/** TikTok sends token expiry as Unix times (seconds). */
export function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** What reading TikTok for a store without any connected TikTok shop fails with. */
export function noTikTokShopError(shopDomain: string): TikTokAuthError {
  return authError(`No TikTok shop is connected to ${shopDomain}: connect it in Settings.`);
}

function notConnected(ref: TikTokShopRef): TikTokAuthError {
  return authError(
    `TikTok shop ${ref.tiktokShopId} is not connected to ${ref.shopDomain}: connect it in Settings.`,
  );
}

function authError(message: string): TikTokAuthError {
  return new TikTokAuthError(0, message, { path: "(connection)" }, false);
}

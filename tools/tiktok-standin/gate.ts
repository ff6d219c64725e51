import { signRequest } from "../../app/tiktok/signature";
import { query, tiktokError, type Handler, type Reply, type RequestContext } from "./http-kit";
import type { Shop, StandinState, TokenRecord } from "./state";

/**
 * Who is calling: the shops the token still grants, in grant order, and the shop served. On a shop path
 * that is the shop `shop_cipher` names; on the shopless paths (`/authorization/…`, `/seller/…`) the first
 * granted shop.
 */
export type Caller = { shop: Shop; shops: Shop[] };

/** An Open API endpoint, run only for a request that passed the gateway, with the caller it names. */
export type CallerHandler = (context: RequestContext, caller: Caller) => Reply | Promise<Reply>;

/**
 * Wraps endpoints in the gateway's checks: a request that fails one gets its error and runs nothing. A
 * request that passes them counts against its shop's rate limit (`/_control/rate-limit`), once the shop it
 * names is known.
 */
export function guard(state: StandinState): (handler: CallerHandler) => Handler {
  return (handler) => (context) => {
    const checked = checkOpenApiRequest(context, state);
    if (!("shop" in checked)) return checked;
    const limited = state.rateLimit.take(checked.shop.id);
    if (limited) return tooManyRequests(limited.retryAfterSeconds);
    return handler(context, checked);
  };
}

function tooManyRequests(retryAfterSeconds: number): Reply {
  const message = "Too many requests. You've made too many requests in a short period of time.";
  return tiktokError(429, 36009002, message, { "retry-after": String(retryAfterSeconds) });
}

/**
 * The checks TikTok's gateway makes before any endpoint runs, in its order and with its codes and
 * messages (TikTok Shop "Common errors"). Returns the caller, or the error reply.
 */
export function checkOpenApiRequest(context: RequestContext, state: StandinState): Caller | Reply {
  const params = query(context);
  const path = context.url.pathname;
  if (state.faults.rateLimited > 0) {
    state.faults.rateLimited -= 1;
    return tooManyRequests(1);
  }
  if (state.faults.unavailable > 0) {
    state.faults.unavailable -= 1;
    const message =
      "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.";
    return tiktokError(500, 36009003, message);
  }
  if (params.app_key !== state.config.appKey) {
    return tiktokError(400, 36009004, "Invalid credentials. Invalid `app_key` query parameter.");
  }
  if (!params.sign) {
    return tiktokError(
      401,
      36009004,
      "Missing credentials. The request does not include a required signature in the query.",
    );
  }
  const timestampError = checkTimestamp(params.timestamp, state.now());
  if (timestampError) return tiktokError(401, 36009004, timestampError);
  const body = context.method === "GET" ? undefined : context.rawBody;
  const expected = signRequest({ appSecret: state.config.appSecret, path, query: params, body });
  if (params.sign !== expected) {
    return tiktokError(401, 106001, "Invalid credentials. The `sign` query parameter is invalid.");
  }
  const tokenHeader = context.headers["x-tts-access-token"];
  const token = state.accessTokens.get(String(tokenHeader ?? params.access_token ?? ""));
  if (!token || token.revoked) return invalidToken();
  if (token.expiresAt <= state.now()) {
    return tiktokError(
      401,
      105002,
      "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
    );
  }
  const shops = token.shopIds
    .filter((id) => !token.deauthorizedShopIds.includes(id))
    .map((id) => state.shops.get(id))
    .filter((shop): shop is Shop => shop !== undefined);
  const [first] = shops;
  if (!first) return invalidToken();
  const shop = checkShopCipher(path, params.shop_cipher, token, state);
  if (shop === "shopless") return { shop: first, shops };
  return "status" in shop ? shop : { shop, shops };
}

function invalidToken(): Reply {
  return tiktokError(401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");
}

function checkTimestamp(value: string | undefined, now: number): string | undefined {
  const timestamp = Number(value);
  const prefix = "Invalid timestamp. The value of the `timestamp` query parameter must not";
  if (!value || !Number.isInteger(timestamp) || timestamp < 0) return `${prefix} be lesser than 0.`;
  if (timestamp < now - 300) return `${prefix} be earlier than 5 minutes before the current time.`;
  if (timestamp > now + 30) return `${prefix} exceed the current time by more than 30 seconds.`;
  return undefined;
}

/** The shop `shop_cipher` names, "shopless" on paths that take no cipher, or the error reply. */
function checkShopCipher(
  path: string,
  cipher: string | undefined,
  token: TokenRecord,
  state: StandinState,
): Shop | "shopless" | Reply {
  const shopless = path.startsWith("/authorization/") || path.startsWith("/seller/");
  if (shopless && cipher) {
    return tiktokError(
      400,
      36009004,
      "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
    );
  }
  if (shopless) return "shopless";
  if (!cipher) {
    return tiktokError(
      400,
      106013,
      "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
    );
  }
  const shop = [...state.shops.values()].find((candidate) => candidate.cipher === cipher);
  if (!shop) {
    // No shop has this cipher (an open_id, a shop id or a made-up value sent in its place). TikTok's "Common
    // errors" page does not list this case; apps calling TikTok report 106011 "Invalid shop_cipher". The
    // HTTP status is the stand-in's guess.
    return tiktokError(400, 106011, "Invalid shop_cipher");
  }
  if (!token.shopIds.includes(shop.id)) {
    // TikTok's "Common errors" page: 101000 when "the associated shop does not match the provided
    // `shop_cipher`", i.e. a real shop's cipher the seller did not grant to this token.
    return tiktokError(
      401,
      101000,
      "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.",
    );
  }
  // The seller deauthorized this shop: the token no longer works for it, as for a revoked token.
  if (token.deauthorizedShopIds.includes(shop.id)) return invalidToken();
  return shop;
}

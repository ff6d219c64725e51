import { ok, query, tiktokError, type Reply, type RequestContext, type Route } from "./http-kit";
import type { StandinState } from "./state";

/** TikTok's auth host: GET /api/v2/token/get and /api/v2/token/refresh (unsigned, app secret in the query). */
export function tokenRoutes(state: StandinState): Route[] {
  return [
    { method: "GET", pattern: /^\/api\/v2\/token\/get$/, handler: (c) => getToken(c, state) },
    { method: "GET", pattern: /^\/api\/v2\/token\/refresh$/, handler: (c) => refreshToken(c, state) },
  ];
}

function getToken(context: RequestContext, state: StandinState): Reply {
  const params = query(context);
  const refused = checkApp(params, state, "authorized_code");
  if (refused) return refused;
  const grant = state.authCodes.get(params.auth_code ?? "");
  // Auth codes are single use and short-lived.
  if (!grant || grant.expiresAt <= state.now()) return tiktokError(400, 36004004, "Invalid auth code.");
  state.authCodes.delete(params.auth_code ?? "");
  const { accessToken, refreshToken } = state.issueTokens(grant.shopIds);
  return ok(tokenData(state, grant.shopIds, accessToken, refreshToken));
}

function refreshToken(context: RequestContext, state: StandinState): Reply {
  const params = query(context);
  const refused = checkApp(params, state, "refresh_token");
  if (refused) return refused;
  const refresh = params.refresh_token ?? "";
  const record = state.refreshTokens.get(refresh);
  if (!record || record.revoked) return tiktokError(400, 36004005, "can not find related auth record");
  if (record.expiresAt <= state.now()) return tiktokError(400, 36004001, "rt has expired");
  const accessToken = state.reissueAccessToken(record);
  return ok(tokenData(state, record.shopIds, accessToken, refresh));
}

function checkApp(params: Record<string, string>, state: StandinState, grantType: string): Reply | undefined {
  if (params.app_key !== state.config.appKey || params.app_secret !== state.config.appSecret) {
    return tiktokError(400, 36009004, "Invalid credentials. Invalid `app_key` query parameter.");
  }
  if (params.grant_type !== grantType) {
    return tiktokError(400, 36009004, `Invalid param. grant_type must be ${grantType}.`);
  }
  return undefined;
}

/**
 * `*_expire_in` are Unix times at which the tokens expire, as TikTok sends them. The seller fields describe
 * the seller behind the grant; the stand-in takes them from the first granted shop.
 */
function tokenData(state: StandinState, shopIds: string[], accessToken: string, refreshToken: string) {
  const [sellerShopId = ""] = shopIds;
  const shop = state.shops.get(sellerShopId);
  return {
    access_token: accessToken,
    access_token_expire_in: state.accessTokens.get(accessToken)?.expiresAt,
    refresh_token: refreshToken,
    refresh_token_expire_in: state.refreshTokens.get(refreshToken)?.expiresAt,
    open_id: `open-${sellerShopId}`,
    seller_name: shop?.sellerName ?? "",
    seller_base_region: shop?.region ?? "US",
    user_type: 0,
    granted_scopes: ["seller.authorization.info", "seller.order.info", "seller.product.basic"],
  };
}

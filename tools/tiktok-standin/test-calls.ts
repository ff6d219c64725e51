import { signRequest } from "../../app/tiktok/signature";
import type { TikTokStandin } from "./index";

/**
 * The calls an app makes to the stand-in, over HTTP as the app makes them, for the stand-in's own tests:
 * token exchange and refresh on the auth paths, and signed Open API requests.
 */
export type Envelope<T = unknown> = { status: number; code: number; message: string; data: T };
export type Tokens = { access_token: string; refresh_token: string };
export type AuthorizedShop = {
  id: string;
  name: string;
  region: string;
  cipher: string;
  code: string;
  seller_type: string;
};

export function standinCalls(standin: TikTokStandin, app: { appKey: string; appSecret: string }) {
  const { appKey, appSecret } = app;
  const tokenPath = async (path: string, params: Record<string, string>) => {
    const query = new URLSearchParams({ app_key: appKey, app_secret: appSecret, ...params });
    const response = await fetch(`${standin.url}${path}?${query}`);
    return { status: response.status, ...((await response.json()) as Omit<Envelope<Tokens>, "status">) };
  };

  /** A signed request with the clock the stand-in runs on; `body` makes it a POST. */
  async function call<T = unknown>(
    path: string,
    accessToken: string,
    { query = {}, body }: { query?: Record<string, string>; body?: string } = {},
  ): Promise<Envelope<T>> {
    const params: Record<string, string> = {
      app_key: appKey,
      timestamp: String(standin.state.now()),
      ...query,
    };
    params.sign = signRequest({ appSecret, path, query: params, body });
    const response = await fetch(`${standin.url}${path}?${new URLSearchParams(params)}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", "x-tts-access-token": accessToken },
      body,
    });
    return { status: response.status, ...((await response.json()) as Omit<Envelope<T>, "status">) };
  }

  return {
    /** Any signed Open API request; `body` makes it a POST. */
    call,
    refresh: (refreshToken: string) =>
      tokenPath("/api/v2/token/refresh", { refresh_token: refreshToken, grant_type: "refresh_token" }),
    /** The tokens an auth code exchanges for; fails the test when the exchange is refused. */
    async tokensFor(authCode: string): Promise<Tokens> {
      const reply = await tokenPath("/api/v2/token/get", {
        auth_code: authCode,
        grant_type: "authorized_code",
      });
      if (reply.code !== 0) throw new Error(`token exchange refused: ${reply.code} ${reply.message}`);
      return reply.data;
    },
    authorizedShops: (accessToken: string) =>
      call<{ shops: AuthorizedShop[] }>("/authorization/202309/shops", accessToken),
    /** Every order the token sees in the shop `cipher` names, at most 100. */
    searchOrders: (accessToken: string, cipher: string) =>
      call<{ orders: { id: string }[] }>("/order/202309/orders/search", accessToken, {
        query: { page_size: "100", shop_cipher: cipher },
        body: "{}",
      }),
  };
}

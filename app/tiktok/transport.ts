import type { z } from "zod";
import { isRetryable, TikTokApiError, TikTokAuthError } from "./errors";
import { sendTikTokRequest } from "./http";
import { toIssues } from "./order-validation";
import { DEFAULT_RETRY_POLICY, withRetry, type RetryDeps, type RetryPolicy } from "./retry";
import { signRequest } from "./signature";

export type TikTokClientOptions = {
  appKey: string;
  appSecret: string;
  /** Open API host, e.g. https://open-api.tiktokglobalshop.com (or the stand-in). */
  baseUrl: string;
  /** Token host, e.g. https://auth.tiktok-shops.com (the stand-in serves both). */
  authBaseUrl: string;
  accessToken?: string;
  shopCipher?: string;
  /** Called once when TikTok refuses the access token; returns a new one (and persists it). */
  refreshAccessToken?: () => Promise<string>;
  /** Unix seconds. */
  now?: () => number;
  retry?: Partial<RetryPolicy> & RetryDeps;
  timeoutMs?: number;
};

export type ApiCall = { method: "GET" | "POST"; path: string; query?: Record<string, string>; body?: object };

/**
 * Sends Open API calls signed as TikTok requires (fresh timestamp and signature per attempt, the JSON body
 * signed exactly as sent), retries rate limits and outages, and refreshes a refused token once.
 */
export class TikTokTransport {
  private accessToken?: string;
  private refreshing?: Promise<string>;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: TikTokClientOptions) {
    this.accessToken = options.accessToken;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  async call<S extends z.ZodType>(call: ApiCall, schema: S): Promise<z.infer<S>> {
    try {
      return await this.signedCall(call, schema);
    } catch (error) {
      if (!(error instanceof TikTokAuthError && error.tokenRejected && this.options.refreshAccessToken))
        throw error;
      this.accessToken = await this.refreshOnce(error, this.options.refreshAccessToken);
      return this.signedCall(call, schema);
    }
  }

  /** The auth host's token paths: unsigned, with the app secret in the query. */
  tokenCall<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<z.infer<S>> {
    const { appKey, appSecret, authBaseUrl } = this.options;
    const query = { app_key: appKey, app_secret: appSecret, ...params };
    return this.send(path, schema, () =>
      sendTikTokRequest({ baseUrl: authBaseUrl, method: "GET", path, query, timeoutMs: this.timeoutMs }),
    );
  }

  private signedCall<S extends z.ZodType>(call: ApiCall, schema: S): Promise<z.infer<S>> {
    const { appKey, appSecret, baseUrl, shopCipher } = this.options;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    return this.send(call.path, schema, () => {
      const query: Record<string, string> = { ...call.query, app_key: appKey, timestamp: String(this.now()) };
      if (shopCipher && needsShopCipher(call.path)) query.shop_cipher = shopCipher;
      const signed = call.method === "GET" ? undefined : body;
      query.sign = signRequest({ appSecret, path: call.path, query, body: signed });
      const accessToken = this.accessToken;
      return sendTikTokRequest({ ...call, baseUrl, query, body, accessToken, timeoutMs: this.timeoutMs });
    });
  }

  private async send<S extends z.ZodType>(
    path: string,
    schema: S,
    attempt: () => Promise<unknown>,
  ): Promise<z.infer<S>> {
    const data = await withRetry(attempt, this.policy, this.options.retry);
    const parsed = schema.safeParse(data ?? {});
    if (parsed.success) return parsed.data;
    const detail = toIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`);
    throw new TikTokApiError(-1, `Unexpected response shape from ${path}: ${detail.join("; ")}`, { path });
  }

  /** Concurrent requests that hit a refused token share one refresh. */
  private refreshOnce(original: TikTokAuthError, refresh: () => Promise<string>): Promise<string> {
    this.refreshing ??= refresh()
      .catch((cause: unknown) => {
        if (cause instanceof TikTokAuthError || isRetryable(cause)) throw cause;
        const message = "Refreshing the TikTok access token failed";
        throw new TikTokAuthError(original.code, message, original, false, { cause });
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private now(): number {
    return this.options.now?.() ?? Math.floor(Date.now() / 1000);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 15_000;
  }
}

/** TikTok refuses `shop_cipher` on authorization and seller paths and requires it elsewhere. */
export function needsShopCipher(path: string): boolean {
  return !path.startsWith("/authorization/") && !path.startsWith("/seller/");
}

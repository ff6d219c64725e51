import type { TikTokClient } from "~/tiktok/client";
import type { ShopClientOptions } from "~/tiktok/connection.server";
import { TikTokRateLimitError } from "~/tiktok/errors";
import { sleep, withRetry } from "~/tiktok/retry";

/** Refusals of one call by the rate limit before it is given up (the fulfilment is then due again later). */
const MAX_REFUSALS = 20;

/**
 * TikTok limits each shop's requests per second and answers 429 with `Retry-After` (in whole seconds)
 * beyond it. Each shop gets a pace in this process: once TikTok refuses one call, every call of the shop
 * waits for `Retry-After`, rather than each running into the limit on its own and losing a retry for it; then
 * they go on together, as TikTok's allowance has refilled meanwhile. Other shops go on meanwhile.
 */
class TikTokShopPace {
  private readonly resumeAt = new Map<string, number>();

  /** Waits until the shop may be called again. */
  async ready(tiktokShopId: string): Promise<void> {
    for (;;) {
      const wait = (this.resumeAt.get(tiktokShopId) ?? 0) - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  refused(tiktokShopId: string, retryAfterSeconds = 1): void {
    const until = Date.now() + retryAfterSeconds * 1000;
    if (until > (this.resumeAt.get(tiktokShopId) ?? 0)) this.resumeAt.set(tiktokShopId, until);
  }

  /** When the shop may be called again: a rate-limited fulfilment is due then, not after a backoff. */
  resumesAt(tiktokShopId: string, now = new Date()): Date {
    return new Date(Math.max(now.getTime(), this.resumeAt.get(tiktokShopId) ?? 0));
  }
}

export const tiktokPace = new TikTokShopPace();

/**
 * The client options for a paced client: one attempt per call, as `pacedClient` retries (a refusal by the
 * rate limit on the shop's pace; an outage with the client's usual backoff).
 */
export const PACED_CLIENT_OPTIONS: ShopClientOptions = { retry: { maxAttempts: 1 } };

/** The client with every call waiting for its shop's pace, and a call the rate limit refused tried again. */
export function pacedClient(client: TikTokClient, tiktokShopId: string): TikTokClient {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      const call = (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      return (...args: unknown[]) =>
        withRetry(async () => {
          for (let refusals = 1; ; refusals++) {
            await tiktokPace.ready(tiktokShopId);
            try {
              return await call(...args);
            } catch (error) {
              if (!(error instanceof TikTokRateLimitError)) throw error;
              tiktokPace.refused(tiktokShopId, error.retryAfterSeconds);
              if (refusals >= MAX_REFUSALS) throw error;
            }
          }
        });
    },
  });
}

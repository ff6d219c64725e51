/** What a shop's Open API requests came to since the limit was last set: answered, and refused with 429. */
export type ShopRequestCount = { accepted: number; limited: number };

export type RateLimitState = {
  /** Requests per second each shop may make; null: no limit. */
  requestsPerSecond: number | null;
  /** Per shop id, since the limit was last set (or the stand-in reset). */
  shops: Record<string, ShopRequestCount>;
};

/**
 * TikTok's per-shop rate limit: each shop's Open API requests are metered on their own, so one busy shop
 * doesn't slow another. A token bucket per shop: a full second's worth of requests at once after a quiet
 * spell, then one every 1/rate seconds; a request over the limit is refused with 429 and TikTok's rate-limit
 * code, and `Retry-After` says in whole seconds when the next one would pass. Refused requests use up
 * nothing. Every request is counted, with or without a limit, so a test or a bench can compare what the app
 * sent with what the limit allows.
 */
export class ShopRateLimit {
  private perSecond: number | null = null;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private counts = new Map<string, ShopRequestCount>();

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  /** Sets the limit (null lifts it) and starts the counts afresh. */
  set(requestsPerSecond: number | null): RateLimitState {
    this.perSecond = requestsPerSecond;
    this.buckets.clear();
    this.counts = new Map();
    return this.describe();
  }

  /** Takes one request of the shop's allowance: undefined when it may go, else the seconds to wait. */
  take(shopId: string): { retryAfterSeconds: number } | undefined {
    const count = this.countOf(shopId);
    const rate = this.perSecond;
    if (rate === null) {
      count.accepted += 1;
      return undefined;
    }
    const now = this.nowMs();
    const bucket = this.buckets.get(shopId) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(shopId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      count.accepted += 1;
      return undefined;
    }
    count.limited += 1;
    return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
  }

  describe(): RateLimitState {
    return {
      requestsPerSecond: this.perSecond,
      shops: Object.fromEntries([...this.counts].map(([id, count]) => [id, { ...count }])),
    };
  }

  private countOf(shopId: string): ShopRequestCount {
    let count = this.counts.get(shopId);
    if (!count) {
      count = { accepted: 0, limited: 0 };
      this.counts.set(shopId, count);
    }
    return count;
  }
}

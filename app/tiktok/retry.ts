import { isRetryable } from "./errors";

/** How the client retries rate-limited and unavailable requests: exponential backoff with full jitter. */
export type RetryPolicy = {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export type RetryDeps = {
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts; the last
 * retryable error is rethrown with the number of attempts made. A `Retry-After` from TikTok wins over the
 * computed delay, capped at `maxDelayMs`.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  deps: RetryDeps = {},
): Promise<T> {
  const wait = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      error.attempts = attempt;
      if (attempt >= policy.maxAttempts) throw error;
      const retryAfterMs =
        "retryAfterSeconds" in error && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
      await wait(Math.min(policy.maxDelayMs, Math.max(retryAfterMs, backoffDelay(attempt, policy, random))));
    }
  }
}

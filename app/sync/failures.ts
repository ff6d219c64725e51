import {
  ShopifyAuthError,
  ShopifyQueryError,
  ShopifyThrottledError,
  ShopifyUnavailableError,
} from "~/admin-api/errors";
import { userErrorText, type UserError } from "~/admin-api/operations/user-errors";
import { TikTokAuthError } from "~/tiktok/errors";
import type { FailureCode } from "./reasons";

/**
 * What went wrong after the checks passed, in the terms the merchant sees (a failure code) and the terms
 * the queue needs: `transient` failures are retried by themselves; `uncertain` ones may have created the
 * Shopify order, so the retry looks it up before creating anything.
 */
export type Failure = { code: FailureCode; message: string; transient: boolean; uncertain: boolean };

export class NotConnectedError extends Error {
  override name = "NotConnectedError";
}

/** Shopify refused the order: out of stock, or a field it needs that the TikTok order lacks. */
export function failureFromUserErrors(errors: readonly UserError[]): Failure {
  const message = userErrorText([...errors]);
  // Shopify documents INVENTORY_CLAIM_FAILED; stores have also been seen to answer INVALID with this text.
  const stock = (error: UserError) =>
    error.code === "INVENTORY_CLAIM_FAILED" || /reserve inventory|out of stock/i.test(error.message);
  if (errors.some(stock)) {
    return { code: "OUT_OF_STOCK", message, transient: false, uncertain: false };
  }
  return { code: "MISSING_REQUIRED_FIELD", message, transient: false, uncertain: false };
}

export function failureFromError(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ShopifyUnavailableError) {
    return { code: "PLATFORM_ERROR", message, transient: true, uncertain: error.uncertain };
  }
  if (error instanceof ShopifyThrottledError) {
    return { code: "PLATFORM_ERROR", message, transient: true, uncertain: false };
  }
  if (
    error instanceof ShopifyAuthError ||
    error instanceof TikTokAuthError ||
    error instanceof NotConnectedError
  ) {
    return { code: "AUTH_ERROR", message, transient: false, uncertain: false };
  }
  if (error instanceof ShopifyQueryError) {
    return { code: "PLATFORM_ERROR", message, transient: false, uncertain: false };
  }
  // Anything else (a database blip, a bug) is retried a few times and then shown with its message.
  return { code: "PLATFORM_ERROR", message, transient: true, uncertain: true };
}

export type RetryPolicy = {
  /** Attempts before a transient failure is shown as Failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Shopify's order search lags a create by a few seconds: an uncertain create is looked up no sooner. */
  minUncertainDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 15_000,
  maxDelayMs: 30 * 60_000,
  minUncertainDelayMs: 10_000,
};

/**
 * When to try again after the `attempt`-th failed attempt, or null when it is time to give up and show
 * the failure. Exponential (15 s, 30 s, 1 min, …, at most 30 min by default) with ±20 % jitter.
 */
export function retryAt(
  failure: Failure,
  attempt: number,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
): Date | null {
  if (!failure.transient || attempt >= policy.maxAttempts) return null;
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = Math.max(failure.uncertain ? policy.minUncertainDelayMs : 0, base * (0.8 + 0.4 * random()));
  return new Date(now.getTime() + Math.round(delay));
}

/**
 * Infrastructure faults talking to the Admin API, as small classes that carry what the caller needs.
 * A mutation's userErrors are not exceptions: operations return them as typed failures.
 */
export class ShopifyError extends Error {
  override name = "ShopifyError";
}

/** Shopify could not be reached or answered 5xx. `uncertain` when a mutation may have been applied. */
export class ShopifyUnavailableError extends ShopifyError {
  override name = "ShopifyUnavailableError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly uncertain: boolean,
  ) {
    super(message);
  }
}

/** The access token is missing, expired or revoked (401/403): the merchant must open the app again. */
export class ShopifyAuthError extends ShopifyError {
  override name = "ShopifyAuthError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Shopify refused the document itself (a bug in the app, or a cost above the single-query limit). */
export class ShopifyQueryError extends ShopifyError {
  override name = "ShopifyQueryError";
  constructor(
    message: string,
    readonly errors: unknown[],
  ) {
    super(message);
  }
}

/** Still throttled after waiting as long as the caller allows. */
export class ShopifyThrottledError extends ShopifyError {
  override name = "ShopifyThrottledError";
  constructor(readonly retryAfterMs: number) {
    super(`Shopify is throttling this app; retry in ${Math.ceil(retryAfterMs / 1000)} s.`);
  }
}

/**
 * Infrastructure faults from the TikTok Shop Open API, as small classes that carry data. Codes come from
 * TikTok's "Common errors" page: 105xxx token problems, 106001 bad signature, 36009002 rate limit,
 * 36009003/36009007 internal error or timeout, and 36009004, which TikTok reuses for several request
 * failures and must be told apart by its message.
 */
export type TikTokErrorContext = { path: string; httpStatus?: number; requestId?: string };

export class TikTokError extends Error {
  readonly path: string;
  readonly httpStatus?: number;
  readonly requestId?: string;

  constructor(message: string, context: TikTokErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.path = context.path;
    this.httpStatus = context.httpStatus;
    this.requestId = context.requestId;
  }
}

/** TikTok answered with `code` ≠ 0 and the code has no more specific class. */
export class TikTokApiError extends TikTokError {
  constructor(
    readonly code: number,
    message: string,
    context: TikTokErrorContext,
  ) {
    super(message, context);
  }
}

/**
 * The access token (or auth code / refresh token) was refused: the merchant may need to reconnect.
 * `tokenRejected` marks the cases a token refresh can fix (expired or unknown access token).
 */
export class TikTokAuthError extends TikTokApiError {
  constructor(
    code: number,
    message: string,
    context: TikTokErrorContext,
    readonly tokenRejected: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, message, context);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** TikTok refused the request signature or its timestamp: a configuration fault (wrong app secret, clock). */
export class TikTokSignatureError extends TikTokApiError {}

/** Still rate limited after the client's retries. */
export class TikTokRateLimitError extends TikTokApiError {
  attempts = 1;
  constructor(
    code: number,
    message: string,
    context: TikTokErrorContext,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message, context);
  }
}

/** TikTok unreachable, timing out or failing with 5xx, after the client's retries. */
export class TikTokUnavailableError extends TikTokError {
  attempts = 1;
}

export const RATE_LIMIT_CODE = 36009002;
const UNAVAILABLE_CODES = new Set([36009003, 36009007]);
const SHARED_CODE = 36009004;

export type ErrorEnvelope = { code: number; message: string; retryAfterSeconds?: number };

/** Turns a TikTok error envelope (code ≠ 0) or a bare HTTP failure into the error to throw. */
export function classifyTikTokError(envelope: ErrorEnvelope, context: TikTokErrorContext): TikTokError {
  const { code, message } = envelope;
  if (code === RATE_LIMIT_CODE || context.httpStatus === 429) {
    return new TikTokRateLimitError(code, message, context, envelope.retryAfterSeconds);
  }
  if (UNAVAILABLE_CODES.has(code) || (context.httpStatus ?? 0) >= 500) {
    return new TikTokUnavailableError(`${message} (code ${code})`, context);
  }
  if (code === 106001) return new TikTokSignatureError(code, message, context);
  if (code === SHARED_CODE && /signature|timestamp/i.test(message)) {
    return new TikTokSignatureError(code, message, context);
  }
  if (code === SHARED_CODE && /access_token|x-tts-access-token/i.test(message)) {
    return new TikTokAuthError(code, message, context, true);
  }
  if (isTokenCode(code)) return new TikTokAuthError(code, message, context, code !== 105005);
  if (isAuthorizationCode(code)) return new TikTokAuthError(code, message, context, false);
  return new TikTokApiError(code, message, context);
}

/** 105xxx: the access token is expired, invalid or lacks a scope (105005). */
function isTokenCode(code: number): boolean {
  return code >= 105000 && code < 106000;
}

/** 36004xxx: auth code / refresh token refused; 101000: token not associated with the shop. */
function isAuthorizationCode(code: number): boolean {
  return (code >= 36004000 && code < 36005000) || code === 101000;
}

export function isRetryable(error: unknown): error is TikTokRateLimitError | TikTokUnavailableError {
  return error instanceof TikTokRateLimitError || error instanceof TikTokUnavailableError;
}

import { describe, expect, it } from "vitest";
import {
  classifyTikTokError,
  TikTokApiError,
  TikTokAuthError,
  TikTokRateLimitError,
  TikTokSignatureError,
  TikTokUnavailableError,
} from "./errors";
import { backoffDelay, withRetry } from "./retry";

const context = { path: "/order/202309/orders" };
const classify = (code: number, message = "", httpStatus = 200) =>
  classifyTikTokError({ code, message }, { ...context, httpStatus });

describe("classifyTikTokError", () => {
  it("treats an expired or unknown access token as refreshable auth errors", () => {
    expect(classify(105002)).toMatchObject({ constructor: TikTokAuthError, tokenRejected: true });
    const unknown = classify(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");
    expect(unknown).toMatchObject({ constructor: TikTokAuthError, tokenRejected: true });
  });

  it("treats a missing scope and refused auth codes as auth errors a refresh cannot fix", () => {
    expect(classify(105005)).toMatchObject({ constructor: TikTokAuthError, tokenRejected: false });
    expect(classify(36004004, "Invalid auth code.")).toMatchObject({
      constructor: TikTokAuthError,
      tokenRejected: false,
    });
  });

  it("tells signature and timestamp failures apart from other 36009004 answers by their message", () => {
    expect(classify(106001)).toBeInstanceOf(TikTokSignatureError);
    expect(
      classify(
        36009004,
        "Missing credentials. The request does not include a required signature in the query.",
      ),
    ).toBeInstanceOf(TikTokSignatureError);
    expect(
      classify(
        36009004,
        "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
      ),
    ).toBeInstanceOf(TikTokSignatureError);
    const other = classify(
      36009004,
      "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
    );
    expect(other.constructor).toBe(TikTokApiError);
  });

  it("recognises rate limiting by code or HTTP 429, and outages by code or 5xx", () => {
    expect(classify(36009002)).toBeInstanceOf(TikTokRateLimitError);
    expect(classify(0, "HTTP 429", 429)).toBeInstanceOf(TikTokRateLimitError);
    expect(classify(36009003)).toBeInstanceOf(TikTokUnavailableError);
    expect(classify(0, "HTTP 502", 502)).toBeInstanceOf(TikTokUnavailableError);
  });
});

describe("withRetry", () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 };

  it("grows the backoff exponentially up to its ceiling, scaled by jitter", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      100, 200, 300, 300,
    ]);
    expect(backoffDelay(2, policy, () => 0.25)).toBe(50);
  });

  it("does not retry an error that retrying cannot fix", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw classify(106001);
    };
    await expect(withRetry(failing, policy, { sleep: async () => {} })).rejects.toBeInstanceOf(
      TikTokSignatureError,
    );
    expect(calls).toBe(1);
  });
});

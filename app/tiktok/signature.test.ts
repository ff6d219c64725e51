import { describe, expect, it } from "vitest";
import { signRequest, signWebhook, verifyWebhookSignature } from "./signature";

describe("signRequest", () => {
  it("reproduces TikTok's published example for GET /authorization/202309/shops", () => {
    const sign = signRequest({
      appSecret: "e59af819cc",
      path: "/authorization/202309/shops",
      query: { app_key: "29a39d", timestamp: "1623812664" },
    });
    expect(sign).toBe("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
  });

  it("leaves sign and access_token out of the signed parameters", () => {
    const base = { appSecret: "e59af819cc", path: "/authorization/202309/shops" };
    const plain = signRequest({ ...base, query: { app_key: "29a39d", timestamp: "1623812664" } });
    const withExtras = signRequest({
      ...base,
      query: { timestamp: "1623812664", sign: "stale", access_token: "TTP_x", app_key: "29a39d" },
    });
    expect(withExtras).toBe(plain);
  });

  it("signs the body of a POST exactly as sent", () => {
    const input = {
      appSecret: "secret",
      path: "/order/202309/orders/search",
      query: { app_key: "key", page_size: "10", shop_cipher: "GCP_1", timestamp: "1700000000" },
    };
    const withBody = signRequest({ ...input, body: '{"update_time_ge":1}' });
    expect(withBody).not.toBe(signRequest(input));
    expect(withBody).not.toBe(signRequest({ ...input, body: '{"update_time_ge": 1}' }));
    expect(withBody).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("verifyWebhookSignature", () => {
  // TikTok's webhook overview example: app key "abcdef", app secret "123".
  const official = {
    appKey: "abcdef",
    appSecret: "123",
    rawBody:
      '{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507",' +
      '"timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178",' +
      '"order_status":"UNPAID","update_time":1718305585}}',
  };
  const officialSignature = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

  it("reproduces TikTok's published webhook signature", () => {
    expect(signWebhook(official)).toBe(officialSignature);
  });

  it("accepts a valid signature over a string or the raw bytes", () => {
    expect(verifyWebhookSignature({ ...official, signature: officialSignature })).toBe(true);
    const bytes = new Uint8Array(Buffer.from(official.rawBody));
    expect(verifyWebhookSignature({ ...official, rawBody: bytes, signature: officialSignature })).toBe(true);
  });

  it("verifies bytes that are not UTF-8 as they are, and refuses a signature over their decoded text", () => {
    const bytes = Uint8Array.from([...Buffer.from('{"shop_id":"'), 0xff, ...Buffer.from('"}')]);
    const decoded = Buffer.from(bytes).toString("utf8");
    const overBytes = signWebhook({ ...official, rawBody: bytes });
    const overText = signWebhook({ ...official, rawBody: decoded });
    expect(overText).not.toBe(overBytes);
    expect(verifyWebhookSignature({ ...official, rawBody: bytes, signature: overBytes })).toBe(true);
    expect(verifyWebhookSignature({ ...official, rawBody: bytes, signature: overText })).toBe(false);
  });

  it("rejects a signature made with another app key", () => {
    const signature = signWebhook({ ...official, appKey: "other" });
    expect(verifyWebhookSignature({ ...official, signature })).toBe(false);
  });

  it("rejects a body altered after signing", () => {
    const rawBody = official.rawBody.replace("UNPAID", "AWAITING_SHIPMENT");
    expect(verifyWebhookSignature({ ...official, rawBody, signature: officialSignature })).toBe(false);
  });

  it("rejects a signature of the wrong length or a missing one without throwing", () => {
    expect(verifyWebhookSignature({ ...official, signature: officialSignature.slice(0, 10) })).toBe(false);
    expect(verifyWebhookSignature({ ...official, signature: `${officialSignature}00` })).toBe(false);
    expect(verifyWebhookSignature({ ...official, signature: "" })).toBe(false);
    expect(verifyWebhookSignature({ ...official, signature: undefined })).toBe(false);
  });
});

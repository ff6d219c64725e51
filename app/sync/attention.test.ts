import { describe, expect, it } from "vitest";
import { buildRecipientAddress, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { AFTER_THE_CHECKS, ATTENTION_FIELDS, attentionPayload, needsMerchant } from "./attention";
import { BLOCK_REASON_CODES, describeReason, FAILURE_CODES } from "./reasons";

const page = "https://admin.shopify.com/store/s/apps/k/app/orders/577000000000000001";

describe("which outcomes Shopify Flow is told of", () => {
  it("a block for a reason the merchant acts on, not one that waits or was left out on purpose", () => {
    const told = BLOCK_REASON_CODES.filter((reason) => needsMerchant({ kind: "blocked", reason }));
    expect(told).toEqual(BLOCK_REASON_CODES.filter((code) => describeReason(code).attention === "action"));
    expect(told).toEqual(
      expect.arrayContaining([
        "PRODUCT_NOT_LINKED",
        "PRODUCT_DELETED",
        "PLAN_INACTIVE",
        "AUTO_SYNC_DISABLED",
      ]),
    );
    for (const reason of [
      "ORDER_ON_HOLD",
      "SAMPLE_PENDING_COMBINATION",
      "ORDER_CANCELLED",
      "FULFILLED_BY_TIKTOK",
    ])
      expect(told).not.toContain(reason);
  });

  it("a failure once it is final, never one the sync retries by itself", () => {
    expect(needsMerchant({ kind: "failed", final: true })).toBe(true);
    expect(needsMerchant({ kind: "failed", final: false })).toBe(false);
  });
});

describe("the trigger's payload", () => {
  it("names a block's reason, how to fix it, its stage and the order's page", () => {
    expect(
      attentionPayload({
        tiktokOrderId: "577000000000000001",
        reasonCode: "PRODUCT_NOT_LINKED",
        orderPageUrl: page,
      }),
    ).toEqual({
      [ATTENTION_FIELDS.tiktokOrderId]: "577000000000000001",
      [ATTENTION_FIELDS.reasonCode]: "PRODUCT_NOT_LINKED",
      [ATTENTION_FIELDS.reason]:
        "Product not linked to Shopify. Link the TikTok product to a Shopify variant on the Products page. The order syncs once it is.",
      [ATTENTION_FIELDS.stage]: "Stage 6: Shopify products",
      [ATTENTION_FIELDS.orderPage]: page,
    });
  });

  it("words a failure as the order page does, naming the field and the value Shopify refused", () => {
    const order = buildTikTokOrder({ recipient_address: buildRecipientAddress({ postal_code: "9021" }) });
    const payload = attentionPayload({
      tiktokOrderId: order.id,
      reasonCode: "INVALID_FIELD",
      message: "order.shippingAddress.zip: Zip is invalid",
      order,
      orderPageUrl: page,
    });
    expect(payload[ATTENTION_FIELDS.reason]).toBe(
      "Shopify refused a value in the order. Shopify refused the ZIP code '9021' of the shipping address.",
    );
    expect(payload[ATTENTION_FIELDS.stage]).toBe(AFTER_THE_CHECKS);
  });

  it("falls back to the reason's help for a failure whose message is unknown, and keeps every value on one line", () => {
    for (const reasonCode of FAILURE_CODES) {
      const payload = attentionPayload({
        tiktokOrderId: "1\n2",
        reasonCode,
        message: null,
        orderPageUrl: page,
      });
      expect(payload[ATTENTION_FIELDS.reason]).toContain(describeReason(reasonCode).title);
      expect(Object.values(payload).some((value) => /[\r\n]/.test(value))).toBe(false);
      expect(payload[ATTENTION_FIELDS.tiktokOrderId]).toBe("1 2");
    }
  });
});

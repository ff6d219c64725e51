import { describe, expect, it } from "vitest";
import { buildLineItem, buildRecipientAddress, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { failureFromUserErrors, plainFailure } from "./failures";

const zip = { field: ["order", "shippingAddress", "zip"], message: "Zip is invalid", code: "INVALID" };
const country = {
  field: ["order", "shippingAddress", "countryCode"],
  message: "Country code can't be blank",
  code: "INVALID",
};
const stock = { field: ["order", "lineItems"], message: "Line items Unable to reserve inventory" };

describe("a refusal of the Shopify order", () => {
  it("is out of stock when Shopify can't reserve inventory, whatever code it gives", () => {
    expect(failureFromUserErrors([{ ...stock, code: "INVENTORY_CLAIM_FAILED" }]).code).toBe("OUT_OF_STOCK");
    expect(failureFromUserErrors([{ ...stock, code: "INVALID" }]).code).toBe("OUT_OF_STOCK");
  });

  it("is a missing field when Shopify says a value is blank", () => {
    expect(failureFromUserErrors([country])).toEqual({
      code: "MISSING_REQUIRED_FIELD",
      message: "order.shippingAddress.countryCode: Country code can't be blank",
      transient: false,
      uncertain: false,
    });
  });

  it("is an invalid value when Shopify refuses one that is there, alone or with a missing one", () => {
    expect(failureFromUserErrors([zip])).toMatchObject({
      code: "INVALID_FIELD",
      message: "order.shippingAddress.zip: Zip is invalid",
    });
    expect(failureFromUserErrors([country, zip]).code).toBe("INVALID_FIELD");
  });
});

describe("a failure in plain words", () => {
  const order = buildTikTokOrder({
    recipient_address: buildRecipientAddress({ postal_code: "9021" }),
    line_items: [buildLineItem(), buildLineItem({ sku_id: "sku-2", product_name: "Jade Roller" })],
  });

  it("names the field Shopify refused, where it is and the TikTok order's value", () => {
    expect(plainFailure("INVALID_FIELD", "order.shippingAddress.zip: Zip is invalid", order)).toBe(
      "Shopify refused the ZIP code '9021' of the shipping address.",
    );
    expect(plainFailure("INVALID_FIELD", "shippingAddress.zip: Zip is invalid", null)).toBe(
      "Shopify refused the ZIP code of the shipping address.",
    );
  });

  it("says what Shopify needs that the TikTok order doesn't have", () => {
    const message = "order.shippingAddress.countryCode: Country code can't be blank";
    expect(plainFailure("MISSING_REQUIRED_FIELD", message, order)).toBe(
      "Shopify needs the country of the shipping address, and the TikTok order has none.",
    );
  });

  it("names the product of a refused line, as Shopify's lines are TikTok's grouped by SKU", () => {
    const message = "order.lineItems.1.variantId: Variant not found";
    expect(plainFailure("INVALID_FIELD", message, order)).toBe(
      "Shopify refused the linked variant of Jade Roller.",
    );
  });

  it("names the products Shopify has too little stock of", () => {
    const message = "order.lineItems: Line items Unable to reserve inventory";
    expect(plainFailure("OUT_OF_STOCK", message, order)).toBe(
      "Shopify doesn't have enough stock of Glow Serum or Jade Roller for this order.",
    );
    const one = buildTikTokOrder({ line_items: [buildLineItem({ product_name: "Jade Roller" })] });
    expect(plainFailure("OUT_OF_STOCK", message, one)).toBe(
      "Shopify doesn't have enough stock of Jade Roller for this order.",
    );
  });

  it("names a field the TikTok order arrived without", () => {
    const message = "The TikTok order lacks payment.total_amount: Invalid input: expected string.";
    expect(plainFailure("MISSING_REQUIRED_FIELD", message, null)).toBe(
      "The TikTok order has no total amount.",
    );
  });

  it("keeps the app's own sentences, which are plain already", () => {
    const message = "Shopify refused the access token (HTTP 401).";
    expect(plainFailure("AUTH_ERROR", message, order)).toBe(message);
  });
});

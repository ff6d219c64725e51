import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import { buildMappingContext } from "../../test/factories/sync-context";
import { buildLineItem, buildRecipientAddress, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { orderCreateInputErrors } from "../../test/order-input-validation";
import { shopifyOrderTotal } from "./order-total";
import { clampCombineWindow, sampleWindowEndsAt } from "./sample-window";
import {
  COMBINED_ORDER_IDS_ATTRIBUTE,
  groupSampleOrders,
  sampleRecipientKey,
  toCombinedSampleOrderInput,
} from "./samples";

const PLACED = 1_800_000_000;
const sample = (minutesAfter: number, address = buildRecipientAddress(), overrides = {}) =>
  buildTikTokOrder({
    is_sample_order: true,
    create_time: PLACED + minutesAfter * 60,
    recipient_address: address,
    ...overrides,
  });

describe("sample order groups", () => {
  it("treats case, spacing and punctuation as the same recipient and address", () => {
    const typedAgain = buildRecipientAddress({
      name: "  david   KONG ",
      full_address: "1199 coleman ave. suite 100 San Jose CA, 95110",
    });
    expect(sampleRecipientKey(sample(0, typedAgain))).toBe(sampleRecipientKey(sample(0)));
    const elsewhere = buildRecipientAddress({ full_address: "1 Infinite Loop, Cupertino, CA 95014" });
    expect(sampleRecipientKey(sample(0, elsewhere))).not.toBe(sampleRecipientKey(sample(0)));
  });

  it("groups sample orders to one recipient within the window measured from the group's first order", () => {
    const first = sample(0);
    const second = sample(40);
    const third = sample(59);
    const afterWindow = sample(61);
    const groups = groupSampleOrders([afterWindow, third, first, second], 60);
    expect(groups.map((group) => group.orders.map((order) => order.id))).toEqual([
      [first.id, second.id, third.id],
      [afterWindow.id],
    ]);
    expect(groups[0]?.windowEndsAt).toEqual(new Date((PLACED + 3600) * 1000));
  });

  it("keeps other recipients, non-sample orders and orders without an address apart", () => {
    const other = sample(5, buildRecipientAddress({ name: "Someone Else" }));
    const withheld = sample(6, undefined, { recipient_address: undefined });
    const normal = buildTikTokOrder({ create_time: PLACED });
    const groups = groupSampleOrders([sample(0), other, withheld, normal], 60);
    expect(groups).toHaveLength(3);
    expect(groups.every((group) => group.orders.length === 1)).toBe(true);
  });

  it("keeps the window between 30 minutes and 24 hours", () => {
    expect(clampCombineWindow(5)).toBe(30);
    expect(clampCombineWindow(3000)).toBe(1440);
    expect(sampleWindowEndsAt(sample(0), 90)).toEqual(new Date((PLACED + 90 * 60) * 1000));
  });
});

describe("a combined sample order", () => {
  it("carries every line of every order, adds up the payments and lists all TikTok ids", () => {
    const first = sample(0, buildRecipientAddress(), {
      line_items: [buildLineItem({ sku_id: "A", platform_discount: "20.00" })],
    });
    const second = sample(10, buildRecipientAddress(), {
      line_items: [
        buildLineItem({ sku_id: "A", platform_discount: "20.00" }),
        buildLineItem({ sku_id: "B", original_price: "3.00" }),
      ],
    });
    const result = toCombinedSampleOrderInput([second, first], buildMappingContext([first, second]));
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.order.lineItems.map((line) => [line.variantId, line.quantity])).toEqual([
      ["gid://shopify/ProductVariant/A", 2],
      ["gid://shopify/ProductVariant/B", 1],
    ]);
    expect(result.order.sourceIdentifier).toBe(first.id);
    expect(result.order.tags).toContain("TikTok sample");
    expect(result.order.customAttributes).toContainEqual({
      key: COMBINED_ORDER_IDS_ATTRIBUTE,
      value: `${first.id}, ${second.id}`,
    });
    expect(shopifyOrderTotal(result.order)).toBe(3_000_000n);
    expect(orderCreateInputErrors(loadAdminSchema(), result)).toEqual([]);
  });

  it("is known in Shopify, its metafield and its source page, by its first order", () => {
    const first = sample(0);
    const second = sample(10);
    const ctx = buildMappingContext([first, second], {
      orderPageUrl: (id) => `https://admin.test/orders/${id}`,
    });
    const result = toCombinedSampleOrderInput([second, first], ctx);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.order.sourceUrl).toBe(`https://admin.test/orders/${first.id}`);
    expect(result.order.metafields).toContainEqual(
      expect.objectContaining({ key: "tiktok_order_id", value: first.id }),
    );
  });

  it("refuses to combine orders paid in different currencies", () => {
    const usd = sample(0);
    const myr = sample(5, buildRecipientAddress(), { line_items: [buildLineItem({ currency: "MYR" })] });
    expect(toCombinedSampleOrderInput([usd, myr], buildMappingContext([usd, myr]))).toMatchObject({
      ok: false,
      failure: { field: "payment.currency" },
    });
  });
});

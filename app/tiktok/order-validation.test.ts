import { describe, expect, it } from "vitest";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { partitionOrders } from "./order-validation";

describe("validating TikTok's orders", () => {
  it("keeps a status TikTok added later, as sent, instead of refusing the order", () => {
    const order = buildTikTokOrder({ status: "AWAITING_PICKUP_CONFIRMATION" });
    const { orders, invalid } = partitionOrders([order]);
    expect(invalid).toEqual([]);
    expect(orders[0]?.status).toBe("AWAITING_PICKUP_CONFIRMATION");
  });

  it("requires only the fields the mapping reads: no line currency, subtotal or original product total needed", () => {
    const { line_items: _lines, ...order } = buildTikTokOrder();
    const { currency: _currency, ...line } = buildLineItem();
    const { sub_total: _sub, original_total_product_price: _original, ...payment } = order.payment;
    const { orders, invalid } = partitionOrders([{ ...order, line_items: [line], payment }]);
    expect(invalid).toEqual([]);
    expect(orders).toHaveLength(1);
  });

  it("still names a field the mapping needs when it is missing", () => {
    const { total_amount: _total, ...payment } = buildTikTokOrder().payment;
    const { invalid } = partitionOrders([
      { ...buildTikTokOrder(), payment },
      { ...buildTikTokOrder(), status: "" },
    ]);
    expect(invalid.map((order) => order.issues.map((issue) => issue.path))).toEqual([
      ["payment.total_amount"],
      ["status"],
    ]);
  });
});

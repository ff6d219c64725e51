import { describe, expect, it } from "vitest";
import { toOrderCreateInput } from "~/sync/mapping";
import { buildMappingContext } from "../../test/factories/sync-context";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { compareMoney } from "./money-comparison";

describe("the order page's money comparison", () => {
  it("names each fee a market adds on both sides, instead of a lump adjustment", () => {
    const order = buildTikTokOrder(
      { payment: undefined },
      { shippingFee: "9000", extraFees: { buyer_service_fee: "1000", distance_fee: "2500" } },
    );
    const money = compareMoney(order.payment, toOrderCreateInput(order, buildMappingContext(order)));

    expect(money.tiktok).toEqual(
      expect.arrayContaining([
        { field: "buyer_service_fee", label: "Buyer service fee", amount: "1000" },
        { field: "distance_fee", label: "Distance fee", amount: "2500" },
      ]),
    );
    if (!money.shopify.ok) throw new Error(money.shopify.message);
    expect(money.shopify.matches).toBe(true);
    const labels = money.shopify.rows.map((row) => row.label);
    expect(labels).toEqual(expect.arrayContaining(["Shipping", "Buyer service fee", "Distance fee"]));
    expect(labels).not.toContain("Other TikTok Shop charges");
    expect(money.shopify.rows.find((row) => row.label === "Distance fee")?.amount).toBe("2500.00");
  });
});

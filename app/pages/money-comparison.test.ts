import { describe, expect, it } from "vitest";
import { toOrderCreateInput } from "~/sync/mapping";
import { buildMappingContext } from "../../test/factories/sync-context";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
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

  it("compares a converted order in TikTok's currency and gives the store's total at the rate", () => {
    const order = buildTikTokOrder(
      { line_items: [buildLineItem({ currency: "GBP", original_price: "999.99" })] },
      { shippingFee: "0.01" },
    );
    const money = { shopCurrency: "USD", rate: { value: "1.27", setAt: new Date("2026-12-06T00:00:00Z") } };
    const comparison = compareMoney(
      order.payment,
      toOrderCreateInput(order, buildMappingContext(order, { money })),
    );

    expect(comparison.currency).toBe("GBP");
    if (!comparison.shopify.ok) throw new Error(comparison.shopify.message);
    expect(comparison.shopify.matches).toBe(true);
    const row = (label: string) =>
      comparison.shopify.ok && comparison.shopify.rows.find((r) => r.label === label);
    expect(row("Total")).toMatchObject({ amount: "1000.00" });
    expect(row("Recorded as paid")).toMatchObject({ amount: "1000.00" });
    // The store's total is its converted amounts' sum: 999.99 × 1.27 = 1269.99 and 0.01 × 1.27 = 0.01.
    expect(comparison.converted).toEqual({ shopCurrency: "USD", rate: "1.27", total: "1270.00" });

    const sameCurrency = compareMoney(order.payment, toOrderCreateInput(order, buildMappingContext(order)));
    expect(sameCurrency.converted).toBeUndefined();
  });
});

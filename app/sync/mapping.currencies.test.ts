import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import type { TikTokOrder } from "~/tiktok/types";
import { buildMappingContext } from "../../test/factories/sync-context";
import {
  buildLineItem,
  buildTikTokOrder,
  buildUnits,
  fromMillionths,
  toMillionths,
} from "../../test/factories/tiktok-order";
import { orderCreateInputErrors } from "../../test/order-input-validation";
import { ATTRIBUTE, toOrderCreateInput, type MappingContext, type MappingResult } from "./mapping";
import { shopifyAmountPaid, shopifyOrderTotal } from "./order-total";
import type { MoneyBagInput } from "./shopify-order-input";

const SET_AT = new Date("2026-12-06T09:30:00Z");
const usdAt = (value: string): MappingContext["money"] => ({
  shopCurrency: "USD",
  rate: { value, setAt: SET_AT },
});

function mapped(order: TikTokOrder, money: MappingContext["money"]) {
  const result: MappingResult = toOrderCreateInput(order, buildMappingContext(order, { money }));
  if (!result.ok) throw new Error(`expected a mapping, got ${result.failure.message}`);
  return result;
}

/** Every MoneyBagInput of the input, wherever it is, with its path. */
function moneyBags(value: unknown, path = "order"): [string, MoneyBagInput][] {
  if (typeof value !== "object" || value === null) return [];
  if ("shopMoney" in value) return [[path, value as MoneyBagInput]];
  return Object.entries(value).flatMap(([key, child]) => moneyBags(child, `${path}.${key}`));
}

// The test's own conversion of a positive amount: millionths × millionths, rounded half up to `decimals`.
function converted(amount: string, rate: string, decimals: number): string {
  const product = toMillionths(amount) * toMillionths(rate);
  const minorUnit = 10n ** BigInt(12 - decimals);
  return fromMillionths((((product + minorUnit / 2n) / minorUnit) * minorUnit) / 1_000_000n, decimals);
}

// A UK order: two discounted units with VAT, a cheap line, shipping with its tax.
const gbpOrder = () =>
  buildTikTokOrder(
    {
      line_items: [
        ...buildUnits(2, {
          currency: "GBP",
          original_price: "19.99",
          seller_discount: "2.00",
          item_tax: [{ tax_type: "VAT", tax_rate: "0.2", tax_amount: "3.00" }],
        }),
        buildLineItem({ currency: "GBP", sku_id: "CHEAP", original_price: "2.50" }),
      ],
    },
    { shippingFee: "3.99", shippingTax: "0.67" },
  );

describe("toOrderCreateInput for a store in another currency", () => {
  it("presents the order in TikTok's currency and converts every amount to the store's at the rate", () => {
    const order = gbpOrder();
    const result = mapped(order, usdAt("1.27"));
    const input = result.order;

    expect(input).toMatchObject({ currency: "USD", presentmentCurrency: "GBP" });
    const bags = moneyBags(input);
    expect(bags.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        "order.lineItems.0.priceSet",
        "order.lineItems.0.taxLines.0.priceSet",
        "order.shippingLines.0.priceSet",
        "order.shippingLines.0.taxLines.0.priceSet",
        "order.discountCode.itemFixedDiscountCode.amountSet",
        "order.transactions.0.amountSet",
      ]),
    );
    for (const [path, bag] of bags) {
      expect(bag.presentmentMoney?.currencyCode, path).toBe("GBP");
      expect(bag.shopMoney.currencyCode, path).toBe("USD");
      expect(bag.shopMoney.amount, path).toBe(converted(bag.presentmentMoney?.amount ?? "", "1.27", 2));
    }
    // Reconciled with TikTok in TikTok's currency, to the penny.
    expect(fromMillionths(shopifyOrderTotal(input), 2)).toBe(order.payment.total_amount);
    expect(fromMillionths(shopifyAmountPaid(input), 2)).toBe(order.payment.total_amount);
    expect(orderCreateInputErrors(loadAdminSchema(), result)).toEqual([]);
  });

  it("rounds each converted amount half away from zero to the cent, exactly", () => {
    const { order: input } = mapped(gbpOrder(), usdAt("1.27"));
    const shop = (bag: MoneyBagInput | undefined) => [bag?.presentmentMoney?.amount, bag?.shopMoney.amount];

    expect(input.lineItems.map((line) => shop(line.priceSet))).toEqual([
      ["19.99", "25.39"], // 25.3873
      ["2.50", "3.18"], // 3.175: a float makes it 3.17
    ]);
    expect(shop(input.lineItems[0]?.taxLines?.[0]?.priceSet)).toEqual(["6.00", "7.62"]);
    expect(shop(input.shippingLines[0]?.priceSet)).toEqual(["3.99", "5.07"]); // 5.0673
    expect(shop(input.shippingLines[0]?.taxLines?.[0]?.priceSet)).toEqual(["0.67", "0.85"]); // 0.8509
    expect(shop(input.discountCode?.itemFixedDiscountCode.amountSet)).toEqual(["4.00", "5.08"]);
    expect(converted("1.50", "1.27", 2)).toBe("1.91"); // 1.905, which a float reads as 1.9049…
  });

  it("converts to a store currency without minor units, and from one", () => {
    const toYen = mapped(gbpOrder(), { shopCurrency: "JPY", rate: { value: "191.234567", setAt: SET_AT } });
    expect(toYen.order.lineItems[0]?.priceSet).toEqual({
      shopMoney: { amount: "3823", currencyCode: "JPY" }, // 3822.7789…
      presentmentMoney: { amount: "19.99", currencyCode: "GBP" },
    });

    const rupiah = buildTikTokOrder({
      line_items: [buildLineItem({ currency: "IDR", original_price: "155000" })],
    });
    const fromRupiah = mapped(rupiah, usdAt("0.000063"));
    expect(fromRupiah.order).toMatchObject({ currency: "USD", presentmentCurrency: "IDR" });
    expect(fromRupiah.order.lineItems[0]?.priceSet).toEqual({
      shopMoney: { amount: "9.77", currencyCode: "USD" }, // 9.765
      presentmentMoney: { amount: "155000", currencyCode: "IDR" },
    });
    expect(fromMillionths(shopifyOrderTotal(fromRupiah.order), 0)).toBe(rupiah.payment.total_amount);
  });

  it("names the rate and the day it was set in the order's note and details", () => {
    const result = mapped(gbpOrder(), usdAt("1.270"));
    expect(result.order.note).toBe(
      "Amounts in GBP, converted to USD at 1 GBP = 1.27 USD (the rate set in Settings on 2026-12-06).",
    );
    expect(result.order.customAttributes).toContainEqual({
      key: ATTRIBUTE.exchangeRate,
      value: "1 GBP = 1.27 USD",
    });
    expect(ATTRIBUTE.exchangeRate).toBe("exchange_rate");
    expect(result.exchangeRate).toBe("1.27");
    // TikTok's own figures stay in TikTok's currency.
    expect(result.order.customAttributes).toContainEqual({
      key: ATTRIBUTE.sellerDiscount,
      value: "4.00 GBP",
    });
  });

  it("fails with EXCHANGE_RATE_MISSING, naming both currencies, when Settings has no usable rate", () => {
    const order = gbpOrder();
    const ctx = (money: MappingContext["money"]) => buildMappingContext(order, { money });
    expect(toOrderCreateInput(order, ctx({ shopCurrency: "USD" }))).toEqual({
      ok: false,
      failure: {
        code: "EXCHANGE_RATE_MISSING",
        field: "payment.currency",
        message: "No exchange rate from GBP to USD: set one in Settings.",
      },
    });
    for (const value of ["0", "-1.27", "1.2345678", "abc", ""]) {
      const result = toOrderCreateInput(order, ctx(usdAt(value)));
      expect(result.ok || result.failure.code, value).toBe("EXCHANGE_RATE_MISSING");
    }
  });

  it("maps an order in the store's own currency exactly as without a currency setting", () => {
    const order = gbpOrder();
    const without = toOrderCreateInput(order, buildMappingContext(order));
    for (const money of [
      { shopCurrency: "GBP" },
      { shopCurrency: "gbp", rate: { value: "1.27", setAt: SET_AT } },
    ]) {
      expect(toOrderCreateInput(order, buildMappingContext(order, { money }))).toEqual(without);
    }
  });
});

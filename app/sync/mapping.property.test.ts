import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import type { TikTokLineItem } from "~/tiktok/types";
import { buildMappingContext } from "../../test/factories/sync-context";
import {
  buildTikTokOrder,
  buildUnits,
  fromMillionths,
  toMillionths,
  type OrderCharges,
} from "../../test/factories/tiktok-order";
import { ATTRIBUTE, toOrderCreateInput } from "./mapping";
import { orderCreateInputErrors } from "../../test/order-input-validation";
import { shopifyAmountPaid, shopifyOrderTotal } from "./order-total";
import type { MoneyBagInput, OrderCreateOrderInput } from "./shopify-order-input";

// Amounts are generated as integers of the currency's minor unit and written as TikTok writes them.
const CURRENCIES = [
  { code: "USD", digits: 2, maxPrice: 50_000 },
  { code: "MYR", digits: 2, maxPrice: 80_000 },
  { code: "IDR", digits: 0, maxPrice: 2_000_000 },
  { code: "JPY", digits: 0, maxPrice: 60_000 },
] as const;
const write = (minor: number, digits: number) =>
  fromMillionths(BigInt(minor) * 10n ** BigInt(6 - digits), digits);
const share = (minor: number, percent: number) => Math.floor((minor * percent) / 100);

const skuArbitrary = fc.record({
  units: fc.integer({ min: 1, max: 5 }),
  pricePermille: fc.integer({ min: 0, max: 1000 }),
  sellerPercent: fc.integer({ min: 0, max: 60 }),
  platformPercent: fc.integer({ min: 0, max: 100 }),
  taxPercent: fc.constantFrom(0, 0, 6, 10, 11, 12),
  lastUnitDiffers: fc.boolean(),
});

const orderArbitrary = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  skus: fc.array(skuArbitrary, { minLength: 1, maxLength: 4 }),
  shippingPermille: fc.integer({ min: 0, max: 100 }),
  shippingSellerPercent: fc.integer({ min: 0, max: 100 }),
  freeShippingByPlatform: fc.boolean(),
  shippingTaxPercent: fc.constantFrom(0, 8),
  retailDeliveryFee: fc.constantFrom(0, 0, 28, 29),
  taxesIncluded: fc.boolean(),
  serviceFee: fc.constantFrom(0, 0, 0, 1000),
  unexplained: fc.oneof(
    { weight: 9, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: -50, max: 500 }) },
  ),
});

type Spec = typeof orderArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildOrder(spec: Spec) {
  const { code, digits, maxPrice } = spec.currency;
  const lines: TikTokLineItem[] = spec.skus.flatMap((sku, index) => {
    const price = Math.floor((maxPrice * sku.pricePermille) / 1000);
    const unit = (sellerPercent: number) => {
      const seller = share(price, sellerPercent);
      const platform = share(price - seller, sku.platformPercent);
      const tax = share(price - seller - platform, sku.taxPercent);
      return {
        sku_id: `sku-${index}`,
        currency: code,
        original_price: write(price, digits),
        seller_discount: write(seller, digits),
        platform_discount: write(platform, digits),
        item_tax:
          tax > 0
            ? [{ tax_type: "SALES_TAX", tax_rate: `0.${sku.taxPercent}`, tax_amount: write(tax, digits) }]
            : [],
      };
    };
    const same = buildUnits(sku.lastUnitDiffers ? sku.units - 1 : sku.units, unit(sku.sellerPercent));
    return sku.lastUnitDiffers ? [...same, ...buildUnits(1, unit(0))] : same;
  });
  const shipping = Math.floor((maxPrice * spec.shippingPermille) / 1000);
  const shippingSeller = share(shipping, spec.shippingSellerPercent);
  const us = code === "USD";
  const charges: OrderCharges = {
    shippingFee: write(shipping, digits),
    shippingSellerDiscount: write(shippingSeller, digits),
    shippingPlatformDiscount: write(spec.freeShippingByPlatform ? shipping - shippingSeller : 0, digits),
    shippingTax: write(
      spec.freeShippingByPlatform ? 0 : share(shipping - shippingSeller, spec.shippingTaxPercent),
      digits,
    ),
    ...(us && spec.retailDeliveryFee > 0 ? { retailDeliveryFee: write(spec.retailDeliveryFee, digits) } : {}),
    taxesIncluded: !us && spec.taxesIncluded,
    ...(code === "IDR" && spec.serviceFee > 0
      ? { extraFees: { buyer_service_fee: write(spec.serviceFee, digits) } }
      : {}),
  };
  const order = buildTikTokOrder({ line_items: lines }, charges);
  const total =
    toMillionths(order.payment.total_amount) + BigInt(spec.unexplained) * 10n ** BigInt(6 - digits);
  return { ...order, payment: { ...order.payment, total_amount: fromMillionths(total, digits) } };
}

// Shopify's total, added up here with the factory's arithmetic rather than the app's.
function totalByHand(input: OrderCreateOrderInput): bigint {
  const of = (bag: MoneyBagInput | undefined) => (bag ? toMillionths(bag.shopMoney.amount) : 0n);
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  const taxes = [...input.lineItems, ...input.shippingLines].flatMap((line) => line.taxLines ?? []);
  return (
    sum(input.lineItems.map((line) => of(line.priceSet) * BigInt(line.quantity))) -
    of(input.discountCode?.itemFixedDiscountCode.amountSet) +
    sum(input.shippingLines.map((line) => of(line.priceSet))) +
    (input.taxesIncluded ? 0n : sum([...taxes, ...(input.taxLines ?? [])].map((line) => of(line.priceSet))))
  );
}

describe("the Shopify total of a mapped order", () => {
  it("equals TikTok's total_amount exactly, for any mix of units, discounts, shipping, taxes, fees and currency", () => {
    const schema = loadAdminSchema();
    fc.assert(
      fc.property(orderArbitrary, (spec) => {
        const order = buildOrder(spec);
        const result = toOrderCreateInput(order, buildMappingContext(order));
        if (!result.ok) throw new Error(result.failure.message);
        const expected = toMillionths(order.payment.total_amount);
        expect(totalByHand(result.order)).toBe(expected);
        expect(shopifyOrderTotal(result.order)).toBe(expected);
        expect(shopifyAmountPaid(result.order)).toBe(expected > 0n ? expected : 0n);
        expect(result.order.lineItems.reduce((units, line) => units + line.quantity, 0)).toBe(
          order.line_items.length,
        );
        expect(orderCreateInputErrors(schema, result)).toEqual([]);
        // Every generated part is one TikTok reports, so only an injected difference may need an adjustment.
        const adjusted = result.order.customAttributes.some((entry) => entry.key === ATTRIBUTE.unexplained);
        if (spec.unexplained === 0) expect(adjusted).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("writes amounts in currencies without minor units as whole numbers", () => {
    fc.assert(
      fc.property(
        orderArbitrary.filter((spec) => spec.currency.digits === 0),
        (spec) => {
          const order = buildOrder(spec);
          const result = toOrderCreateInput(order, buildMappingContext(order));
          const amounts = JSON.stringify(result).match(/"amount":"[^"]*"/g) ?? [];
          for (const amount of amounts) expect(amount).toMatch(/^"amount":"-?\d+"$/);
        },
      ),
      { numRuns: 100 },
    );
  });
});

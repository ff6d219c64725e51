import type { TikTokLineItem, TikTokOrder, TikTokPayment, TikTokRecipientAddress } from "~/tiktok/types";

/**
 * TikTok orders for tests, with consistent money: a line's sale price follows from its price and discounts,
 * and the order's payment block is computed from its lines and charges the way TikTok computes it. The
 * arithmetic here is the factory's own (exact, BigInt), so the mapper is never checked against itself.
 */
let sequence = 0;
const next = () => ++sequence;

const SCALE = 1_000_000n;
export function toMillionths(amount: string): bigint {
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return amount.startsWith("-") ? -units : units;
}
export function fromMillionths(units: bigint, decimals: number): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  const fraction = (abs % SCALE).toString().padStart(6, "0").slice(0, decimals);
  return `${sign}${abs / SCALE}${decimals > 0 ? `.${fraction}` : ""}`;
}
const decimalsOf = (...amounts: string[]) => Math.max(...amounts.map((a) => a.split(".")[1]?.length ?? 0));
const add = (...amounts: string[]) =>
  fromMillionths(
    amounts.map(toMillionths).reduce((sum, units) => sum + units, 0n),
    decimalsOf(...amounts),
  );
const minus = (from: string, ...amounts: string[]) =>
  fromMillionths(
    amounts.map(toMillionths).reduce((rest, units) => rest - units, toMillionths(from)),
    decimalsOf(from, ...amounts),
  );

export const DEFAULT_SKU_ID = "1729587969683000001";

export function buildLineItem(overrides: Partial<TikTokLineItem> = {}): TikTokLineItem {
  const original = overrides.original_price ?? "20.00";
  const sellerDiscount = overrides.seller_discount ?? "0";
  const platformDiscount = overrides.platform_discount ?? "0";
  return {
    id: `57708651212375${String(next()).padStart(4, "0")}`,
    sku_id: DEFAULT_SKU_ID,
    product_id: "1729582718312380001",
    seller_sku: "SERUM-30",
    sku_name: "30 ml",
    product_name: "Glow Serum",
    currency: "USD",
    display_status: "TO_SHIP",
    is_gift: false,
    ...overrides,
    original_price: original,
    seller_discount: sellerDiscount,
    platform_discount: platformDiscount,
    sale_price: overrides.sale_price ?? minus(original, sellerDiscount, platformDiscount),
  };
}

/** `count` units of one SKU: TikTok sends one line per unit. */
export function buildUnits(count: number, overrides: Partial<TikTokLineItem> = {}): TikTokLineItem[] {
  return Array.from({ length: count }, () => buildLineItem(overrides));
}

export function buildRecipientAddress(
  overrides: Partial<TikTokRecipientAddress> = {},
): TikTokRecipientAddress {
  return {
    name: "David Kong",
    first_name: "David",
    last_name: "Kong",
    phone_number: "(+1)2135550134",
    address_line1: "1199 Coleman Ave",
    address_line2: "Suite 100",
    address_detail: "",
    postal_code: "95110",
    region_code: "US",
    full_address: "1199 Coleman Ave, Suite 100, San Jose, CA 95110",
    district_info: [
      { address_level: "L0", address_level_name: "Country", address_name: "United States", iso_code: "US" },
      { address_level: "L1", address_level_name: "State", address_name: "California", iso_code: "US-CA" },
      { address_level: "L2", address_level_name: "County", address_name: "Santa Clara" },
      { address_level: "L3", address_level_name: "City", address_name: "San Jose" },
    ],
    ...overrides,
  };
}

/** What the buyer paid besides the lines. Amounts are decimal strings in the order's currency. */
export interface OrderCharges {
  shippingFee?: string;
  shippingSellerDiscount?: string;
  shippingPlatformDiscount?: string;
  shippingTax?: string;
  retailDeliveryFee?: string;
  /** Prices include VAT: the taxes are reported but not added to the total. */
  taxesIncluded?: boolean;
  /** Market fees TikTok adds to the total, e.g. `{ small_order_fee: "20" }`. */
  extraFees?: Record<string, string>;
}

export function buildPayment(lines: readonly TikTokLineItem[], charges: OrderCharges = {}): TikTokPayment {
  const zero = "0";
  const sum = (pick: (line: TikTokLineItem) => string | undefined) =>
    add(zero, ...lines.map((l) => pick(l) ?? zero));
  const productTax = add(
    zero,
    ...lines.flatMap((line) => (line.item_tax ?? []).map((tax) => tax.tax_amount)),
  );
  const shippingTax = charges.shippingTax ?? zero;
  const tax = add(productTax, shippingTax);
  const originalShipping = charges.shippingFee ?? zero;
  const shippingFee = minus(
    originalShipping,
    charges.shippingSellerDiscount ?? zero,
    charges.shippingPlatformDiscount ?? zero,
  );
  const subTotal = sum((line) => line.sale_price);
  const fees = Object.values(charges.extraFees ?? {});
  const rdf = charges.retailDeliveryFee;
  return {
    currency: lines[0]?.currency ?? "USD",
    original_total_product_price: sum((line) => line.original_price),
    seller_discount: sum((line) => line.seller_discount),
    platform_discount: sum((line) => line.platform_discount),
    sub_total: subTotal,
    original_shipping_fee: originalShipping,
    shipping_fee_seller_discount: charges.shippingSellerDiscount ?? zero,
    shipping_fee_platform_discount: charges.shippingPlatformDiscount ?? zero,
    shipping_fee_cofunded_discount: zero,
    shipping_fee: shippingFee,
    product_tax: productTax,
    shipping_fee_tax: shippingTax,
    tax,
    ...(rdf ? { retail_delivery_fee: rdf } : {}),
    ...charges.extraFees,
    total_amount: add(subTotal, shippingFee, charges.taxesIncluded ? zero : tax, rdf ?? zero, ...fees),
  };
}

/**
 * A paid, seller-fulfilled US order placed 2027-01-15 08:00 UTC. Overrides replace fields; the payment is
 * recomputed from the (possibly overridden) lines and `charges`, then `overrides.payment` is laid on top.
 */
export function buildTikTokOrder(
  overrides: Partial<TikTokOrder> = {},
  charges: OrderCharges = {},
): TikTokOrder {
  const createTime = overrides.create_time ?? 1_800_000_000;
  const lineItems = overrides.line_items ?? [buildLineItem()];
  return {
    id: `5764614130387${String(next()).padStart(5, "0")}`,
    status: "AWAITING_SHIPMENT",
    create_time: createTime,
    update_time: createTime + 60,
    paid_time: createTime + 5,
    fulfillment_type: "FULFILLMENT_BY_SELLER",
    shipping_type: "TIKTOK",
    order_type: "NORMAL",
    is_sample_order: false,
    is_on_hold_order: false,
    buyer_email: "v2b2V5@scs.tiktokw.us",
    user_id: "7021436810468230477",
    warehouse_id: "6955005333819123123",
    recipient_address: buildRecipientAddress(),
    ...overrides,
    line_items: lineItems,
    payment: { ...buildPayment(lineItems, charges), ...overrides.payment },
  };
}

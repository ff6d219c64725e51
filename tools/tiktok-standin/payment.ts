import type { TikTokLineItem, TikTokOrder } from "../../app/tiktok/types";
import { fromCents, SpecError, toCents } from "./money";
import type { OrderSpec } from "./order-builder";

/** TikTok's payment block, computed from the lines so every total reconciles to the cent. */
export function buildPayment(
  lines: TikTokLineItem[],
  spec: OrderSpec,
  currency: string,
): TikTokOrder["payment"] {
  const sum = (pick: (line: TikTokLineItem) => string | undefined) =>
    lines.reduce((total, line) => total + toCents(pick(line)), 0);
  const original = sum((line) => line.original_price);
  const seller = sum((line) => line.seller_discount);
  const platform = sum((line) => line.platform_discount);
  const productTax = lines.reduce(
    (t, line) => t + (line.item_tax ?? []).reduce((s, x) => s + toCents(x.tax_amount), 0),
    0,
  );
  const shipping = spec.shipping ?? {};
  const shippingOriginal = toCents(shipping.fee, "shipping.fee");
  const shippingSeller = toCents(shipping.sellerDiscount, "shipping.sellerDiscount");
  const shippingPlatform = toCents(shipping.platformDiscount, "shipping.platformDiscount");
  const shippingTax = toCents(shipping.tax, "shipping.tax");
  const retailDeliveryFee = toCents(spec.retailDeliveryFee, "retailDeliveryFee");
  const subTotal = original - seller - platform;
  const shippingFee = shippingOriginal - shippingSeller - shippingPlatform;
  if (shippingFee < 0) throw new SpecError("shipping discounts exceed the shipping fee");
  const tax = productTax + shippingTax;
  return {
    currency,
    original_total_product_price: fromCents(original),
    seller_discount: fromCents(seller),
    platform_discount: fromCents(platform),
    sub_total: fromCents(subTotal),
    original_shipping_fee: fromCents(shippingOriginal),
    shipping_fee_seller_discount: fromCents(shippingSeller),
    shipping_fee_platform_discount: fromCents(shippingPlatform),
    shipping_fee_cofunded_discount: "0.00",
    shipping_fee: fromCents(shippingFee),
    product_tax: fromCents(productTax),
    shipping_fee_tax: fromCents(shippingTax),
    tax: fromCents(tax),
    retail_delivery_fee: fromCents(retailDeliveryFee),
    total_amount: fromCents(subTotal + shippingFee + tax + retailDeliveryFee),
  };
}

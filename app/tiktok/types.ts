import { z } from "zod";

/**
 * The Open API 202309 order-detail object, as far as the app reads it. Money is a decimal string, times
 * are Unix seconds. Unknown fields are kept (the raw JSON is stored as received), and fields TikTok
 * omits in some states (the address while UNPAID or ON_HOLD) are optional.
 */
export const ORDER_STATUSES = [
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
] as const;
export type TikTokOrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * TikTok adds statuses over time: one the app doesn't know is kept as sent, shown as sent, and the order is
 * judged on what it does know (paid time, on-hold flag, cancellation), not refused.
 */
const orderStatus = z.union([z.enum(ORDER_STATUSES), z.string().min(1)]);

const money = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal amount");

export const itemTaxSchema = z.looseObject({
  tax_type: z.string().optional(),
  tax_rate: z.string().optional(),
  tax_amount: money,
});

export const lineItemSchema = z.looseObject({
  id: z.string(),
  sku_id: z.string(),
  product_id: z.string(),
  seller_sku: z.string().optional(),
  sku_name: z.string().optional(),
  product_name: z.string(),
  sku_image: z.string().optional(),
  original_price: money,
  sale_price: money,
  seller_discount: money.optional(),
  platform_discount: money.optional(),
  item_tax: z.array(itemTaxSchema).optional(),
  // The payment's currency is the one the mapping reads; a line's own is not required.
  currency: z.string().optional(),
  is_gift: z.boolean().optional(),
  display_status: z.string().optional(),
  package_id: z.string().optional(),
  /** Set once the line is in a shipped package (the way back reads them: docs/decisions/026). */
  tracking_number: z.string().optional(),
  shipping_provider_id: z.string().optional(),
  shipping_provider_name: z.string().optional(),
  /** NORMAL or PRE_ORDER (the line ships later than the rest); others may come. */
  sku_type: z.string().optional(),
});

export const paymentSchema = z.looseObject({
  currency: z.string(),
  // Shown on the order page when sent; the mapping doesn't read them, so TikTok may leave them out.
  original_total_product_price: money.optional(),
  sub_total: money.optional(),
  seller_discount: money.optional(),
  platform_discount: money.optional(),
  original_shipping_fee: money.optional(),
  shipping_fee: money.optional(),
  shipping_fee_seller_discount: money.optional(),
  shipping_fee_platform_discount: money.optional(),
  shipping_fee_cofunded_discount: money.optional(),
  tax: money.optional(),
  product_tax: money.optional(),
  shipping_fee_tax: money.optional(),
  retail_delivery_fee: money.optional(),
  total_amount: money,
});

export const districtInfoSchema = z.looseObject({
  address_level: z.string().optional(),
  address_level_name: z.string().optional(),
  address_name: z.string().optional(),
  iso_code: z.string().optional(),
});

export const recipientAddressSchema = z.looseObject({
  name: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone_number: z.string().optional(),
  address_line1: z.string().optional(),
  address_line2: z.string().optional(),
  address_line3: z.string().optional(),
  address_line4: z.string().optional(),
  address_detail: z.string().optional(),
  full_address: z.string().optional(),
  postal_code: z.string().optional(),
  region_code: z.string().optional(),
  post_town: z.string().optional(),
  district_info: z.array(districtInfoSchema).optional(),
});

export const tiktokOrderSchema = z.looseObject({
  id: z.string(),
  status: orderStatus,
  create_time: z.number().int(),
  update_time: z.number().int(),
  paid_time: z.number().int().optional(),
  /** When TikTok's logistics reported the order delivered (a cash-on-delivery order is paid then). */
  delivery_time: z.number().int().optional(),
  cancel_time: z.number().int().optional(),
  /** Cash on delivery: the buyer pays the courier, so the order is unpaid until it is delivered. */
  is_cod: z.boolean().optional(),
  payment_method_name: z.string().optional(),
  /** HOME_DELIVERY or COLLECTION_POINT (the buyer collects it at a pick-up point); others may come. */
  delivery_type: z.string().optional(),
  fulfillment_type: z.string().optional(),
  shipping_type: z.string().optional(),
  /** The delivery option the buyer chose: TikTok lists the shipping providers it accepts per option. */
  delivery_option_id: z.string().optional(),
  /** The latest time to ship (Unix seconds) before TikTok counts the order late. */
  rts_sla_time: z.number().int().optional(),
  /** NORMAL, PRE_ORDER, MADE_TO_ORDER, BACK_ORDER, ZERO_LOTTERY; others may come. */
  order_type: z.string().optional(),
  /** SPLIT or COMBINED when TikTok split an order into several or combined several into one. */
  split_or_combine_tag: z.string().optional(),
  is_sample_order: z.boolean().optional(),
  is_on_hold_order: z.boolean().optional(),
  is_replacement_order: z.boolean().optional(),
  is_exchange_order: z.boolean().optional(),
  /** On a replacement or exchange order: the order it replaces. */
  replaced_order_id: z.string().optional(),
  exchange_source_order_id: z.string().optional(),
  buyer_email: z.string().optional(),
  buyer_message: z.string().optional(),
  user_id: z.string().optional(),
  cancel_reason: z.string().optional(),
  cancellation_initiator: z.string().optional(),
  warehouse_id: z.string().optional(),
  line_items: z.array(lineItemSchema).min(1),
  payment: paymentSchema,
  recipient_address: recipientAddressSchema.optional(),
});

export type TikTokOrder = z.infer<typeof tiktokOrderSchema>;

/**
 * Whether TikTok's own logistics carry the order (`shipping_type` TIKTOK: the seller arranges a pickup or
 * drop-off and TikTok gives the tracking), rather than a carrier the seller chooses (SELLER). Its fulfilments
 * are never sent to TikTok from Shopify; TikTok's tracking comes into Shopify instead. (The fulfilment
 * webhook's statement asks the same of the stored column: app/models/shipment.server.ts.)
 */
export function carriedByTikTok(order: Pick<TikTokOrder, "shipping_type">): boolean {
  return order.shipping_type === "TIKTOK";
}
export type TikTokLineItem = z.infer<typeof lineItemSchema>;
export type TikTokPayment = z.infer<typeof paymentSchema>;
export type TikTokRecipientAddress = z.infer<typeof recipientAddressSchema>;

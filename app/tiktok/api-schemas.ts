import { z } from "zod";

/**
 * Shapes of the Open API responses the client reads besides orders (which live in types.ts). TikTok's own
 * field names are kept; unknown fields pass through.
 */

/** Every response: `{ code, message, request_id, data }`; code 0 means success. */
export const envelopeSchema = z.looseObject({
  code: z.number(),
  message: z.string().default(""),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

/** `/api/v2/token/get` and `/api/v2/token/refresh`. The `*_expire_in` fields are Unix times, not durations. */
export const tokenSchema = z.looseObject({
  access_token: z.string(),
  access_token_expire_in: z.number().int(),
  refresh_token: z.string(),
  refresh_token_expire_in: z.number().int(),
  open_id: z.string().optional(),
  seller_name: z.string().optional(),
  seller_base_region: z.string().optional(),
  user_type: z.number().optional(),
  granted_scopes: z.array(z.string()).optional(),
});
export type TikTokToken = z.infer<typeof tokenSchema>;

export const shopSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  cipher: z.string(),
  code: z.string().optional(),
  seller_type: z.string().optional(),
});
export type TikTokShop = z.infer<typeof shopSchema>;
export const shopsDataSchema = z.looseObject({ shops: z.array(shopSchema).default([]) });

const salesAttributeSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  value_id: z.string().optional(),
  value_name: z.string(),
});

/** Search returns `tax_exclusive_price`/`sale_price`; product detail returns `amount`/`sale_price`. */
const skuPriceSchema = z.looseObject({
  currency: z.string(),
  amount: z.string().optional(),
  sale_price: z.string().optional(),
  tax_exclusive_price: z.string().optional(),
});

export const productSkuSchema = z.looseObject({
  id: z.string(),
  seller_sku: z.string().optional(),
  price: skuPriceSchema.optional(),
  sales_attributes: z.array(salesAttributeSchema).default([]),
});

export const productSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  status: z.string().optional(),
  skus: z.array(productSkuSchema).default([]),
  create_time: z.number().int().optional(),
  update_time: z.number().int().optional(),
});
export type TikTokProduct = z.infer<typeof productSchema>;

const pageFields = {
  next_page_token: z.string().optional(),
  total_count: z.number().int().default(0),
};

export const productPageSchema = z.looseObject({
  products: z.array(productSchema).default([]),
  ...pageFields,
});

/** Orders stay `unknown` here: each one is validated on its own so one bad order cannot fail a page. */
export const orderPageSchema = z.looseObject({ orders: z.array(z.unknown()).default([]), ...pageFields });
export const orderListSchema = z.looseObject({ orders: z.array(z.unknown()).default([]) });

/** `GET /logistics/202309/delivery_options/{id}/shipping_providers`: the carriers TikTok accepts for it. */
export const shippingProvidersSchema = z.looseObject({
  shipping_providers: z.array(z.looseObject({ id: z.string(), name: z.string() })).default([]),
});
export type TikTokShippingProvider = z.infer<typeof shippingProvidersSchema>["shipping_providers"][number];

/** `POST /fulfillment/202309/orders/{order_id}/packages` (mark as shipped). */
export const markShippedSchema = z.looseObject({ package_id: z.string() });

/** `GET /fulfillment/202309/packages/{id}/handover_time_slots`: how a TikTok Shipping parcel can leave. */
export const handoverSlotsSchema = z.looseObject({
  can_pickup: z.boolean().default(false),
  can_drop_off: z.boolean().default(false),
  // TikTok spells it "avaliable".
  pickup_slots: z
    .array(
      z.looseObject({
        start_time: z.number().int(),
        end_time: z.number().int(),
        avaliable: z.boolean().optional(),
      }),
    )
    .default([]),
  drop_off_point_url: z.string().optional(),
});

/** `GET /fulfillment/202309/packages/{id}/shipping_documents`: a link to the label, valid for 24 hours. */
export const shippingDocumentSchema = z.looseObject({
  doc_url: z.string(),
  tracking_number: z.string().optional(),
});

/** `POST /return_refund/202309/cancellations`: the seller's cancellation of an order. */
export const sellerCancelSchema = z.looseObject({
  cancel_id: z.string(),
  cancel_status: z.string().optional(),
});

/** Any answer whose data the app doesn't read. */
export const ignoredDataSchema = z.unknown();

/** `GET /return_refund/202309/reject_reasons`: the reasons a seller may give for refusing a request. */
export const rejectReasonsSchema = z.looseObject({
  reasons: z.array(z.looseObject({ name: z.string(), text: z.string().default("") })).default([]),
});

const refundAmount = z.looseObject({ currency: z.string(), refund_total: z.string() });

/** `POST /return_refund/202309/returns/search`: an order's returns and refunds. */
export const returnsPageSchema = z.looseObject({
  return_orders: z
    .array(
      z.looseObject({
        return_id: z.string(),
        order_id: z.string(),
        return_type: z.string(),
        return_status: z.string(),
        return_line_items: z
          .array(z.looseObject({ order_line_item_id: z.string(), refund_amount: refundAmount.optional() }))
          .default([]),
        refund_amount: refundAmount.extend({ refund_shipping_fee: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  next_page_token: z.string().optional(),
});
export type TikTokReturn = z.infer<typeof returnsPageSchema>["return_orders"][number];

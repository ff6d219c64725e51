import { z } from "zod";
import { isPlainText } from "~/lib/plain-text";

/**
 * The parts of Shopify's webhook payloads the app reads (Admin API webhook bodies). Unknown fields are
 * allowed; a field the app needs that is missing or of the wrong type makes the delivery a 400.
 *
 * Shopify signs the body only, not its headers: the compliance payloads are told apart by their own fields
 * and name their store (`shop_domain`, compared with the shop header), so a signed body of one topic can't
 * be posted as another, or for another store.
 */
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`));

export const productUpdatePayload = z.looseObject({
  id: numericId,
  variants: z.array(z.looseObject({ admin_graphql_api_id: gid("ProductVariant") })).max(2048),
});

export const productDeletePayload = z.looseObject({ id: numericId });

export const appUninstalledPayload = z.looseObject({});

export const scopesUpdatePayload = z.looseObject({
  current: z.array(z.string().regex(/^[a-z0-9_]{1,100}$/)).max(500),
});

export const subscriptionUpdatePayload = z.looseObject({
  app_subscription: z.looseObject({ status: z.string().min(1).max(64) }),
});

const customer = z.looseObject({
  id: numericId.optional(),
  // Searched for in the stored orders' JSON, which can hold neither a NUL nor a lone surrogate.
  email: z.string().max(320).refine(isPlainText).nullish(),
});

const shopDomain = z.string().max(255);

export const customerDataRequestPayload = z.looseObject({
  shop_domain: shopDomain,
  customer,
  orders_requested: z.array(numericId).max(10_000),
});

export const customerRedactPayload = z.looseObject({
  shop_domain: shopDomain,
  customer,
  orders_to_redact: z.array(numericId).max(10_000),
});

// Only the store: a customer's payload (which names one too) is not a shop/redact.
export const shopRedactPayload = z
  .looseObject({ shop_id: numericId, shop_domain: shopDomain })
  .refine((payload) => !("customer" in payload), "A shop/redact payload names no customer.");

const trackingText = z.string().max(255).refine(isPlainText).nullish();

/** orders/cancelled: an order cancelled in Shopify (by the merchant, or by the app's own orderCancel). */
export const orderCancelledPayload = z.looseObject({
  id: numericId,
  cancelled_at: z.string().max(64).nullish(),
});
export type OrderCancelledPayload = z.infer<typeof orderCancelledPayload>;

/** refunds/create: a refund of an order (by the merchant, or the app's own for a TikTok refund). */
export const refundCreatedPayload = z.looseObject({
  id: numericId,
  order_id: numericId,
  note: z.string().max(5000).nullish(),
  created_at: z.string().max(64).nullish(),
  transactions: z
    .array(
      z.looseObject({
        kind: z.string().max(64),
        status: z.string().max(64).nullish(),
        amount: z.string().regex(/^-?\d{1,15}(\.\d{1,6})?$/),
        currency: z.string().max(8).nullish(),
      }),
    )
    .max(250)
    .default([]),
});
export type RefundCreatedPayload = z.infer<typeof refundCreatedPayload>;

/** fulfillments/create and fulfillments/update: a fulfilment of an order, with its tracking. */
export const fulfillmentPayload = z.looseObject({
  id: numericId,
  order_id: numericId,
  name: z.string().max(255).nullish(),
  status: z.string().max(64).nullish(),
  updated_at: z.string().max(64).nullish(),
  tracking_company: trackingText,
  tracking_number: trackingText,
  line_items: z
    .array(
      z.looseObject({
        variant_id: numericId.nullish(),
        sku: z.string().max(255).nullish(),
        quantity: z.number().int().min(0).max(1_000_000),
      }),
    )
    .max(2048),
});
export type FulfillmentPayload = z.infer<typeof fulfillmentPayload>;

import { z } from "zod";
import { isPlainText } from "~/lib/plain-text";

/**
 * The parts of Shopify's webhook payloads the app reads (Admin API webhook bodies). Unknown fields are
 * allowed; a field the app needs that is missing or of the wrong type makes the delivery a 400.
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

export const customerDataRequestPayload = z.looseObject({
  customer,
  orders_requested: z.array(numericId).max(10_000).default([]),
});

export const customerRedactPayload = z.looseObject({
  customer,
  orders_to_redact: z.array(numericId).max(10_000).default([]),
});

export const shopRedactPayload = z.looseObject({});

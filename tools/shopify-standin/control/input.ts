import { z } from "zod";

/** Bodies of the control API (`/_control/...`), validated on arrival; the typed client sends these. */

const idLike = z.union([z.number().int().positive(), z.string().min(1)]);
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]);

export const createShopInput = z.object({
  /** e.g. "demo.myshopify.com" */
  domain: z.string().min(3),
  name: z.string().optional(),
  email: z.string().optional(),
  currencyCode: z.string().length(3).optional(),
  /** Access tokens the shop accepts in X-Shopify-Access-Token. */
  tokens: z.array(z.string().min(1)).optional(),
  /** Accept any non-empty token (demo). */
  acceptAnyToken: z.boolean().optional(),
  /** Leaky bucket; default Standard plan (2000 points, 100/s). */
  bucket: z
    .object({ maximumAvailable: z.number().positive(), restoreRate: z.number().min(0) })
    .partial()
    .optional(),
  costModel: z.enum(["documented", "observed"]).optional(),
  /** How an orderCreate that can't reserve stock is refused (see README). */
  stockRefusal: z.enum(["documented", "observed"]).optional(),
  /** Location names; default one location, "Shop location". */
  locations: z.array(z.string().min(1)).min(1).optional(),
});
export type CreateShopInput = z.input<typeof createShopInput>;

const inventory = z.union([z.number().int(), z.record(z.string(), z.number().int())]);

export const variantInput = z.object({
  /** Numeric id or gid; assigned when omitted. */
  id: idLike.optional(),
  sku: z.string().nullable().optional(),
  title: z.string().optional(),
  price: decimal.optional(),
  inventoryPolicy: z.enum(["DENY", "CONTINUE"]).optional(),
  tracked: z.boolean().optional(),
  /** Available quantity: a number (first location) or { "<location name or id>": quantity }. */
  inventory: inventory.optional(),
});
export type VariantInput = z.input<typeof variantInput>;

export const productInput = z.object({
  id: idLike.optional(),
  title: z.string().min(1),
  vendor: z.string().optional(),
  productType: z.string().optional(),
  status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional(),
  tags: z.array(z.string()).optional(),
  variants: z.array(variantInput).min(1).optional(),
});
export type ProductInput = z.input<typeof productInput>;

export const variantPatch = variantInput.omit({ id: true });
export type VariantPatch = z.input<typeof variantPatch>;

export const subscriptionInput = z.object({
  name: z.string().optional(),
  status: z.enum(["ACTIVE", "CANCELLED", "DECLINED", "EXPIRED", "FROZEN", "PENDING", "ACCEPTED"]).optional(),
  test: z.boolean().optional(),
});
export type SubscriptionInput = z.input<typeof subscriptionInput>;

export const faultInput = z.object({
  /** Share of GraphQL requests answered with a 5xx, 0..1. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Statuses to pick from for those; default [502, 503]. */
  // 5xx, and the 404 a store answers for a while after an outage.
  errorStatuses: z
    .array(z.union([z.literal(404), z.number().int().min(500).max(599)]))
    .min(1)
    .optional(),
  /** Added before answering, in ms. */
  latencyMs: z.number().int().min(0).optional(),
  /** Hold the request without answering for this many ms, then drop the connection; "never" holds it open. */
  timeoutMs: z.union([z.number().int().min(0), z.literal("never")]).optional(),
  /** Perform orderCreate, then drop the connection without answering. */
  dropAfterCreate: z.boolean().optional(),
  /** Apply to this many GraphQL requests, then clear; default: until cleared. */
  count: z.number().int().positive().optional(),
  /** Seed for the error-rate dice, for repeatable runs. */
  seed: z.number().int().optional(),
});
export type FaultInput = z.input<typeof faultInput>;

export const bucketInput = z.object({
  maximumAvailable: z.number().positive().optional(),
  restoreRate: z.number().min(0).optional(),
  currentlyAvailable: z.number().min(0).optional(),
});
export type BucketInput = z.input<typeof bucketInput>;

export const tokenInput = z.object({ token: z.string().min(1) });

/** A fulfillment as a merchant marks one in Shopify admin ("Mark as fulfilled" with tracking). */
export const fulfillmentInput = z.object({
  trackingCompany: z.string().min(1),
  trackingNumber: z.string().min(1),
  trackingUrl: z.url().optional(),
  /** Units to ship by SKU; default every unit not yet shipped. */
  lineItems: z
    .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }))
    .min(1)
    .optional(),
  /** Shopify admin's "Send a notification to the customer", checked by default; only recorded. */
  notifyCustomer: z.boolean().optional(),
});
export type FulfillmentInput = z.input<typeof fulfillmentInput>;

/** "Edit tracking" on a fulfillment: the fields given change; a null URL removes it. */
export const trackingPatch = z
  .object({
    trackingCompany: z.string().min(1).optional(),
    trackingNumber: z.string().min(1).optional(),
    trackingUrl: z.url().nullable().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "give trackingCompany, trackingNumber or trackingUrl",
  });
export type TrackingPatch = z.input<typeof trackingPatch>;

/** "Cancel order" in Shopify admin: the reason (default CUSTOMER), restock and refund. */
export const cancelInput = z.object({
  reason: z.enum(["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"]).optional(),
  /** "Restock inventory": give back the stock the order took; default true. */
  restock: z.boolean().optional(),
  /** Refund a paid order now (it becomes REFUNDED) rather than later; default true. */
  refund: z.boolean().optional(),
});
export type CancelInput = z.input<typeof cancelInput>;

/**
 * "Refund" in Shopify admin: units by SKU (each restocked unless `restock` is false), the shipping, a
 * note. Without line items, everything left: every unit, the shipping and all the money.
 */
export const refundInput = z.object({
  lineItems: z
    .array(
      z.object({
        sku: z.string().min(1),
        quantity: z.number().int().positive(),
        /** "Restock items", checked by default. */
        restock: z.boolean().optional(),
      }),
    )
    .min(1)
    .optional(),
  /** Refund the shipping left; default only when refunding everything. */
  shipping: z.boolean().optional(),
  note: z.string().optional(),
});
export type RefundInput = z.input<typeof refundInput>;

/**
 * The app's deployed Flow triggers (its `flow_trigger` extensions): each handle with the payload keys of
 * its fields. Once set, `flowTriggerReceive` refuses another handle and a payload whose keys differ.
 */
export const flowTriggerDefinitionsInput = z.object({
  definitions: z
    .array(
      z.object({
        handle: z.string().min(1).max(30),
        fields: z.array(z.string().min(1)),
      }),
    )
    .min(1),
});
export type FlowTriggerDefinitionsInput = z.input<typeof flowTriggerDefinitionsInput>;

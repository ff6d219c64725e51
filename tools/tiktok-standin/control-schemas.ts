import { z } from "zod";
import { ORDER_STATUSES } from "../../app/tiktok/types";

/** Request bodies of the control API, validated so a typo answers 400 instead of doing something odd. */
const amount = z.string().regex(/^\d+(\.\d{1,2})?$/, "must be a decimal amount like 12.50");

export const configPatchSchema = z.strictObject({
  appKey: z.string().min(1).optional(),
  appSecret: z.string().min(1).optional(),
  webhookUrl: z.url().nullable().optional(),
  publicUrl: z.url().optional(),
  redirectUrl: z.url().optional(),
  webhooksEnabled: z.boolean().optional(),
  onHoldSeconds: z.number().int().min(0).optional(),
  accessTokenTtlSeconds: z.number().int().min(1).optional(),
  refreshTokenTtlSeconds: z.number().int().min(1).optional(),
});

export const shopInputSchema = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  region: z.string().length(2).optional(),
  cipher: z.string().min(1).optional(),
  sellerName: z.string().min(1).optional(),
  /** Defaults to the region's currency (regionCurrency). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be a currency code like GBP")
    .optional(),
});

/** One authorization for several shops of a seller, e.g. its US and UK shops. */
export const authCodeInputSchema = z.strictObject({
  shopIds: z.array(z.string().min(1)).min(1, "name at least one shop"),
});

export const productInputSchema = z.strictObject({
  id: z.string().min(1).optional(),
  shopId: z.string().optional(),
  title: z.string().min(1),
  status: z.string().optional(),
  skus: z
    .array(
      z.strictObject({
        id: z.string().min(1).optional(),
        sellerSku: z.string().min(1),
        price: amount,
        currency: z.string().length(3).optional(),
        quantity: z.number().int().min(0).optional(),
        attributes: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
      }),
    )
    .min(1),
});

export const addressSchema = z.strictObject({
  name: z.string().optional(),
  phone: z.string().optional(),
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  stateCode: z.string().optional(),
  postalCode: z.string().optional(),
  regionCode: z.string().optional(),
  country: z.string().optional(),
});
export const orderSpecSchema = z.strictObject({
  id: z.string().min(1).optional(),
  shopId: z.string().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  onHold: z.boolean().optional(),
  onHoldSeconds: z.number().int().min(0).optional(),
  sample: z.boolean().optional(),
  cod: z.boolean().optional(),
  deliveryType: z
    .string()
    .regex(/^[A-Z_]+$/)
    .optional(),
  deliverAfterSeconds: z.number().int().min(0).optional(),
  shipByHours: z.number().min(-8760).max(8760).optional(),
  fbt: z.boolean().optional(),
  fulfillmentType: z
    .string()
    .regex(/^[A-Z_]+$/)
    .optional(),
  masked: z.boolean().optional(),
  shippingType: z.enum(["SELLER", "TIKTOK"]).optional(),
  currency: z.string().length(3).optional(),
  createTime: z.number().int().optional(),
  lines: z
    .array(
      z.strictObject({
        skuId: z.string().optional(),
        productId: z.string().optional(),
        sellerSku: z.string().optional(),
        productName: z.string().optional(),
        skuName: z.string().optional(),
        price: amount.optional(),
        quantity: z.number().int().min(1).optional(),
        sellerDiscount: amount.optional(),
        platformDiscount: amount.optional(),
        tax: amount.optional(),
        isGift: z.boolean().optional(),
      }),
    )
    .optional(),
  shipping: z
    .strictObject({
      fee: amount.optional(),
      sellerDiscount: amount.optional(),
      platformDiscount: amount.optional(),
      tax: amount.optional(),
    })
    .optional(),
  retailDeliveryFee: amount.optional(),
  recipient: addressSchema.optional(),
  buyerEmail: z.string().optional(),
  buyerMessage: z.string().optional(),
  cancelReason: z.string().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

export const statusChangeSchema = z.strictObject({
  status: z.enum(ORDER_STATUSES),
  cancelReason: z.string().optional(),
});

export const expireTokensSchema = z.strictObject({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  shopId: z.string().optional(),
});

export const faultsSchema = z.strictObject({
  rateLimited: z.number().int().min(0).optional(),
  unavailable: z.number().int().min(0).optional(),
});

/** TikTok's per-shop rate limit: requests per second each shop may make; null lifts it. */
export const rateLimitSchema = z.strictObject({
  requestsPerSecond: z.number().positive().max(100_000).nullable(),
});

const rate = z.number().min(0).max(1);
export const webhookFaultsSchema = z.strictObject({
  skipRate: rate.optional(),
  duplicateRate: rate.optional(),
  delayRate: rate.optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  seed: z.number().int().optional(),
});

/** The buyer asks to cancel. */
export const cancellationRequestSchema = z.strictObject({
  reason: z.string().min(1).optional(),
});

/** The buyer asks for a refund (the parcel never came) or to return items; lines default to every line. */
export const returnRequestSchema = z.strictObject({
  type: z.enum(["REFUND", "RETURN_AND_REFUND"]),
  lineItemIds: z
    .array(z.string().min(1))
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, "must not name a line twice")
    .optional(),
  refundShipping: z.boolean().optional(),
});

import {
  ShopifyAuthError,
  ShopifyQueryError,
  ShopifyThrottledError,
  ShopifyUnavailableError,
} from "~/admin-api/errors";
import { userErrorText, type UserError } from "~/admin-api/operations/user-errors";
import { TikTokAuthError } from "~/tiktok/errors";
import type { TikTokOrder } from "~/tiktok/types";
import type { FailureCode } from "./reasons";

/**
 * What went wrong after the checks passed, in the terms the merchant sees (a failure code) and the terms
 * the queue needs: `transient` failures are retried by themselves; `uncertain` ones may have created the
 * Shopify order, so the retry looks it up before creating anything.
 */
export type Failure = { code: FailureCode; message: string; transient: boolean; uncertain: boolean };

export class NotConnectedError extends Error {
  override name = "NotConnectedError";
}

// Shopify's words for a value that isn't there at all, as opposed to one it refuses.
const MISSING = /can't be blank|can't be empty|is required|is missing|must have at least one/i;

/**
 * Shopify refused the order: out of stock, a field it needs that the TikTok order lacks, or a value it
 * refuses (a malformed ZIP code). The message is Shopify's, verbatim; `plainFailure` words it for the merchant.
 */
export function failureFromUserErrors(errors: readonly UserError[]): Failure {
  const message = userErrorText([...errors]);
  // Shopify documents INVENTORY_CLAIM_FAILED; stores have also been seen to answer INVALID with this text.
  const stock = (error: UserError) =>
    error.code === "INVENTORY_CLAIM_FAILED" || /reserve inventory|out of stock/i.test(error.message);
  if (errors.some(stock)) {
    return { code: "OUT_OF_STOCK", message, transient: false, uncertain: false };
  }
  const missing = errors.length > 0 && errors.every((error) => MISSING.test(error.message));
  const code = missing ? "MISSING_REQUIRED_FIELD" : "INVALID_FIELD";
  return { code, message, transient: false, uncertain: false };
}

// Shopify's and TikTok's field names in the merchant's words; any other name is shown with spaces.
const FIELD_WORDS: Record<string, string> = {
  zip: "ZIP code",
  postal_code: "ZIP code",
  countryCode: "country",
  region_code: "country",
  provinceCode: "state",
  address1: "street address",
  phone: "phone number",
  phone_number: "phone number",
  email: "email address",
  processedAt: "order date",
  taxLines: "taxes",
  lineItems: "products",
  line_items: "products",
  variantId: "linked variant",
  total_amount: "total amount",
};
const ADDRESSES = ["shippingAddress", "billingAddress", "recipient_address"];

/**
 * What Shopify or TikTok said about a failed order, in plain words with the field (and the value, when the
 * TikTok order has it) named: "Shopify refused the ZIP code '9021' of the shipping address." The attempt
 * record keeps the message verbatim; this is what the toast, the Orders list and the order page show.
 */
export function plainFailure(code: FailureCode, message: string, order: TikTokOrder | null): string {
  if (code === "OUT_OF_STOCK") return `Shopify doesn't have enough stock${stockOf(order)} for this order.`;
  const lacking = /^The TikTok order lacks ([\w.]+)/.exec(message)?.[1];
  if (lacking) return `The TikTok order has no ${describeField(lacking.split("."), order).name}.`;
  const sentences = message.split("; ").map((part) => {
    const [, path = "", said = ""] = /^([\w.]+): (.+)$/.exec(part) ?? [];
    const names = path.split(".").filter((name) => name !== "order" && name !== "input");
    if (!said) return null;
    if (names.length === 0) return `Shopify refused the order: ${said}`;
    const field = describeField(names, order);
    if (MISSING.test(said))
      return `Shopify needs the ${field.name}${field.of}, and the TikTok order has none.`;
    return `Shopify refused the ${field.name}${field.value ? ` '${field.value}'` : ""}${field.of}.`;
  });
  // A message that isn't Shopify's userErrors is one of the app's own sentences already.
  return sentences.every((sentence) => sentence !== null) ? sentences.join(" ") : message;
}

function describeField(names: readonly string[], order: TikTokOrder | null) {
  const last = names.filter((name) => !/^\d+$/.test(name)).at(-1) ?? "";
  const inAddress = names.some((name) => ADDRESSES.includes(name));
  const index = names.find((name) => /^\d+$/.test(name));
  const product = index === undefined ? undefined : productNames(order)[Number(index)];
  const address = order?.recipient_address;
  const values: Record<string, string | undefined> = {
    zip: address?.postal_code,
    phone: inAddress ? address?.phone_number : undefined,
    email: inAddress ? undefined : order?.buyer_email,
  };
  return {
    name:
      FIELD_WORDS[last] ??
      last
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .replace(/_/g, " ")
        .toLowerCase(),
    of: inAddress
      ? ` of the ${names.includes("billingAddress") ? "billing" : "shipping"} address`
      : product
        ? ` of ${product}`
        : "",
    value: values[last]?.trim() || null,
  };
}

// Shopify's lines are TikTok's grouped by SKU, in the order each SKU first appears.
function productNames(order: TikTokOrder | null): string[] {
  const bySku = new Map<string, string>();
  for (const line of order?.line_items ?? [])
    if (!bySku.has(line.sku_id)) bySku.set(line.sku_id, line.product_name);
  return [...bySku.values()];
}

function stockOf(order: TikTokOrder | null): string {
  const names = [...new Set(order?.line_items.map((line) => line.product_name))];
  if (names.length === 1) return ` of ${names[0]}`;
  if (names.length === 2) return ` of ${names[0]} or ${names[1]}`;
  return names.length > 2 ? ` of one of its ${names.length} products` : "";
}

export function failureFromError(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ShopifyUnavailableError) {
    return { code: "PLATFORM_ERROR", message, transient: true, uncertain: error.uncertain };
  }
  if (error instanceof ShopifyThrottledError) {
    return { code: "PLATFORM_ERROR", message, transient: true, uncertain: false };
  }
  if (
    error instanceof ShopifyAuthError ||
    error instanceof TikTokAuthError ||
    error instanceof NotConnectedError
  ) {
    return { code: "AUTH_ERROR", message, transient: false, uncertain: false };
  }
  if (error instanceof ShopifyQueryError) {
    return { code: "PLATFORM_ERROR", message, transient: false, uncertain: false };
  }
  // Anything else (a database blip, a bug) is retried a few times and then shown with its message.
  return { code: "PLATFORM_ERROR", message, transient: true, uncertain: true };
}

export type RetryPolicy = {
  /** Attempts before a transient failure is shown as Failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Shopify's order search lags a create by a few seconds: an uncertain create is looked up no sooner. */
  minUncertainDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 15_000,
  maxDelayMs: 30 * 60_000,
  minUncertainDelayMs: 10_000,
};

/**
 * When to try again after the `attempt`-th failed attempt, or null when it is time to give up and show
 * the failure. Exponential (15 s, 30 s, 1 min, …, at most 30 min by default) with ±20 % jitter.
 */
export function retryAt(
  failure: Failure,
  attempt: number,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
): Date | null {
  if (!failure.transient || attempt >= policy.maxAttempts) return null;
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = Math.max(failure.uncertain ? policy.minUncertainDelayMs : 0, base * (0.8 + 0.4 * random()));
  return new Date(now.getTime() + Math.round(delay));
}

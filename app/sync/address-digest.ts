import { createHash } from "node:crypto";
import type { MailingAddressInput } from "./shopify-order-input";

/** Stored as the digest of an order created without a shipping address (TikTok had not sent it yet). */
export const NO_ADDRESS = "none";

/**
 * A digest of a shipping address as sent to Shopify, kept on the order: when TikTok describes the order
 * again (an address update, an on-hold order released with its full address) a different digest means the
 * Shopify order's address is out of date. Field order does not matter; the text is never stored.
 */
export function addressDigest(address: MailingAddressInput): string {
  const fields = Object.entries(address)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32);
}

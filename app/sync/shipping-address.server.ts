import { markAddressSent } from "~/models/sync-run.server";
import type { AdminClient } from "~/admin-api/admin-client.server";
import { getOrderTags, updateOrderShippingAddress } from "~/admin-api/operations/orders";
import type { TikTokOrder } from "~/tiktok/types";
import { addressDigest, NO_ADDRESS } from "./address-digest";
import { buyerContactFrom } from "./buyer-contact";
import { ADDRESS_PENDING_TAG } from "./mapping";
import { failureFromUserErrors, type Failure } from "./failures";
import type { ClaimedOrder } from "./types";

/**
 * Keeps a synced order's Shopify shipping address with TikTok's: when TikTok describes the order again with
 * a different address (the buyer changed it, or an on-hold order was released with its full address), the
 * Shopify order is updated with `orderUpdate`. A digest of what was last sent is kept on the order; an order
 * synced before digests were kept, or adopted after a lost answer, takes TikTok's current address as what
 * Shopify has. Combined sample orders keep their first order's address. An order created without an address
 * (on hold, docs/decisions/004-on-hold-orders.md) loses its "TikTok address pending" tag with the update.
 */
export async function syncShippingAddress(
  row: ClaimedOrder,
  order: TikTokOrder,
  client: () => Promise<AdminClient>,
): Promise<{ ok: true } | { ok: false; failure: Failure }> {
  if (!row.shopifyOrderId || row.shopifyCancelledAt || row.combinedIntoId) return { ok: true };
  const address = buyerContactFrom(order.recipient_address).shippingAddress;
  if (!address) return { ok: true };
  const digest = addressDigest(address);
  if (digest === row.shopifyAddressHash) return { ok: true };
  if (row.shopifyAddressHash !== null) {
    const admin = await client();
    // An order created without its address carries the "address pending" tag until the address is in.
    const tags =
      row.shopifyAddressHash === NO_ADDRESS ? await withoutPendingTag(admin, row.shopifyOrderId) : undefined;
    const result = await updateOrderShippingAddress(admin, row.shopifyOrderId, { ...address }, tags);
    if (!result.ok) return { ok: false, failure: failureFromUserErrors(result.userErrors) };
  }
  await markAddressSent(row.id, digest);
  return { ok: true };
}

/** The order's tags without the pending tag; undefined (tags left alone) when it doesn't carry it. */
async function withoutPendingTag(client: AdminClient, orderId: string): Promise<string[] | undefined> {
  const tags = await getOrderTags(client, orderId);
  if (!tags?.includes(ADDRESS_PENDING_TAG)) return undefined;
  return tags.filter((tag) => tag !== ADDRESS_PENDING_TAG);
}

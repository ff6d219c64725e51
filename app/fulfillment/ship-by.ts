import type { TikTokOrder } from "~/tiktok/types";

/** Within this long of TikTok's ship-by time, an order not yet shipped is flagged. */
export const SHIP_BY_WARNING_HOURS = 24;

/** TikTok statuses in which the order still waits to leave the seller. */
const WAITING_TO_SHIP = new Set(["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);

/** An order near or past TikTok's ship-by time (`rts_sla_time`), as the Orders list and order page flag it. */
export type ShipByWarning = { at: string; past: boolean; text: string };

/**
 * TikTok counts an order not shipped by its ship-by time as late (and cancels it after its auto-cancel
 * time): an order still waiting to ship is flagged a day ahead, and once the time has passed. Orders TikTok's
 * warehouse ships, cancelled in Shopify, or gone past shipping are not.
 */
export function shipByWarning(
  order: Pick<TikTokOrder, "status" | "rts_sla_time" | "fulfillment_type">,
  now: Date,
  cancelledInShopify = false,
): ShipByWarning | null {
  if (!order.rts_sla_time || cancelledInShopify || !WAITING_TO_SHIP.has(order.status)) return null;
  if ((order.fulfillment_type ?? "FULFILLMENT_BY_SELLER") !== "FULFILLMENT_BY_SELLER") return null;
  const left = order.rts_sla_time * 1000 - now.getTime();
  if (left > SHIP_BY_WARNING_HOURS * 3600_000) return null;
  const at = new Date(order.rts_sla_time * 1000).toISOString();
  if (left <= 0) return { at, past: true, text: `Past TikTok's ship-by time by ${duration(-left)}` };
  return { at, past: false, text: `Ship within ${duration(left)}` };
}

/** "45 minutes", "5 hours", "2 days": rounded down, as a deadline is told. */
function duration(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  return `${Math.floor(hours / 24)} days`;
}

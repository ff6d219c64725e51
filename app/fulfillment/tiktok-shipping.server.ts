import type { Handover, HandoverOptions, TikTokClient } from "~/tiktok/client";
import { carriedByTikTok, type TikTokOrder } from "~/tiktok/types";

/**
 * TikTok Shipping, arranged from the app (ADR 026): for an order TikTok ships, each package is handed to
 * TikTok's carrier by a pickup in one of the windows TikTok offers, or dropped off; TikTok then books the
 * carrier, assigns the tracking number and makes the label. The tracking comes back into Shopify as a
 * fulfilment by syncTikTokTracking once the order is read again.
 */

/** A TikTok Shipping package as the order page shows it. */
export type TikTokPackage = {
  packageId: string;
  /** "2 × Travel Kit, 1 × Sun Hat". */
  items: string;
  trackingNumber: string | null;
  carrier: string | null;
  /** What the merchant can do now: arrange it, print its label, wait for the hold to end, or nothing. */
  next: "arrange" | "label" | "on-hold" | "none";
};

/** Order statuses in which TikTok takes a Ship Package call. */
const SHIPPABLE = new Set(["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);

/** Whether TikTok's own carrier ships the order and the seller hands it over (not its warehouse, not FBT). */
export function isTikTokShipped(order: TikTokOrder): boolean {
  return (
    carriedByTikTok(order) && (order.fulfillment_type ?? "FULFILLMENT_BY_SELLER") === "FULFILLMENT_BY_SELLER"
  );
}

/** The order's TikTok Shipping packages, each with its items, its tracking and what can be done with it. */
export function tiktokPackagesOf(order: TikTokOrder): TikTokPackage[] {
  if (!isTikTokShipped(order)) return [];
  const byPackage = new Map<string, TikTokOrder["line_items"]>();
  for (const line of order.line_items) {
    if (!line.package_id) continue;
    byPackage.set(line.package_id, [...(byPackage.get(line.package_id) ?? []), line]);
  }
  const onHold = order.status === "ON_HOLD" || order.is_on_hold_order === true;
  return [...byPackage].map(([packageId, lines]) => {
    const trackingNumber = lines.find((line) => line.tracking_number)?.tracking_number ?? null;
    const next = trackingNumber
      ? order.status === "CANCELLED"
        ? "none"
        : "label"
      : onHold
        ? "on-hold"
        : SHIPPABLE.has(order.status)
          ? "arrange"
          : "none";
    return {
      packageId,
      items: itemsInWords(lines),
      trackingNumber,
      carrier: lines.find((line) => line.shipping_provider_name)?.shipping_provider_name ?? null,
      next,
    };
  });
}

/** One unit per TikTok line: "2 × Travel Kit, 1 × Sun Hat", in the order's order. */
function itemsInWords(lines: TikTokOrder["line_items"]): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const name = line.sku_name ? `${line.product_name} (${line.sku_name})` : line.product_name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${count} × ${name}`).join(", ");
}

export type ArrangeResult =
  | {
      ok: true;
      trackingNumber: string | null;
      carrier: string | null;
      already: boolean;
      order: TikTokOrder | null;
    }
  | { ok: false; message: string; order: TikTokOrder | null };

/**
 * Ship Package for TikTok Shipping, once: TikTok arranges a package once (a second call is refused), and
 * after any refusal TikTok's order is read, so a click repeated (or an answer lost) finds the package
 * arranged and says so instead of failing. The order as TikTok has it now comes back to be stored.
 */
export async function arrangeTikTokShipping(
  client: TikTokClient,
  tiktokOrderId: string,
  packageId: string,
  handover: Handover,
): Promise<ArrangeResult> {
  let refusal: string | null = null;
  try {
    await client.arrangeTikTokShipping(packageId, handover);
  } catch (error) {
    refusal = (error as Error).message;
  }
  const order = (await client.getOrderDetails([tiktokOrderId])).orders[0] ?? null;
  const pkg = order
    ? tiktokPackagesOf(order).find((candidate) => candidate.packageId === packageId)
    : undefined;
  if (pkg?.trackingNumber)
    return {
      ok: true,
      trackingNumber: pkg.trackingNumber,
      carrier: pkg.carrier,
      already: refusal !== null,
      order,
    };
  if (refusal !== null) return { ok: false, message: refusal, order };
  // TikTok took it and hasn't numbered it yet: the number comes with the order's next update.
  return { ok: true, trackingNumber: null, carrier: null, already: false, order };
}

/** The pickup windows and drop-off TikTok offers for the package, pickup windows soonest first. */
export async function handoverOptions(client: TikTokClient, packageId: string): Promise<HandoverOptions> {
  const options = await client.getHandoverOptions(packageId);
  return { ...options, pickupSlots: [...options.pickupSlots].sort((a, b) => a.start - b.start) };
}

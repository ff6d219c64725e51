/**
 * Why a Shopify fulfilment hasn't reached TikTok: the way back's reasons, as app/sync/reasons.ts is the way
 * in's. The database stores the code; the order page, the Orders list and the tests read the words here.
 *
 * `retry` says what happens next:
 * - "auto": the app tries again by itself (a hold ending, TikTok answering again);
 * - "afterFix": the merchant fixes the cause (a carrier to map, a number to correct), then clicks Sync;
 * - "none": nothing to send (TikTok already has the package, or ships the order itself).
 */
export const SHIPMENT_REASONS = {
  CARRIER_NOT_MAPPED: {
    title: "Carrier not mapped",
    retry: "afterFix",
    howToResolve:
      "TikTok doesn't list this carrier by that name for this shop. Choose the TikTok shipping provider it is in Settings > Carriers; fulfilments waiting on it are sent once it is mapped.",
    fixIn: "settings",
  },
  NO_TRACKING_NUMBER: {
    title: "No tracking number",
    retry: "afterFix",
    howToResolve:
      "TikTok needs a tracking number to count the order shipped. Add it to the fulfilment in Shopify (Edit tracking); it is sent as soon as Shopify tells the app.",
    fixIn: "shopify",
  },
  ON_HOLD: {
    title: "On hold at TikTok",
    retry: "auto",
    howToResolve:
      "TikTok holds new orders for about an hour after payment and takes no tracking meanwhile. The tracking number is sent when the hold ends.",
    fixIn: null,
  },
  TRACKING_REFUSED: {
    title: "TikTok refused the tracking",
    retry: "afterFix",
    howToResolve:
      "Check the tracking number and carrier in Shopify (Edit tracking), or map the carrier to the right TikTok shipping provider in Settings > Carriers, then click Sync.",
    fixIn: "settings",
  },
  ALREADY_SHIPPED: {
    title: "Already shipped in TikTok",
    retry: "none",
    howToResolve:
      "These items were shipped in TikTok Seller Center before this fulfilment was made in Shopify, so nothing was sent. TikTok keeps the tracking entered there.",
    fixIn: null,
  },
  NO_MATCHING_ITEMS: {
    title: "No TikTok items in this fulfilment",
    retry: "none",
    howToResolve:
      "None of the fulfilled items is one of this TikTok order's items (added in Shopify, say), so there is nothing to ship in TikTok.",
    fixIn: null,
  },
  TIKTOK_SHIPS: {
    title: "TikTok ships this order",
    retry: "none",
    howToResolve:
      "This order uses TikTok Shipping: arrange the pickup or drop-off and print the label on this page (TikTok Shipping card). Tracking from Shopify isn't sent for it.",
    fixIn: null,
  },
  FROM_TIKTOK: {
    title: "Tracking from TikTok Shipping",
    retry: "none",
    howToResolve:
      "TikTok Shipping carries this order: the app wrote TikTok's tracking number into Shopify as this fulfilment, without e-mailing the buyer.",
    fixIn: null,
  },
  ORDER_CLOSED: {
    title: "Order no longer ships",
    retry: "none",
    howToResolve: "The TikTok order is cancelled or already delivered, so TikTok takes no tracking for it.",
    fixIn: null,
  },
  TIKTOK_NOT_CONNECTED: {
    title: "TikTok shop not connected",
    retry: "afterFix",
    howToResolve: "Connect this order's TikTok shop again in Settings, then click Sync.",
    fixIn: "settings",
  },
  TIKTOK_UNAVAILABLE: {
    title: "TikTok didn't answer",
    retry: "auto",
    howToResolve: "TikTok Shop was unreachable or busy. The app tries again by itself; Sync tries now.",
    fixIn: null,
  },
  PAST_SHIP_BY: {
    title: "Past TikTok's ship-by time",
    retry: "afterFix",
    howToResolve:
      "TikTok counts the order late, and cancels it if it still hasn't shipped by its auto-cancel time. Ship it now: fulfil it in Shopify with a tracking number (or arrange TikTok Shipping on this page), and the app sends it to TikTok at once.",
    fixIn: "shopify",
  },
} as const satisfies Record<
  string,
  { title: string; retry: "auto" | "afterFix" | "none"; howToResolve: string; fixIn: string | null }
>;

export type ShipmentReasonCode = keyof typeof SHIPMENT_REASONS;

export function shipmentReason(code: string | null | undefined) {
  return code && code in SHIPMENT_REASONS ? SHIPMENT_REASONS[code as ShipmentReasonCode] : undefined;
}

/** Sync is offered for a shipment the app can send now: one that waits for the merchant or for TikTok. */
export function canSyncShipment(status: string, reasonCode: string | null): boolean {
  if (status !== "BLOCKED" && status !== "FAILED") return false;
  return shipmentReason(reasonCode)?.retry !== "none";
}

/**
 * Whether a fulfilment held up for this reason needs the merchant, so Shopify Flow is told (ADR 029): one they
 * fix before it can be sent (a carrier to map, a tracking number to add or correct, a TikTok shop to connect
 * again); not a hold or TikTok being unreachable, which the app waits out, nor one with nothing to send.
 */
export function shipmentNeedsMerchant(code: string | null | undefined): code is ShipmentReasonCode {
  return shipmentReason(code)?.retry === "afterFix";
}

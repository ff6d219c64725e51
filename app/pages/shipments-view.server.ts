import type { TikTokShipment } from "@prisma/client";
import { z } from "zod";
import { listOrderShipments, listShipmentStates } from "~/models/shipment.server";
import { listOrderRefunds } from "~/models/tiktok-order.server";
import { canSyncShipment, shipmentReason } from "~/fulfillment/reasons";
import { shipByWarning, type ShipByWarning } from "~/fulfillment/ship-by";
import { tiktokPackagesOf, type TikTokPackage } from "~/fulfillment/tiktok-shipping.server";
import type { TikTokOrder } from "~/tiktok/types";

/** One Shopify fulfilment on its way to TikTok, as the order page shows it. */
export type ShipmentView = {
  id: string;
  name: string;
  trackingCompany: string | null;
  trackingNumber: string | null;
  status: TikTokShipment["status"];
  /** The state in words: "Sent to TikTok", "Waiting: carrier not mapped"… */
  statusText: string;
  tone: "success" | "attention" | "critical" | "info";
  providerName: string | null;
  packageId: string | null;
  shippedAt: string | null;
  reason: { title: string; howToResolve: string; fixIn: string | null; detail: string | null } | null;
  canSync: boolean;
};

/** How the order goes back to TikTok: who ships it, by when, and each fulfilment's state. */
export type ShippingView = {
  /** "you" (tracking from Shopify is sent), "TikTok" (TikTok Shipping); null when TikTok doesn't say. */
  shippedBy: "you" | "TikTok" | null;
  shipBy: string | null;
  /** Near or past the ship-by time and not shipped yet: said in words. */
  shipByWarning: ShipByWarning | null;
  shipments: ShipmentView[];
  /** TikTok Shipping's packages, to arrange and label here (an order TikTok ships). */
  packages: TikTokPackage[];
  /** Refunds the merchant made in Shopify, which TikTok doesn't know of. */
  merchantRefunds: { id: string; amount: string; currency: string | null; at: string }[];
  /** The order's returns and refunds on TikTok, where each stands. */
  returns: { returnId: string; text: string }[];
  /** TikTok's refunds (of returns), each made in Shopify. */
  refunds: { returnId: string; text: string; at: string }[];
};

export async function loadShippingView(
  orderId: string,
  order: TikTokOrder | null,
  {
    now,
    cancelledInShopify,
    tiktokReturns,
    merchantRefunds,
  }: { now: Date; cancelledInShopify: boolean; tiktokReturns?: unknown; merchantRefunds?: unknown },
): Promise<ShippingView> {
  const rows = await listOrderShipments(orderId);
  const type = order?.shipping_type;
  return {
    shippedBy: type === "TIKTOK" ? "TikTok" : type === "SELLER" ? "you" : null,
    shipBy: order?.rts_sla_time ? new Date(order.rts_sla_time * 1000).toISOString() : null,
    shipByWarning: order ? shipByWarning(order, now, cancelledInShopify) : null,
    shipments: rows.map(shipmentView),
    packages: order ? tiktokPackagesOf(order) : [],
    returns: returnsInWords(tiktokReturns),
    merchantRefunds: merchantRefundsSchema.safeParse(merchantRefunds).data ?? [],
    refunds: (await listOrderRefunds(orderId)).map((refund) => ({
      returnId: refund.returnId,
      text: `${refund.amount} ${refund.currency} refunded in Shopify for TikTok ${
        refund.returnType === "RETURN_AND_REFUND" ? "return" : "refund"
      } ${refund.returnId}${
        refund.restocked
          ? ", its items restocked"
          : refund.returnType === "RETURN_AND_REFUND"
            ? ", not restocked"
            : ""
      }`,
      at: refund.createdAt.toISOString(),
    })),
  };
}

export function shipmentView(row: TikTokShipment): ShipmentView {
  const reason = shipmentReason(row.reasonCode);
  const { text, tone } = statusInWords(row, reason?.title);
  return {
    id: row.id,
    name: row.shopifyName ?? `Fulfilment ${row.shopifyFulfillmentId}`,
    trackingCompany: row.trackingCompany,
    trackingNumber: row.trackingNumber,
    status: row.status,
    statusText: text,
    tone,
    providerName: row.providerName,
    packageId: row.packageId,
    shippedAt: row.shippedAt?.toISOString() ?? null,
    reason: reason
      ? {
          title: reason.title,
          howToResolve: reason.howToResolve,
          fixIn: reason.fixIn,
          detail: row.reasonDetail,
        }
      : null,
    canSync: canSyncShipment(row.status, row.reasonCode),
  };
}

export function statusInWords(
  row: Pick<TikTokShipment, "status" | "reasonCode">,
  title = "",
): { text: string; tone: ShipmentView["tone"] } {
  switch (row.status) {
    case "SHIPPED":
      return row.reasonCode ? { text: title, tone: "info" } : { text: "Sent to TikTok", tone: "success" };
    case "PENDING":
      return { text: "Sending to TikTok", tone: "info" };
    case "SHIPPING":
      return {
        text: row.reasonCode ? `Sending to TikTok: ${phrase(title)}` : "Sending to TikTok",
        tone: "info",
      };
    case "BLOCKED":
      return { text: `Not sent: ${phrase(title)}`, tone: "attention" };
    case "FAILED":
      return { text: `Not sent: ${phrase(title)}`, tone: "critical" };
  }
}

/** An order's fulfilments in one word for the Orders list: the one needing attention first. */
export type TrackingCell = { text: string; tone: ShipmentView["tone"] };

const RANK: Record<TikTokShipment["status"], number> = {
  FAILED: 0,
  BLOCKED: 1,
  SHIPPING: 2,
  PENDING: 3,
  SHIPPED: 4,
};

export async function trackingCells(orderIds: string[]): Promise<Map<string, TrackingCell>> {
  const rows = await listShipmentStates(orderIds);
  const cells = new Map<string, TrackingCell>();
  for (const orderId of new Set(rows.map((row) => row.orderId))) {
    const mine = rows
      .filter((row) => row.orderId === orderId)
      .sort((a, b) => RANK[a.status] - RANK[b.status]);
    const first = mine[0];
    if (!first) continue;
    const cell = statusInWords(first, shipmentReason(first.reasonCode)?.title);
    cells.set(
      orderId,
      mine.length > 1 && first.status === "SHIPPED"
        ? { ...cell, text: `${cell.text} (${mine.length})` }
        : cell,
    );
  }
  return cells;
}

/** A reason's title inside a sentence: "Carrier not mapped" → "carrier not mapped"; TikTok keeps its name. */
function phrase(title: string): string {
  return /^TikTok\b/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

const merchantRefundsSchema = z.array(
  z.object({ id: z.string(), amount: z.string(), currency: z.string().nullable(), at: z.string() }),
);
const returnsSchema = z.array(z.object({ returnId: z.string(), type: z.string(), status: z.string() }));

const RETURN_STATES: Record<string, string> = {
  RETURN_OR_REFUND_REQUEST_PENDING: "asked for; answer it in TikTok Seller Center",
  REFUND_OR_RETURN_REQUEST_REJECT: "rejected",
  AWAITING_BUYER_SHIP: "approved; waiting for the buyer to send the items back",
  BUYER_SHIPPED_ITEM: "the buyer sent the items back; confirm in TikTok Seller Center when they arrive",
  REJECT_RECEIVE_PACKAGE: "the returned parcel was refused",
  RETURN_OR_REFUND_REQUEST_SUCCESS: "approved",
  RETURN_OR_REFUND_REQUEST_CANCEL: "withdrawn",
  RETURN_OR_REFUND_REQUEST_COMPLETE: "refunded by TikTok",
};
const RETURN_TYPES: Record<string, string> = {
  REFUND: "Refund",
  RETURN_AND_REFUND: "Return",
  REPLACEMENT: "Replacement",
};

/** "Return 4036…: approved; waiting for the buyer to send the items back"; a state TikTok adds reads as sent. */
function returnsInWords(stored: unknown): ShippingView["returns"] {
  const parsed = returnsSchema.safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data.map(({ returnId, type, status }) => ({
    returnId,
    text: `${RETURN_TYPES[type] ?? type} ${returnId}: ${RETURN_STATES[status] ?? status}`,
  }));
}

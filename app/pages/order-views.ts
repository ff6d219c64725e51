import type { TikTokOrder as OrderRow } from "@prisma/client";
import { NO_ADDRESS } from "~/sync/address-digest";
import { plainFailure } from "~/sync/failures";
import { isBlockReason, REASONS, type Attention, type ReasonCode } from "~/sync/reasons";
import { causeGone } from "~/sync/sync-button";
import type { SyncContext } from "~/sync/types";
import type { TikTokOrder } from "~/tiktok/types";

/** What a list row says about a TikTok order, as TikTok sent it (the buyer's name arrives masked). */
export type OrderSummary = {
  buyer: string | null;
  /** TikTok sends one line per unit: the count is the number of units. */
  items: { count: number; first: string | null };
  total: { amount: string; currency: string };
};

export function summarizeOrder(order: TikTokOrder): OrderSummary {
  const address = order.recipient_address;
  const name = address?.name ?? [address?.first_name, address?.last_name].filter(Boolean).join(" ");
  return {
    buyer: name || order.buyer_email || null,
    items: { count: order.line_items.length, first: order.line_items[0]?.product_name ?? null },
    total: { amount: order.payment.total_amount, currency: order.payment.currency },
  };
}

/** A Shopify order in the merchant's admin; `shopify://admin/…` opens it from inside the embedded app. */
export function adminOrderUrl(shopifyOrderGid: string): string | null {
  const id = /\/Order\/(\d+)$/.exec(shopifyOrderGid)?.[1];
  return id ? `shopify://admin/orders/${id}` : null;
}

export function shopifyOrderLink(row: { shopifyOrderId: string | null; shopifyOrderName: string | null }) {
  if (!row.shopifyOrderId) return null;
  return { name: row.shopifyOrderName ?? row.shopifyOrderId, url: adminOrderUrl(row.shopifyOrderId) };
}

// TikTok's order statuses as TikTok Seller Center words them.
const TIKTOK_STATUSES: Record<string, string> = {
  UNPAID: "Awaiting payment",
  ON_HOLD: "On hold",
  AWAITING_SHIPMENT: "Awaiting shipment",
  PARTIALLY_SHIPPING: "Partially shipped",
  AWAITING_COLLECTION: "Awaiting collection",
  IN_TRANSIT: "In transit",
  DELIVERED: "Delivered",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};

/** "AWAITING_SHIPMENT" → "Awaiting shipment"; a status TikTok adds later reads the same way. */
export function tiktokStatusInWords(status: string): string {
  const words = status.toLowerCase().replace(/_/g, " ");
  return TIKTOK_STATUSES[status] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

// TikTok keeps a paid order on hold for about an hour (docs/decisions/004-on-hold-orders.md).
const HOLD_SECONDS = 3600;

/** How a row of the Orders list or the order page reads, beyond its status: see `RowStatus`. */
export type RowReading = {
  /** How to read a Blocked or Failed order: something to do, skipped on purpose, or waiting. */
  attention: Attention | null;
  /** The stored reason no longer holds (auto-sync is on again, the product is linked): Sync goes through. */
  causeGone: boolean;
  /** When a waiting order's wait ends (ISO): its sample group's window, or about when TikTok's hold ends. */
  waitsUntil: string | null;
  /** A Failed order: what Shopify or TikTok said, in plain words. */
  failure: string | null;
  /**
   * A synced order: cancelled as on TikTok (its stock put back or not), created without an address, or a
   * cash-on-delivery order unpaid until TikTok reports it delivered.
   */
  created: CreatedReading | null;
};

export type CreatedReading = {
  cancelled: boolean;
  /** Cancelled in Shopify by the merchant, not by the app after TikTok's cancel. */
  cancelledByMerchant: boolean;
  restocked: boolean;
  addressPending: boolean;
  codUnpaid: boolean;
};

type CreatedFacts = Pick<
  OrderRow,
  "shopifyCancelledAt" | "shopifyAddressHash" | "shopifyPaidAt" | "sellerCancelStatus"
>;

/** What followed a synced order's create, read from its row and TikTok's order. */
export function readCreated(row: CreatedFacts, order: TikTokOrder | null, restocks: boolean): CreatedReading {
  const cancelled = row.shopifyCancelledAt !== null;
  return {
    cancelled,
    cancelledByMerchant: cancelled && row.sellerCancelStatus !== null,
    restocked: cancelled && restocks && row.sellerCancelStatus === null,
    addressPending: row.shopifyAddressHash === NO_ADDRESS,
    codUnpaid: !cancelled && order?.is_cod === true && row.shopifyPaidAt === null,
  };
}

type ReadFacts = {
  row: Pick<OrderRow, "syncStatus" | "nextAttemptAt"> & CreatedFacts;
  reasonCode: ReasonCode | null;
  order: TikTokOrder | null;
  ctx: SyncContext;
  /** The latest failed attempt's message, verbatim. */
  failedWith: string | undefined;
  restocks: boolean;
};

export function readRow({ row, reasonCode, order, ctx, failedWith, restocks }: ReadFacts): RowReading {
  const shown = row.syncStatus === "BLOCKED" || row.syncStatus === "FAILED";
  const blocked = shown && reasonCode && isBlockReason(reasonCode) ? reasonCode : null;
  return {
    attention: shown && reasonCode ? REASONS[reasonCode].attention : null,
    causeGone: blocked !== null && order !== null && causeGone(blocked, order, ctx),
    waitsUntil: waitsUntil(blocked, row.nextAttemptAt, order),
    failure:
      row.syncStatus === "FAILED" && reasonCode && !isBlockReason(reasonCode) && failedWith
        ? plainFailure(reasonCode, failedWith, order)
        : null,
    created: row.syncStatus === "SYNCED" ? readCreated(row, order, restocks) : null,
  };
}

function waitsUntil(code: ReasonCode | null, nextAttemptAt: Date | null, order: TikTokOrder | null) {
  if (code === "SAMPLE_PENDING_COMBINATION") return nextAttemptAt?.toISOString() ?? null;
  if (code !== "ORDER_ON_HOLD" || !order) return null;
  return new Date(((order.paid_time ?? order.create_time) + HOLD_SECONDS) * 1000).toISOString();
}

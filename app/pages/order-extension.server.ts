import type { SyncStatus } from "@prisma/client";
import { findTikTokOrdersOfShopifyOrder } from "~/models/shopify-order.server";
import { REASONS, type Attention } from "~/sync/reasons";
import { syncButtonAction } from "./manual-sync.server";
import { loadOrderDetail, type OrderDetail } from "./order-detail.server";
import type { ShipmentView } from "./shipments-view.server";

/**
 * The TikTok side of a Shopify order, for the admin block and the "Sync from TikTok" action on Shopify's
 * order page (extensions/). They name the order by the number at the end of its GID, which is all Shopify
 * gives them; only the store's own orders that the app created are found.
 */
const SHOPIFY_ORDER_NUMBER = /^[1-9][0-9]{0,19}$/;

/** `gid://shopify/Order/<n>` for the number an extension sent; null for anything else. */
export function shopifyOrderGid(raw: string | undefined): string | null {
  return raw !== undefined && SHOPIFY_ORDER_NUMBER.test(raw) ? `gid://shopify/Order/${raw}` : null;
}

/** The tones Polaris web components take (`<s-badge tone>`). */
export type Tone = "success" | "info" | "warning" | "critical" | "neutral";

export type ExtensionOrder = {
  tiktokOrderId: string;
  /** The TikTok shop by name; null when the app doesn't know which. */
  tiktokShop: string | null;
  /** TikTok's status in words ("Awaiting shipment"). */
  tiktokStatus: string;
  /** Where the order stands in the sync, and why it is blocked or failed in plain words. */
  sync: { status: SyncStatus; label: string; tone: Tone; detail: string | null };
  /** Each Shopify fulfilment on its way to TikTok: "Sent to TikTok", "Not sent: carrier not mapped"… */
  fulfilments: { name: string; text: string; tone: Tone }[];
  /** Sample orders combined into the same Shopify order, besides this one. */
  combinedWith: string[];
};

/** The block's view of a Shopify order of the store; null when it isn't one the app created from TikTok. */
export async function loadExtensionOrder(
  shopDomain: string,
  shopifyOrderGid: string,
): Promise<ExtensionOrder | null> {
  const [first, ...combinedWith] = await findTikTokOrdersOfShopifyOrder(shopDomain, shopifyOrderGid);
  const order = first ? await loadOrderDetail(shopDomain, first) : null;
  if (!order) return null;
  return {
    tiktokOrderId: order.tiktokOrderId,
    tiktokShop: order.tiktokShop,
    tiktokStatus: order.tiktokStatusText,
    sync: syncView(order),
    fulfilments: order.shipping.shipments.map((shipment) => ({
      name: shipment.name,
      text: shipment.statusText,
      tone: SHIPMENT_TONES[shipment.tone],
    })),
    combinedWith,
  };
}

/** Whether the Shopify order is one the app created in this store from TikTok. */
export async function isExtensionOrder(shopDomain: string, shopifyOrderGid: string): Promise<boolean> {
  return (await findTikTokOrdersOfShopifyOrder(shopDomain, shopifyOrderGid)).length > 0;
}

/**
 * "Sync from TikTok": the Sync button's path (syncOrder, as a manual sync) for the TikTok order behind the
 * Shopify order; `null` when there is none in this store.
 */
export async function syncShopifyOrder(shopDomain: string, shopifyOrderGid: string) {
  const [first] = await findTikTokOrdersOfShopifyOrder(shopDomain, shopifyOrderGid);
  return first ? syncButtonAction(shopDomain, first) : null;
}

const SYNC_LABELS: Record<SyncStatus, string> = {
  PENDING: "Pending",
  SYNCING: "Syncing",
  SYNCED: "Synced",
  BLOCKED: "Blocked",
  FAILED: "Failed",
};

// As the app's pages show a reason: something to do stands out, a choice or a wait doesn't.
const ATTENTION_TONES: Record<Attention, Tone> = { action: "warning", skipped: "neutral", waiting: "info" };

const SHIPMENT_TONES: Record<ShipmentView["tone"], Tone> = {
  success: "success",
  attention: "warning",
  critical: "critical",
  info: "info",
};

function syncView(order: OrderDetail): ExtensionOrder["sync"] {
  const status = order.status;
  const label = SYNC_LABELS[status];
  const reason = order.reasonCode ? REASONS[order.reasonCode] : null;
  switch (status) {
    case "FAILED":
      return { status, label, tone: "critical", detail: order.failure ?? reason?.title ?? null };
    case "BLOCKED":
      return {
        status,
        label,
        tone: ATTENTION_TONES[reason?.attention ?? "action"],
        detail: reason?.title ?? null,
      };
    case "SYNCED":
      return { status, label, tone: "success", detail: null };
    default:
      return { status, label, tone: "info", detail: null };
  }
}

import type { Shop, SyncStatus, TikTokOrder as OrderRow } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { isPlanActive } from "~/billing/plan-status.server";
import { latestFailureMessages } from "~/models/attempt-messages.server";
import { getLinksForSkus } from "~/models/product-link.server";
import { getConnectedAt } from "~/models/tiktok-connection.server";
import type { MappingContext } from "~/sync/mapping";
import { isReasonCode, type ReasonCode } from "~/sync/reasons";
import { syncButtonState, enabledFor, type SyncButtonState } from "~/sync/sync-button";
import { checkSettingsOf, mappingSettingsOf } from "~/sync/shop-settings";
import { skuIdsOf } from "~/sync/sync-context.server";
import type { SkuLink, SyncContext } from "~/sync/types";
import type { TikTokOrder } from "~/tiktok/types";
import { readRow, type RowReading } from "./order-views";

/**
 * What the pages need to judge the Sync button, read from the database only: a page of orders must not
 * cost a Shopify request per row. The plan is asked of Shopify (cached for a minute) only when a row on
 * the page waits on it; when Shopify can't be asked, the stored reason stands.
 */
export type PageFacts = {
  settings: SyncContext["settings"];
  mapping: MappingContext["settings"];
  connectedAt: Date;
  links: Map<string, SkuLink>;
  /** Null when nobody asked Shopify, or Shopify couldn't answer. */
  planActive: boolean | null;
  /** The latest failed attempt's message of each Failed row on the page, verbatim, by row id. */
  failures: Map<string, string>;
};

export type RowFacts = Pick<
  OrderRow,
  | "id"
  | "syncStatus"
  | "reasonCode"
  | "nextAttemptAt"
  | "leaseExpiresAt"
  | "shopifyCancelledAt"
  | "shopifyAddressHash"
  | "shopifyPaidAt"
>;

/** Where an order stands, as the Orders list and the order page show it: status, reason and Sync. */
export type RowStatus = RowReading & {
  status: SyncStatus;
  reasonCode: ReasonCode | null;
  sync: SyncButtonState | null;
};

/** The status part of a row of the Orders list or of the order page. */
export function rowStatus(facts: PageFacts, row: RowFacts, order: TikTokOrder | null, now: Date): RowStatus {
  const reasonCode = row.reasonCode && isReasonCode(row.reasonCode) ? row.reasonCode : null;
  return {
    status: row.syncStatus,
    reasonCode,
    sync: syncButtonForRow(facts, row, order, now),
    ...readRow({
      row,
      reasonCode,
      order,
      ctx: contextForRow(facts, row, now),
      failedWith: facts.failures.get(row.id),
      restocks: facts.mapping.inventoryBehaviour !== "BYPASS",
    }),
  };
}

export async function loadPageFacts(
  shop: Shop,
  orders: readonly TikTokOrder[],
  options: { askPlan: boolean; rows: readonly Pick<OrderRow, "id" | "syncStatus">[] },
): Promise<PageFacts> {
  const connectedAt = await getConnectedAt(shop.id);
  const stored = await getLinksForSkus(shop.id, skuIdsOf(orders));
  const links = new Map<string, SkuLink>(
    [...stored].map(([skuId, link]) => [
      skuId,
      { variantId: link.shopifyVariantId, linkedAt: link.linkedAt, variantExists: link.state === "LINKED" },
    ]),
  );
  const failed = options.rows.filter((row) => row.syncStatus === "FAILED").map((row) => row.id);
  return {
    settings: checkSettingsOf(shop),
    mapping: mappingSettingsOf(shop),
    connectedAt: connectedAt ?? new Date(0),
    links,
    planActive: options.askPlan ? await askPlan(shop.domain) : null,
    failures: await latestFailureMessages(shop.id, failed),
  };
}

async function askPlan(shopDomain: string): Promise<boolean | null> {
  try {
    return await isPlanActive(await adminClientForShop(shopDomain));
  } catch {
    return null;
  }
}

/** The checks' context for one row: a waiting sample group's window end is the row's next attempt. */
export function contextForRow(facts: PageFacts, row: Omit<RowFacts, "id">, now: Date): SyncContext {
  const windowEndsAt = row.reasonCode === "SAMPLE_PENDING_COMBINATION" ? row.nextAttemptAt : null;
  return {
    now,
    settings: facts.settings,
    connectedAt: facts.connectedAt,
    links: facts.links,
    planActive: facts.planActive ?? row.reasonCode !== "PLAN_INACTIVE",
    ...(windowEndsAt ? { sampleGroupWindowEndsAt: windowEndsAt } : {}),
  };
}

export const SYNCING_NOW = "This order is syncing now.";

/**
 * The Sync button of a row: none for a synced order, disabled while a sync holds its lease (a "Syncing" order
 * whose lease ran out was left by a crash, and Sync recovers it), otherwise the reason's manual-sync rule
 * judged on today's facts, with what Sync would force past. An order without a reason can always be synced.
 */
export function syncButtonForRow(
  facts: PageFacts,
  row: Omit<RowFacts, "id">,
  order: TikTokOrder | null,
  now: Date,
): SyncButtonState | null {
  if (row.syncStatus === "SYNCED") return null;
  const leased = row.leaseExpiresAt !== null && row.leaseExpiresAt.getTime() > now.getTime();
  if (leased) return { enabled: false, because: SYNCING_NOW };
  if (!order) return { enabled: true };
  const ctx = contextForRow(facts, row, now);
  if (!row.reasonCode || !isReasonCode(row.reasonCode)) return enabledFor(order, ctx);
  return syncButtonState(row.reasonCode, order, ctx);
}

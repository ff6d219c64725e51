import type { Shop, SyncStatus, TikTokOrder as OrderRow } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { isPlanActive } from "~/billing/plan-status.server";
import { latestFailureMessages } from "~/models/attempt-messages.server";
import { getLinksForSkus } from "~/models/product-link.server";
import { listExchangeRates } from "~/models/exchange-rate.server";
import { listTikTokConnections } from "~/models/tiktok-connection.server";
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
  /** The store's TikTok shops by id: name, when each was connected, its own auto-sync (null: the store's). */
  connections: Map<string, { name: string; connectedAt: Date; autoSync: boolean | null }>;
  /** The store's currency (null until Shopify said it) and the merchant's rates from others, by currency. */
  money: { shopCurrency: string | null; rates: Map<string, { value: string; setAt: Date }> };
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
  | "sellerCancelStatus"
  | "tiktokShopId"
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
  const connections = await listTikTokConnections(shop.domain);
  const rates = await listExchangeRates(shop.id);
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
    connections: new Map(
      connections.map((c) => [
        c.tiktokShopId,
        { name: c.tiktokShopName ?? c.tiktokShopId, connectedAt: c.connectedAt, autoSync: c.autoSync },
      ]),
    ),
    money: {
      shopCurrency: shop.currencyCode,
      rates: new Map(rates.map((rate) => [rate.currency, { value: rate.rate, setAt: rate.setAt }])),
    },
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

/**
 * The checks' context for one row, with its TikTok shop's connection (an order stored before a store could
 * connect several names none: the first connected is its shop); a waiting sample group's window end is the
 * row's next attempt.
 */
export function contextForRow(facts: PageFacts, row: Omit<RowFacts, "id">, now: Date): SyncContext {
  const windowEndsAt = row.reasonCode === "SAMPLE_PENDING_COMBINATION" ? row.nextAttemptAt : null;
  const connection = connectionOf(facts, row.tiktokShopId);
  return {
    now,
    settings: { ...facts.settings, autoSync: connection?.autoSync ?? facts.settings.autoSync },
    connectedAt: connection?.connectedAt ?? new Date(0),
    links: facts.links,
    planActive: facts.planActive ?? row.reasonCode !== "PLAN_INACTIVE",
    ...(windowEndsAt ? { sampleGroupWindowEndsAt: windowEndsAt } : {}),
  };
}

function connectionOf(facts: PageFacts, tiktokShopId: string | null) {
  if (tiktokShopId !== null) return facts.connections.get(tiktokShopId);
  return facts.connections.values().next().value;
}

/** The mapping's money for an order: the store's currency and, for an order in another, the merchant's rate. */
export function moneyFor(facts: PageFacts, order: TikTokOrder): MappingContext["money"] {
  const { shopCurrency, rates } = facts.money;
  if (!shopCurrency) return undefined;
  const currency = order.payment.currency.trim().toUpperCase();
  const rate = currency === shopCurrency ? undefined : rates.get(currency);
  return { shopCurrency, ...(rate ? { rate } : {}) };
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

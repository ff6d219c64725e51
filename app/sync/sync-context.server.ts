import type { Shop, TikTokOrder as OrderRow } from "@prisma/client";
import { setVariantsExist } from "~/models/product-link.server";
import { saveShopCurrency } from "~/models/shop.server";
import { findSampleCandidates } from "~/models/tiktok-order.server";
import type { ClaimedRow } from "~/models/sync-run.server";
import type { AdminClient } from "~/admin-api/admin-client.server";
import { getShopCurrency } from "~/admin-api/operations/shop";
import { lookUpVariants } from "~/admin-api/shared-variant-lookups.server";
import { isPlanActive } from "~/billing/plan-status.server";
import { tiktokOrderSchema, type TikTokOrder } from "~/tiktok/types";
import { NotConnectedError } from "./failures";
import type { MappingContext } from "./mapping";
import { groupSampleOrders } from "./samples";
import { orderPageUrl } from "./order-page.server";
import { checkSettingsOf, mappingSettingsOf } from "./shop-settings";
import type { SkuLink, SyncContext } from "./types";

export type SampleGroupRows = { leader: OrderRow; members: OrderRow[]; windowEndsAt: Date };

export type LoadedContext = {
  ctx: SyncContext;
  mapping: MappingContext;
  /** For a sample order under the "combine" rule: the orders it is combined with, itself included. */
  sampleGroup?: SampleGroupRows;
};

/** Everything the checks and the mapping need for one order, read from the database and Shopify. */
export async function loadSyncContext(
  row: ClaimedRow,
  order: TikTokOrder,
  client: AdminClient,
  now: Date,
): Promise<LoadedContext> {
  const { shop, connectedAt } = row;
  if (!connectedAt) {
    throw new NotConnectedError("The order's TikTok shop is not connected: connect it in Settings.");
  }
  const stored = row.links;
  const existing = await lookUpVariants(shop.domain, client, [
    ...new Set([...stored.values()].map((l) => l.shopifyVariantId)),
  ]);
  const deleted = [...stored.values()].filter((link) => !existing.has(link.shopifyVariantId));
  await setVariantsExist(
    shop.id,
    deleted.map((link) => link.shopifyVariantId),
    false,
  );

  const links = new Map<string, SkuLink>();
  for (const [skuId, link] of stored) {
    links.set(skuId, {
      variantId: link.shopifyVariantId,
      linkedAt: link.linkedAt,
      variantExists: existing.has(link.shopifyVariantId),
    });
  }
  const sampleGroup =
    order.is_sample_order && shop.sampleOrderRule === "COMBINE"
      ? await findSampleGroup(row, order)
      : undefined;
  const ctx: SyncContext = {
    now,
    settings: checkSettingsOf(shop, row.connectionAutoSync),
    connectedAt,
    links,
    planActive: await isPlanActive(client),
    ...(sampleGroup ? { sampleGroupWindowEndsAt: sampleGroup.windowEndsAt } : {}),
  };
  const mapping: MappingContext = {
    settings: mappingSettingsOf(shop),
    links,
    now,
    money: await moneyContext(row, order, client),
    orderPageUrl: (tiktokOrderId) => orderPageUrl(shop.domain, tiktokOrderId),
    tiktokShopId: row.tiktokShopId,
  };
  return { ctx, mapping, ...(sampleGroup ? { sampleGroup } : {}) };
}

/**
 * The store's currency and, for an order in another, the merchant's rate. The store's currency is asked of
 * Shopify once and remembered; an order in the store's own currency never needs it.
 */
async function moneyContext(
  row: ClaimedRow,
  order: TikTokOrder,
  client: AdminClient,
): Promise<MappingContext["money"]> {
  let shopCurrency = row.shop.currencyCode;
  if (!shopCurrency) {
    shopCurrency = await getShopCurrency(client);
    await saveShopCurrency(row.shop.id, shopCurrency);
  }
  if (shopCurrency === order.payment.currency.trim().toUpperCase()) return { shopCurrency };
  const rate = row.exchangeRate;
  return { shopCurrency, ...(rate ? { rate: { value: rate.rate, setAt: rate.setAt } } : {}) };
}

export function skuIdsOf(orders: readonly TikTokOrder[]): string[] {
  return [...new Set(orders.flatMap((order) => order.line_items.map((line) => line.sku_id)))];
}

export function parseStoredOrder(row: OrderRow) {
  return tiktokOrderSchema.safeParse(row.raw);
}

/** The not-yet-synced sample orders to the same recipient that fall in this order's combining window. */
async function findSampleGroup(row: OrderRow & { shop: Shop }, order: TikTokOrder): Promise<SampleGroupRows> {
  const windowMs = row.shop.combineWindowMinutes * 60_000;
  const candidates = await findSampleCandidates(row.shopId, row.tiktokShopId, {
    from: new Date(row.createTime.getTime() - windowMs),
    to: new Date(row.createTime.getTime() + windowMs),
  });
  const parsed = candidates.flatMap((candidate) => {
    const result = parseStoredOrder(candidate);
    return result.success ? [{ row: candidate, order: result.data }] : [];
  });
  const group = groupSampleOrders(
    parsed.map((p) => p.order),
    row.shop.combineWindowMinutes,
  ).find((g) => g.orders.some((member) => member.id === order.id));
  const ids = new Set(group?.orders.map((member) => member.id) ?? [order.id]);
  const members = parsed.filter((p) => ids.has(p.row.tiktokOrderId)).map((p) => p.row);
  const leader = members.find((member) => member.tiktokOrderId === group?.orders[0]?.id) ?? row;
  return {
    leader,
    members: members.length ? members : [row],
    windowEndsAt: group?.windowEndsAt ?? row.createTime,
  };
}

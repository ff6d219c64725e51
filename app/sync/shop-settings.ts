import type { Shop } from "@prisma/client";
import type { MappingContext } from "./mapping";
import type { SyncContext } from "./types";

type StoredSettings = Pick<
  Shop,
  | "autoSync"
  | "sampleOrderRule"
  | "combineWindowMinutes"
  | "onHoldRule"
  | "orderTags"
  | "orderNameFormat"
  | "inventoryBehaviour"
  | "notifyCustomer"
  | "sampleOrderTag"
>;

const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;

/**
 * The store's settings as the stage checks read them (the worker's sync and the pages' Sync buttons); a TikTok
 * shop's own auto-sync, when it has one, wins over the store's.
 */
export function checkSettingsOf(
  shop: StoredSettings,
  shopAutoSync: boolean | null = null,
): SyncContext["settings"] {
  return {
    autoSync: shopAutoSync ?? shop.autoSync,
    sampleOrderRule: lower(shop.sampleOrderRule),
    combineWindowMinutes: shop.combineWindowMinutes,
    onHoldRule: lower(shop.onHoldRule),
  };
}

/** The store's settings as the mapping to Shopify's order input reads them. */
export function mappingSettingsOf(shop: StoredSettings): MappingContext["settings"] {
  return {
    orderTags: shop.orderTags,
    orderNameFormat: shop.orderNameFormat,
    inventoryBehaviour: shop.inventoryBehaviour,
    notifyCustomer: shop.notifyCustomer,
    sampleOrderTag: shop.sampleOrderTag,
  };
}

import type { MappingContext } from "~/sync/mapping";
import type { SkuLink, SyncContext } from "~/sync/types";
import type { TikTokOrder } from "~/tiktok/types";

/** Connected well before the factory's orders (2027-01-15); links are made the day after. */
export const CONNECTED_AT = new Date("2026-06-01T00:00:00Z");
export const LINKED_AT = new Date("2026-06-02T00:00:00Z");
const DEFAULT_NOW = new Date("2027-01-15T12:00:00Z");

export const variantIdFor = (skuId: string) => `gid://shopify/ProductVariant/${skuId}`;

/** Every SKU of the order linked to a variant that exists, before the order was placed. */
export function linkEverySku(order: TikTokOrder, link: Partial<SkuLink> = {}): Map<string, SkuLink> {
  return new Map(
    order.line_items.map((line) => [
      line.sku_id,
      { variantId: variantIdFor(line.sku_id), linkedAt: LINKED_AT, variantExists: true, ...link },
    ]),
  );
}

type SyncContextOverrides = Partial<Omit<SyncContext, "settings">> & {
  settings?: Partial<SyncContext["settings"]>;
};

/**
 * A context in which `order` passes every stage: auto-sync on, connected and linked before it was placed,
 * plan active, two hours after the order (TikTok's on-hold hour is over).
 */
export function buildSyncContext(order?: TikTokOrder, overrides: SyncContextOverrides = {}): SyncContext {
  return {
    now: order ? new Date((order.create_time + 2 * 3600) * 1000) : DEFAULT_NOW,
    connectedAt: CONNECTED_AT,
    links: order ? linkEverySku(order) : new Map(),
    planActive: true,
    ...overrides,
    settings: {
      autoSync: true,
      sampleOrderRule: "sync",
      combineWindowMinutes: 60,
      onHoldRule: "wait",
      ...overrides.settings,
    },
  };
}

type MappingContextOverrides = Partial<Omit<MappingContext, "settings">> & {
  settings?: Partial<MappingContext["settings"]>;
};

/** The store's default settings (as a new store gets them) and every SKU of `orders` linked. */
export function buildMappingContext(
  orders: TikTokOrder | readonly TikTokOrder[] = [],
  overrides: MappingContextOverrides = {},
): MappingContext {
  const all = ([] as TikTokOrder[]).concat(orders);
  return {
    now: DEFAULT_NOW,
    links: new Map(all.flatMap((order) => [...linkEverySku(order)])),
    ...overrides,
    settings: {
      orderTags: ["TikTok Shop"],
      orderNameFormat: "TT-{id}",
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
      notifyCustomer: false,
      sampleOrderTag: "TikTok sample",
      ...overrides.settings,
    },
  };
}

import type { StandinControl } from "../../tools/shopify-standin";
import type { OrderSpec, TikTokStandinControl } from "../../tools/tiktok-standin";

/** The demo store's catalogue: the same products in Shopify and on TikTok, matched by SKU. */
export const PRODUCTS = [
  { title: "Glow Serum", sku: "SERUM-30", price: "24.00", stock: 500, link: true },
  { title: "Hydra Cream", sku: "CREAM-50", price: "32.00", stock: 500, link: true },
  { title: "Lip Tint", sku: "TINT-RED", price: "12.00", stock: 500, link: true },
  { title: "Jade Roller", sku: "ROLLER-JADE", price: "18.00", stock: 0, link: true },
  { title: "Travel Kit", sku: "KIT-TRAVEL", price: "45.00", stock: 100, link: false },
  { title: "Bamboo Brush", sku: "BRUSH-BAMBOO", price: "9.00", stock: 100, link: true },
] as const;

export type SeededProduct = {
  sku: string;
  tiktokProductId: string;
  tiktokSkuId: string;
  variantId: string;
  link: boolean;
};

export async function seedCatalog(
  shopify: StandinControl,
  tiktok: TikTokStandinControl,
  shop: string,
  tiktokShopId: string,
) {
  const seeded: SeededProduct[] = [];
  for (const product of PRODUCTS) {
    const created = await shopify.addProduct(shop, {
      title: product.title,
      variants: [
        { sku: product.sku, price: product.price, inventory: product.stock, inventoryPolicy: "DENY" },
      ],
    });
    const variantId = created.variants[0]?.id ?? "";
    const listed = await tiktok.addProduct({
      shopId: tiktokShopId,
      title: product.title,
      skus: [{ sellerSku: product.sku, price: product.price, currency: "USD", quantity: 100 }],
    });
    const sku = listed.skus[0];
    seeded.push({
      sku: product.sku,
      tiktokProductId: listed.id,
      tiktokSkuId: sku?.id ?? "",
      variantId,
      link: product.link,
    });
  }
  return seeded;
}

/** The UK shop's prices, in GBP: the same Shopify variants, sold on TikTok UK. */
const UK_PRICES: Readonly<Record<string, string>> = {
  "SERUM-30": "19.00",
  "CREAM-50": "26.00",
  "TINT-RED": "9.50",
};

/** The demo's second TikTok shop lists some of the products in GBP, each linked to the same Shopify variant. */
export async function seedUkCatalog(
  tiktok: TikTokStandinControl,
  tiktokShopId: string,
  catalog: readonly SeededProduct[],
): Promise<SeededProduct[]> {
  const seeded: SeededProduct[] = [];
  for (const product of PRODUCTS.filter((p) => UK_PRICES[p.sku])) {
    const listed = await tiktok.addProduct({
      shopId: tiktokShopId,
      title: product.title,
      skus: [{ sellerSku: product.sku, price: UK_PRICES[product.sku] ?? "", currency: "GBP", quantity: 100 }],
    });
    const variantId = catalog.find((seededProduct) => seededProduct.sku === product.sku)?.variantId ?? "";
    seeded.push({
      sku: product.sku,
      tiktokProductId: listed.id,
      tiktokSkuId: listed.skus[0]?.id ?? "",
      variantId,
      link: true,
    });
  }
  return seeded;
}

/** The UK shop's orders: in GBP, which the demo store (in USD) has no rate for until the merchant sets one. */
export function ukDemoOrders(tiktokShopId: string, skuIdOf: (sku: string) => string): OrderSpec[] {
  return [
    { shopId: tiktokShopId, lines: [{ skuId: skuIdOf("SERUM-30"), quantity: 2 }], shipping: { fee: "3.49" } },
    {
      shopId: tiktokShopId,
      lines: [{ skuId: skuIdOf("CREAM-50"), sellerDiscount: "2.00" }, { skuId: skuIdOf("TINT-RED") }],
      shipping: { fee: "2.99", platformDiscount: "2.99" },
    },
  ];
}

/** When TikTok moves the demo's orders on by itself: the on-hold order's release, the COD order's delivery. */
export type DemoTimings = { onHoldSeconds?: number; codDeliverSeconds?: number };

/**
 * One order of each kind a merchant meets: synced ones, and blocked or failed ones for the reasons the store's
 * data shows by itself (conditions.ts places those that need the store in another state while they sync).
 * `connectedAt` and `linkedAt` are Unix seconds; the store was connected before its products were linked.
 */
export function demoOrders(
  skuIdOf: (sku: string) => string,
  connectedAt: number,
  linkedAt: number,
  { onHoldSeconds = 120, codDeliverSeconds = 180 }: DemoTimings = {},
): OrderSpec[] {
  const line = (sku: string, quantity = 1) => ({ skuId: skuIdOf(sku), quantity });
  return [
    { lines: [line("SERUM-30", 2)], shipping: { fee: "4.99" } },
    {
      lines: [
        { ...line("CREAM-50"), sellerDiscount: "3.00", platformDiscount: "5.00", tax: "2.16" },
        line("TINT-RED"),
      ],
      shipping: { fee: "5.99", platformDiscount: "5.99" },
    },
    { lines: [line("SERUM-30")], masked: true, buyerMessage: "Please gift wrap, thank you!" },
    { lines: [line("TINT-RED", 3)], retailDeliveryFee: "0.28", shipping: { fee: "3.99" } },
    // Blocked until its product is linked, and due to ship within hours: the list says so.
    { lines: [line("KIT-TRAVEL")], shipByHours: 6 },
    { lines: [line("CREAM-50")], fbt: true },
    { lines: [line("TINT-RED")], fulfillmentType: "FULFILLMENT_BY_DILAYANI_TOKOPEDIA" },
    { lines: [line("SERUM-30")], onHold: true, onHoldSeconds },
    // Cash on delivery: unpaid in Shopify until TikTok reports it delivered, then paid.
    { lines: [line("CREAM-50")], cod: true, deliverAfterSeconds: codDeliverSeconds },
    // Collected by the buyer at a pick-up point: the shipping address is the point's.
    { lines: [line("TINT-RED")], deliveryType: "COLLECTION_POINT" },
    // A pre-order: tagged in Shopify, as it ships later than the others.
    { lines: [line("CREAM-50")], overrides: { order_type: "PRE_ORDER" } },
    // A replacement TikTok sends at no charge for an order that arrived damaged.
    {
      lines: [{ ...line("SERUM-30"), price: "0.00" }],
      overrides: { is_replacement_order: true, replaced_order_id: "576461413038785001" },
    },
    { lines: [line("TINT-RED")], status: "CANCELLED", cancelReason: "Buyer changed their mind" },
    { lines: [line("SERUM-30")], sample: true },
    { lines: [line("CREAM-50")], status: "UNPAID" },
    // Past TikTok's ship-by time while it waits for its product.
    { lines: [line("ROLLER-JADE")], shipByHours: -3 },
    { lines: [line("BRUSH-BAMBOO")] },
    // Shopify refuses a four-digit US ZIP code (INVALID_FIELD) and needs a country (MISSING_REQUIRED_FIELD).
    { lines: [line("SERUM-30")], recipient: { postalCode: "9021" } },
    { lines: [line("TINT-RED")], recipient: { regionCode: "" } },
    // Placed days ago: ship-by times well ahead (72 hours after placing would fall due while the demo runs).
    { lines: [line("CREAM-50")], createTime: Math.round((connectedAt + linkedAt) / 2), shipByHours: 240 },
    { lines: [line("TINT-RED")], createTime: connectedAt - 86_400, shipByHours: 240 },
  ];
}

/** A steady trickle of new orders while the demo runs: mostly ordinary ones, now and then something to fix. */
export function nextDemoOrder(skuIdOf: (sku: string) => string, count: number): OrderSpec {
  const kinds: OrderSpec[] = [
    { lines: [{ skuId: skuIdOf("SERUM-30"), quantity: 1 + (count % 3) }], shipping: { fee: "4.99" } },
    { lines: [{ skuId: skuIdOf("CREAM-50") }, { skuId: skuIdOf("TINT-RED") }] },
    { lines: [{ skuId: skuIdOf("TINT-RED"), quantity: 2 }], masked: true },
    { lines: [{ skuId: skuIdOf("SERUM-30") }], sample: true },
    { lines: [{ skuId: skuIdOf("KIT-TRAVEL") }] },
  ];
  return kinds[count % kinds.length] ?? {};
}

import type { ProductLink } from "@prisma/client";
import { listBlockedLines, listSkusSeenInOrders, type BlockedLine } from "~/models/order-list.server";
import { listLinks } from "~/models/product-link.server";
import { findShopWithConnections } from "~/models/shop.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { getVariantsById, type Variant } from "~/admin-api/operations/variants";
import { readTikTokCatalog, RELINK_REASONS } from "~/linking/link-products.server";

export type SkuLinkView = {
  state: "linked" | "variant_deleted";
  variantId: string;
  variantTitle: string | null;
};

export type SkuRowView = {
  skuId: string;
  productId: string;
  productTitle: string;
  skuName: string | null;
  sellerSku: string | null;
  /** The TikTok shop selling it, by name; null for a SKU only seen in orders. */
  tiktokShop: string | null;
  link: SkuLinkView | null;
  /** Orders blocked until this SKU is linked (or relinked). */
  blockedOrders: number;
};

export type ProductsPage = {
  connected: boolean;
  skus: SkuRowView[];
  /** Why TikTok's or Shopify's part is missing from the page; what the database knows is still shown. */
  tiktokError: string | null;
  shopifyError: string | null;
};

/**
 * The Products page: the TikTok shop's SKUs (from TikTok, plus any seen in stored orders), each with its
 * link as Shopify knows it now and the number of orders waiting on it.
 */
export async function loadProductsPage(shopDomain: string): Promise<ProductsPage> {
  const shop = await findShopWithConnections(shopDomain);
  if (!shop?.connections.length) return { connected: false, skus: [], tiktokError: null, shopifyError: null };
  let tiktokError: string | null = null;
  const catalog = await readTikTokCatalog(shopDomain).then(
    ({ skus, problems }) => {
      if (problems.length > 0) tiktokError = problems.join(" ");
      return skus;
    },
    (error: unknown) => {
      tiktokError = messageOf(error);
      return [];
    },
  );
  const seen = await listSkusSeenInOrders(shop.id);
  const blocked = await listBlockedLines(shop.id, RELINK_REASONS);
  const links = new Map((await listLinks(shop.id)).map((link) => [link.tiktokSkuId, link]));

  let shopifyError: string | null = null;
  const variants = await variantsOf(shopDomain, [...links.values()]).catch((error: unknown) => {
    shopifyError = messageOf(error);
    return null;
  });
  const rows = new Map<string, SkuRowView>();
  const add = (row: Omit<SkuRowView, "link" | "blockedOrders">) => {
    if (rows.has(row.skuId)) return;
    const link = links.get(row.skuId);
    rows.set(row.skuId, { ...row, link: link ? linkView(link, variants) : null, blockedOrders: 0 });
  };
  for (const { skuId, productId, productTitle, name, sellerSku, tiktokShop } of catalog)
    add({ skuId, productId, productTitle, skuName: name, sellerSku, tiktokShop });
  for (const { skuId, productId, productName, skuName, sellerSku } of seen)
    add({ skuId, productId, productTitle: productName, skuName, sellerSku, tiktokShop: null });
  for (const link of links.values()) {
    const { tiktokSkuId: skuId, tiktokProductId: productId, sellerSku } = link;
    add({ skuId, productId, productTitle: "", skuName: null, sellerSku, tiktokShop: null });
  }
  for (const line of blocked) {
    const row = rows.get(line.skuId);
    if (row && blocksOn(line, links.get(line.skuId))) row.blockedOrders++;
  }
  const skus = [...rows.values()].sort(
    (a, b) => b.blockedOrders - a.blockedOrders || a.productTitle.localeCompare(b.productTitle),
  );
  return { connected: true, skus, tiktokError, shopifyError };
}

async function variantsOf(shopDomain: string, links: ProductLink[]): Promise<Map<string, Variant>> {
  if (links.length === 0) return new Map();
  const client = await adminClientForShop(shopDomain);
  return getVariantsById(client, [...new Set(links.map((link) => link.shopifyVariantId))]);
}

// Shopify's answer wins over the stored state; without one the stored state is what we know.
function linkView(link: ProductLink, variants: Map<string, Variant> | null): SkuLinkView {
  const variant = variants?.get(link.shopifyVariantId);
  const exists = variants ? variant !== undefined : link.state === "LINKED";
  return {
    state: exists ? "linked" : "variant_deleted",
    variantId: link.shopifyVariantId,
    variantTitle: variant?.displayName ?? null,
  };
}

/** Whether a blocked order still waits on this SKU, given the SKU's link today. */
function blocksOn(line: BlockedLine, link: ProductLink | undefined): boolean {
  if (line.reasonCode === "PRODUCT_NOT_LINKED") return !link;
  if (line.reasonCode === "PRODUCT_DELETED") return link?.state === "VARIANT_DELETED";
  return !link || link.linkedAt > line.createTime;
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

import { z } from "zod";
import { requeueBlocked } from "~/models/order-queue.server";
import { getLinksForSkus, linkSku, type NewProductLink } from "~/models/product-link.server";
import { listTikTokConnections } from "~/models/tiktok-connection.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { findVariantsBySku, type Variant } from "~/admin-api/operations/variants";
import type { BlockReasonCode } from "~/sync/reasons";
import type { TikTokProduct } from "~/tiktok/api-schemas";
import { noTikTokShopError, tiktokClientForShop } from "~/tiktok/connection.server";
import { TikTokApiError } from "~/tiktok/errors";

/**
 * TikTok products for linking: every SKU of each of the store's TikTok shops, and auto-linking by seller SKU
 * to the Shopify variant with exactly that SKU. A SKU several variants share is left for the merchant. TikTok
 * SKU ids are TikTok-wide (a SKU belongs to one product of one shop), so a link keyed by SKU id is that shop's.
 */

/** Blocks that a new link can lift: the orders waiting on them are re-queued after linking. */
export const RELINK_REASONS = [
  "PRODUCT_NOT_LINKED",
  "ORDER_BEFORE_PRODUCT_LINKED",
  "PRODUCT_DELETED",
] as const satisfies readonly BlockReasonCode[];

export type TikTokSku = {
  /** The TikTok shop selling it, by name (its id when TikTok gave none). */
  tiktokShop: string;
  productId: string;
  productTitle: string;
  productStatus: string | null;
  skuId: string;
  sellerSku: string | null;
  /** The SKU's sales attributes, e.g. "30 ml / Rose"; "Default" without any. */
  name: string;
  price: { amount: string; currency: string } | null;
  imageUrl: string | null;
};

// Product detail carries `main_images`; search may not. Read leniently: an image is a nicety.
const imagesSchema = z.looseObject({
  main_images: z.array(z.looseObject({ urls: z.array(z.string()).default([]) })).optional(),
});

/** The store's TikTok shops that can be read: connected and not revoked. */
async function readableShops(shopDomain: string) {
  const connections = await listTikTokConnections(shopDomain);
  const readable = connections.filter((connection) => !connection.deauthorizedAt);
  return readable.length > 0 ? readable : connections;
}

/**
 * Every SKU of the store's TikTok shops. A shop TikTok can't be read for (its access refused, TikTok down)
 * doesn't hide the others': what went wrong is in `problems`, by shop. Throws only when no shop could be read.
 */
export async function readTikTokCatalog(
  shopDomain: string,
): Promise<{ skus: TikTokSku[]; problems: string[] }> {
  const skus: TikTokSku[] = [];
  const problems: string[] = [];
  let firstError: unknown;
  const shops = await readableShops(shopDomain);
  if (shops.length === 0) throw noTikTokShopError(shopDomain);
  for (const shop of shops) {
    const name = shop.tiktokShopName ?? shop.tiktokShopId;
    try {
      const client = await tiktokClientForShop({ shopDomain, tiktokShopId: shop.tiktokShopId });
      let pageToken: string | undefined;
      do {
        const page = await client.searchProducts({ pageSize: 100, pageToken });
        for (const product of page.products) skus.push(...skusOf(product, name));
        pageToken = page.nextPageToken;
      } while (pageToken);
    } catch (error) {
      firstError ??= error;
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length === shops.length) throw firstError;
  return { skus, problems };
}

/** The SKUs of the store's TikTok shops that can be read (see readTikTokCatalog). */
export async function listTikTokSkus(shopDomain: string): Promise<TikTokSku[]> {
  return (await readTikTokCatalog(shopDomain)).skus;
}

function skusOf(product: TikTokProduct, tiktokShop: string): TikTokSku[] {
  const images = imagesSchema.safeParse(product);
  const imageUrl = (images.success && images.data.main_images?.[0]?.urls[0]) || null;
  return product.skus.map((sku) => {
    const amount = sku.price?.sale_price ?? sku.price?.tax_exclusive_price ?? sku.price?.amount;
    return {
      tiktokShop,
      productId: product.id,
      productTitle: product.title,
      productStatus: product.status ?? null,
      skuId: sku.id,
      sellerSku: sku.seller_sku?.trim() || null,
      name: sku.sales_attributes.map((attribute) => attribute.value_name).join(" / ") || "Default",
      price: amount && sku.price ? { amount, currency: sku.price.currency } : null,
      imageUrl,
    };
  });
}

/**
 * The SKU as one of the store's own TikTok shops has it, or null when the product is none of theirs (TikTok
 * refuses it) or has no such SKU. Failures to reach TikTok or to authenticate are thrown.
 */
export async function findTikTokSku(
  shopDomain: string,
  productId: string,
  skuId: string,
): Promise<TikTokSku | null> {
  const shops = await readableShops(shopDomain);
  if (shops.length === 0) throw noTikTokShopError(shopDomain);
  let unreadable: unknown;
  for (const shop of shops) {
    try {
      const client = await tiktokClientForShop({ shopDomain, tiktokShopId: shop.tiktokShopId });
      const product = await client.getProduct(productId);
      const found = skusOf(product, shop.tiktokShopName ?? shop.tiktokShopId).find(
        (sku) => sku.skuId === skuId,
      );
      if (found) return found;
    } catch (error) {
      // TikTok refusing this request itself: not this shop's product. Token, signature and rate-limit faults
      // are subclasses: this shop can't be read now, but the product may be another's.
      if (!(error instanceof TikTokApiError && error.constructor === TikTokApiError)) unreadable ??= error;
    }
  }
  // Not found where TikTok could be asked; a shop that could not be asked may have it.
  if (unreadable) throw unreadable;
  return null;
}

export type AutoLinkPreview = {
  /** Linked when applied: exactly one Shopify variant has the seller SKU. */
  matches: { sku: TikTokSku; variant: Variant }[];
  /** Several variants share the seller SKU: not linked, the merchant chooses. */
  ambiguous: { sku: TikTokSku; variants: Variant[] }[];
  /** No seller SKU, or no variant with it. */
  unmatched: TikTokSku[];
  /** Already linked (a link whose variant was deleted counts as unlinked and may be relinked). */
  alreadyLinked: { sku: TikTokSku; variantId: string }[];
};

export async function previewAutoLink(shopDomain: string): Promise<AutoLinkPreview> {
  const shopId = await connectedShopId(shopDomain);
  const skus = await listTikTokSkus(shopDomain);
  const links = await getLinksForSkus(
    shopId,
    skus.map((sku) => sku.skuId),
  );
  const preview: AutoLinkPreview = { matches: [], ambiguous: [], unmatched: [], alreadyLinked: [] };
  const candidates: TikTokSku[] = [];
  for (const sku of skus) {
    const link = links.get(sku.skuId);
    if (link?.state === "LINKED") preview.alreadyLinked.push({ sku, variantId: link.shopifyVariantId });
    else if (!sku.sellerSku) preview.unmatched.push(sku);
    else candidates.push(sku);
  }
  const sellerSkus = [...new Set(candidates.map((sku) => sku.sellerSku ?? ""))];
  const variants =
    sellerSkus.length > 0 ? await findVariantsBySku(await adminClientForShop(shopDomain), sellerSkus) : [];
  const bySku = new Map<string, Variant[]>();
  for (const variant of variants)
    bySku.set(variant.sku ?? "", [...(bySku.get(variant.sku ?? "") ?? []), variant]);
  for (const sku of candidates) {
    const found = bySku.get(sku.sellerSku ?? "") ?? [];
    const [variant, ...others] = found;
    if (!variant) preview.unmatched.push(sku);
    else if (others.length > 0) preview.ambiguous.push({ sku, variants: found });
    else preview.matches.push({ sku, variant });
  }
  return preview;
}

export type LinkResult = { linked: number; requeued: number };

/**
 * Links the preview's matches (all, or the TikTok SKU ids chosen), computed afresh so nothing stale or
 * submitted by the page is trusted, then re-queues the orders blocked on unlinked or deleted products.
 */
export async function applyAutoLink(
  shopDomain: string,
  options: { skuIds?: readonly string[]; now?: Date } = {},
): Promise<LinkResult & { preview: AutoLinkPreview }> {
  const shopId = await connectedShopId(shopDomain);
  const preview = await previewAutoLink(shopDomain);
  const chosen = options.skuIds ? new Set(options.skuIds) : undefined;
  const matches = preview.matches.filter((match) => !chosen || chosen.has(match.sku.skuId));
  const now = options.now ?? new Date();
  for (const { sku, variant } of matches) {
    await linkSku(
      shopId,
      {
        tiktokProductId: sku.productId,
        tiktokSkuId: sku.skuId,
        sellerSku: sku.sellerSku,
        shopifyVariantId: variant.id,
      },
      now,
    );
  }
  const skuIds = matches.map((match) => match.sku.skuId);
  const requeued = matches.length > 0 ? await requeueLinked(shopId, skuIds) : 0;
  return { linked: matches.length, requeued, preview };
}

/** A link the merchant made by hand on the Products page; re-queues like auto-linking. */
export async function linkTikTokSku(shopDomain: string, link: NewProductLink): Promise<LinkResult> {
  const shopId = await connectedShopId(shopDomain);
  await linkSku(shopId, link);
  return { linked: 1, requeued: await requeueLinked(shopId, [link.tiktokSkuId]) };
}

/**
 * Linking is the merchant's fix for the orders of those SKUs, so they go through as if the merchant had
 * clicked Sync on each: an order placed before its product was linked is synced (its Sync button is
 * enabled once every line is linked), and the merchant has no click left to make.
 */
function requeueLinked(shopId: string, skuIds: readonly string[]): Promise<number> {
  return requeueBlocked(shopId, RELINK_REASONS, { skuIds, trigger: "LINKED" });
}

async function connectedShopId(shopDomain: string): Promise<string> {
  const [connection] = await listTikTokConnections(shopDomain);
  if (!connection) throw new Error(`No TikTok shop is connected to ${shopDomain}: connect it in Settings.`);
  return connection.shopId;
}

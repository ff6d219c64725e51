import type { SkuRowView } from "~/pages/products.server";

export type SkuFilter = "all" | "unlinked" | "blocked";

/** The Products page's filter: words typed against names, seller SKU and SKU id, and a link state. */
export function filterSkus(skus: readonly SkuRowView[], text: string, show: SkuFilter): SkuRowView[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return skus.filter((sku) => {
    if (show === "unlinked" && sku.link?.state === "linked") return false;
    if (show === "blocked" && sku.blockedOrders === 0) return false;
    const haystack = [sku.productTitle, sku.skuName, sku.sellerSku, sku.skuId, sku.link?.variantTitle]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

import type { AdminClient } from "~/admin-api/admin-client.server";
import type { VariantSearchQuery } from "~/types/admin.generated";
import { VARIANT_SEARCH, type Variant } from "./variants";

/**
 * Shopify's search words for what a merchant typed: each word a prefix of a title or SKU. Characters
 * that mean something in Shopify's search syntax are dropped, so a typed colon can't become a filter.
 */
export function variantSearchQuery(text: string): string {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/[\\:"'()*]/g, ""))
    .filter((word) => word && !/^(AND|OR|NOT)$/.test(word))
    .slice(0, 8)
    .map((word) => `${word}*`)
    .join(" ");
}

/** Variants whose title or SKU starts with the words typed, for linking a TikTok SKU by hand. */
export async function searchVariants(client: AdminClient, text: string, first = 20): Promise<Variant[]> {
  const query = variantSearchQuery(text);
  if (!query) return [];
  const data = await client.request<VariantSearchQuery>(VARIANT_SEARCH, {
    query,
    first,
  });
  return data.productVariants.nodes;
}

import type { AdminClient } from "~/admin-api/admin-client.server";
import type { VariantSearchQuery, VariantsByIdQuery } from "~/types/admin.generated";

export const VARIANTS_BY_ID = `#graphql
  query VariantsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        sku
        title
        displayName
        inventoryPolicy
        inventoryQuantity
        product {
          id
          title
        }
      }
    }
  }
`;

/** Variants matching a search query: exact SKUs for auto-linking, typed words for linking by hand. */
export const VARIANT_SEARCH = `#graphql
  query VariantSearch($query: String!, $first: Int!) {
    productVariants(first: $first, query: $query) {
      nodes {
        id
        sku
        title
        displayName
        product {
          id
          title
        }
      }
    }
  }
`;
type VariantById = NonNullable<VariantsByIdQuery["nodes"][number]>;

/** A variant as a search reads it; read by id, with its inventory policy and quantity too. */
export type Variant = VariantSearchQuery["productVariants"]["nodes"][number] &
  Partial<Pick<VariantById, "inventoryPolicy" | "inventoryQuantity">>;

const PAGE = 250;

// A deleted variant comes back as null; another kind of node (a bad id) as an empty object, which the
// generated type omits.
const isVariant = (node: VariantsByIdQuery["nodes"][number]): node is VariantById =>
  typeof node?.id === "string";

/** The variants that still exist, by id; a deleted variant is simply absent from the map. */
export async function getVariantsById(
  client: AdminClient,
  ids: readonly string[],
): Promise<Map<string, Variant>> {
  const found = new Map<string, Variant>();
  for (let start = 0; start < ids.length; start += PAGE) {
    const data = await client.request<VariantsByIdQuery>(VARIANTS_BY_ID, {
      ids: ids.slice(start, start + PAGE),
    });
    for (const node of data.nodes) if (isVariant(node)) found.set(node.id, node);
  }
  return found;
}

/** Variants whose SKU is exactly one of `skus`, for linking TikTok SKUs by seller SKU. */
export async function findVariantsBySku(client: AdminClient, skus: readonly string[]): Promise<Variant[]> {
  const variants: Variant[] = [];
  const wanted = new Set(skus);
  for (let start = 0; start < skus.length; start += 50) {
    const chunk = skus.slice(start, start + 50);
    const query = chunk.map((sku) => `sku:"${sku.replace(/["\\]/g, "")}"`).join(" OR ");
    const data = await client.request<VariantSearchQuery>(VARIANT_SEARCH, {
      query,
      first: PAGE,
    });
    variants.push(...data.productVariants.nodes.filter((variant) => variant.sku && wanted.has(variant.sku)));
  }
  return variants;
}

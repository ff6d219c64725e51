import {
  addProduct,
  addVariant,
  ControlInputError,
  deleteProduct,
  deleteVariant,
  requireId,
  updateVariant,
} from "./catalog";
import { parseBody, SHOP_PATH, shopOf, type Route } from "./routing";
import { productInput, variantInput, variantPatch } from "./input";
import { productSnapshot, variantSnapshot } from "./views";

const at = (suffix: string) => new RegExp(`^${SHOP_PATH}${suffix}$`);

/** Products and variants: stock, policy, deletion. */
export const CATALOG_ROUTES: Route[] = [
  [
    "GET",
    at("/products"),
    (store, [domain]) => {
      const shop = shopOf(store, domain);
      return [...shop.products.values()].map((product) => productSnapshot(shop, product));
    },
  ],
  [
    "POST",
    at("/products"),
    async (store, [domain], body) => {
      const shop = shopOf(store, domain);
      return productSnapshot(shop, addProduct(shop, await parseBody(productInput, body)));
    },
  ],
  [
    "DELETE",
    at("/products/([^/]+)"),
    (store, [domain, id]) => (deleteProduct(shopOf(store, domain), requireId("Product", id)), { ok: true }),
  ],
  [
    "POST",
    at("/products/([^/]+)/variants"),
    async (store, [domain, id], body) => {
      const shop = shopOf(store, domain);
      const variant = addVariant(shop, requireId("Product", id), await parseBody(variantInput, body));
      return variantSnapshot(shop, variant);
    },
  ],
  [
    "GET",
    at("/variants/([^/]+)"),
    (store, [domain, id]) => {
      const shop = shopOf(store, domain);
      const variant = shop.variants.get(requireId("ProductVariant", id));
      if (!variant) throw new ControlInputError(`Variant ${id} not found`, 404);
      return variantSnapshot(shop, variant);
    },
  ],
  [
    "PATCH",
    at("/variants/([^/]+)"),
    async (store, [domain, id], body) => {
      const shop = shopOf(store, domain);
      const patch = await parseBody(variantPatch, body);
      return variantSnapshot(shop, updateVariant(shop, requireId("ProductVariant", id), patch));
    },
  ],
  [
    "DELETE",
    at("/variants/([^/]+)"),
    (store, [domain, id]) => (
      deleteVariant(shopOf(store, domain), requireId("ProductVariant", id)),
      { ok: true }
    ),
  ],
];

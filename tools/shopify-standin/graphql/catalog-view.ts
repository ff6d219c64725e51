import { gid } from "../gid";
import { formatAmount } from "../money";
import {
  availableQuantity,
  type LocationRecord,
  type ProductRecord,
  type ShopState,
  type VariantRecord,
} from "../store";
import { connection, type ConnectionArgs } from "./connection";

/** Products, variants, inventory items and locations as the Admin schema's objects. */

export function productView(shop: ShopState, product: ProductRecord) {
  const variants = () => product.variantIds.flatMap((id) => shop.variants.get(id) ?? []);
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    description: () => "",
    descriptionHtml: "",
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    publishedAt: product.status === "ACTIVE" ? product.createdAt : null,
    onlineStoreUrl: null,
    isGiftCard: false,
    totalInventory: variants().reduce((total, variant) => total + availableQuantity(variant), 0),
    tracksInventory: variants().some((variant) => variant.tracked),
    hasOnlyDefaultVariant: product.variantIds.length === 1 && variants()[0]?.title === "Default Title",
    hasOutOfStockVariants: variants().some((variant) => variant.tracked && availableQuantity(variant) <= 0),
    variantsCount: () => ({ count: variants().length, precision: "EXACT" }),
    variants: (args: ConnectionArgs) => connection(variants(), args, (variant) => variantView(shop, variant)),
  };
}

export function variantView(shop: ShopState, variant: VariantRecord) {
  const product = shop.products.get(variant.productId);
  const available = availableQuantity(variant);
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: `${product?.title ?? ""} - ${variant.title}`,
    sku: variant.sku,
    barcode: null,
    price: formatAmount(variant.price),
    compareAtPrice: null,
    taxable: true,
    position: (product?.variantIds.indexOf(variant.id) ?? 0) + 1,
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: available,
    sellableOnlineQuantity: Math.max(0, available),
    availableForSale: !variant.tracked || variant.inventoryPolicy === "CONTINUE" || available > 0,
    selectedOptions: [{ name: "Title", value: variant.title }],
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    product: () => (product ? productView(shop, product) : null),
    inventoryItem: () => inventoryItemView(shop, variant),
  };
}

export function inventoryItemView(shop: ShopState, variant: VariantRecord) {
  const levels = shop.locations.map((location) => ({ id: location.id, location }));
  const level = ({ location }: { location: LocationRecord }) => ({
    __typename: "InventoryLevel",
    id: gid("InventoryLevel", `${location.id}?inventory_item_id=${variant.inventoryItemId}`),
    isActive: true,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    location: locationView(location),
    item: () => inventoryItemView(shop, variant),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => ({
        __typename: "InventoryQuantity",
        id: gid(
          "InventoryQuantity",
          `${location.id}?inventory_item_id=${variant.inventoryItemId}&name=${name}`,
        ),
        name,
        quantity: ["available", "on_hand"].includes(name) ? (variant.inventory.get(location.id) ?? 0) : 0,
        updatedAt: variant.updatedAt,
      })),
  });
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", variant.inventoryItemId),
    legacyResourceId: String(variant.inventoryItemId),
    sku: variant.sku,
    tracked: variant.tracked,
    requiresShipping: true,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    inventoryLevels: (args: ConnectionArgs) => connection(levels, args, level),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const found = levels.find((entry) => gid("Location", entry.id) === locationId);
      return found ? level(found) : null;
    },
  };
}

export function locationView(location: LocationRecord) {
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    shipsInventory: true,
    hasActiveInventory: true,
  };
}

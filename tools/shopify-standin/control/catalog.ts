import type { ProductInput, SubscriptionInput, VariantInput, VariantPatch } from "./input";
import { idOf } from "../gid";
import { periodEnd } from "../billing/subscriptions";
import { parseAmount, ZERO } from "../money";
import {
  nextId,
  nowIso,
  type LocationRecord,
  type ProductRecord,
  type ShopState,
  type VariantRecord,
} from "../store";

/** Seeding and changing a shop's catalog and billing through the control API. */

export class ControlInputError extends Error {
  constructor(
    message: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

export function addProduct(shop: ShopState, input: ProductInput): ProductRecord {
  const wanted = input.id === undefined ? undefined : requireId("Product", input.id);
  if (wanted !== undefined && shop.products.has(wanted))
    throw new ControlInputError(`Product ${wanted} exists`, 409);
  const now = nowIso();
  const product: ProductRecord = {
    id: nextId(shop, wanted),
    title: input.title,
    handle: input.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
    vendor: input.vendor ?? shop.name,
    productType: input.productType ?? "",
    status: input.status ?? "ACTIVE",
    tags: input.tags ?? [],
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  shop.products.set(product.id, product);
  for (const variant of input.variants ?? [{ title: "Default Title" }]) addVariant(shop, product.id, variant);
  return product;
}

export function addVariant(shop: ShopState, productId: number, input: VariantInput): VariantRecord {
  const product = shop.products.get(productId);
  if (!product) throw new ControlInputError(`Product ${productId} not found`, 404);
  const wanted = input.id === undefined ? undefined : requireId("ProductVariant", input.id);
  if (wanted !== undefined && shop.variants.has(wanted))
    throw new ControlInputError(`Variant ${wanted} exists`, 409);
  const now = nowIso();
  const variant: VariantRecord = {
    id: nextId(shop, wanted),
    productId,
    inventoryItemId: 0,
    title: input.title ?? "Default Title",
    sku: input.sku ?? null,
    price: parseAmount(input.price ?? "0") ?? ZERO,
    inventoryPolicy: input.inventoryPolicy ?? "DENY",
    tracked: input.tracked ?? true,
    inventory: new Map(shop.locations.map((location) => [location.id, 0])),
    createdAt: now,
    updatedAt: now,
  };
  variant.inventoryItemId = nextId(shop);
  if (input.inventory !== undefined) setInventory(shop, variant, input.inventory);
  shop.variants.set(variant.id, variant);
  product.variantIds.push(variant.id);
  return variant;
}

export function updateVariant(shop: ShopState, variantId: number, patch: VariantPatch): VariantRecord {
  const variant = shop.variants.get(variantId);
  if (!variant) throw new ControlInputError(`Variant ${variantId} not found`, 404);
  if (patch.sku !== undefined) variant.sku = patch.sku;
  if (patch.title !== undefined) variant.title = patch.title;
  if (patch.price !== undefined) variant.price = parseAmount(patch.price) ?? variant.price;
  if (patch.inventoryPolicy !== undefined) variant.inventoryPolicy = patch.inventoryPolicy;
  if (patch.tracked !== undefined) variant.tracked = patch.tracked;
  if (patch.inventory !== undefined) setInventory(shop, variant, patch.inventory);
  variant.updatedAt = nowIso();
  return variant;
}

export function deleteVariant(shop: ShopState, variantId: number): void {
  const variant = shop.variants.get(variantId);
  if (!variant) throw new ControlInputError(`Variant ${variantId} not found`, 404);
  shop.variants.delete(variantId);
  const product = shop.products.get(variant.productId);
  if (product) product.variantIds = product.variantIds.filter((id) => id !== variantId);
}

export function deleteProduct(shop: ShopState, productId: number): void {
  const product = shop.products.get(productId);
  if (!product) throw new ControlInputError(`Product ${productId} not found`, 404);
  for (const variantId of product.variantIds) shop.variants.delete(variantId);
  shop.products.delete(productId);
}

/**
 * Replaces the app's subscriptions with one, as if the merchant had approved it (no line items, no trial);
 * null removes them (no active subscription).
 */
export function setSubscription(shop: ShopState, input: SubscriptionInput | null): void {
  const status = input?.status ?? "ACTIVE";
  shop.subscriptions = input
    ? [
        {
          id: nextId(shop),
          name: input.name ?? "Standard",
          status,
          test: input.test ?? false,
          createdAt: nowIso(),
          trialDays: 0,
          returnUrl: `https://${shop.domain}/admin/apps`,
          lineItems: [],
          currentPeriodEnd: status === "ACTIVE" ? periodEnd(new Date(), "EVERY_30_DAYS") : null,
        },
      ]
    : [];
}

export function requireId(type: string, value: string | number | undefined): number {
  const id = value === undefined ? undefined : idOf(type, value);
  if (id === undefined) throw new ControlInputError(`Not a ${type} id: ${value}`);
  return id;
}

function firstLocation(shop: ShopState): LocationRecord {
  const first = shop.locations[0];
  if (!first) throw new ControlInputError(`Shop ${shop.domain} has no location to hold inventory`);
  return first;
}

function setInventory(
  shop: ShopState,
  variant: VariantRecord,
  inventory: number | Record<string, number>,
): void {
  const entries =
    typeof inventory === "number"
      ? [[String(firstLocation(shop).id), inventory] as const]
      : Object.entries(inventory);
  for (const [key, quantity] of entries) {
    const location = shop.locations.find(
      (candidate) => candidate.name === key || candidate.id === idOf("Location", key),
    );
    if (!location) throw new ControlInputError(`Unknown location: ${key}`);
    variant.inventory.set(location.id, quantity);
  }
}

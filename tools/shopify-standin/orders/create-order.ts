import { idOf } from "../gid";
import { sum, times, ZERO } from "../money";
import { nextId, nowIso, type LineItemRecord, type OrderRecord, type ShopState } from "../store";
import { orderCreateUserErrors } from "../user-errors";
import { applyClaim, checkInventory } from "./inventory";
import { metafieldRecords } from "./metafields";
import { createdTransaction } from "./payments";
import type { OrderCreateOptionsInput, OrderCreateOrderInput, UserErrorRecord } from "./order-input";
import { bothSides, computeTotals, moneyOf, orderCurrencies, taxLineRecords } from "./totals";

export type OrderCreateResult = { order: OrderRecord | null; userErrors: UserErrorRecord[] };

/**
 * The orderCreate mutation: validate, claim stock per inventoryBehaviour, compute totals, store. Money is
 * kept in the order's currency and in its presentment currency.
 */
export function orderCreate(
  shop: ShopState,
  input: OrderCreateOrderInput,
  options: OrderCreateOptionsInput | null | undefined,
): OrderCreateResult {
  const userErrors = orderCreateUserErrors(shop, input);
  if (userErrors.length > 0) return { order: null, userErrors };

  const currencies = orderCurrencies(shop, input);
  const lines = (input.lineItems ?? []).map((line) => {
    const variantId = line.variantId ? idOf("ProductVariant", line.variantId) : undefined;
    return { input: line, variant: variantId === undefined ? undefined : shop.variants.get(variantId) };
  });
  const inventory = checkInventory(
    lines.map((line) => ({ variant: line.variant, quantity: line.input.quantity })),
    options?.inventoryBehaviour,
  );
  if (!inventory.ok) return { order: null, userErrors: [stockRefusal(shop)] };

  const lineItems: LineItemRecord[] = lines.map(({ input: line, variant }, index) => {
    const product = variant ? shop.products.get(variant.productId) : undefined;
    // A variant's price is the shop's: the stand-in has no price lists to give it in another currency.
    const variantPrice = variant?.price ?? ZERO;
    const unitPrice = line.priceSet
      ? moneyOf(line.priceSet)
      : { shop: variantPrice, presentment: variantPrice };
    const claim = inventory.claims[index];
    return {
      id: nextId(shop),
      variantId: variant?.id ?? null,
      productId: product?.id ?? (line.productId ? (idOf("Product", line.productId) ?? null) : null),
      title: line.title ?? product?.title ?? "",
      variantTitle: line.variantTitle ?? variant?.title ?? null,
      sku: line.sku ?? variant?.sku ?? null,
      vendor: line.vendor ?? product?.vendor ?? null,
      quantity: line.quantity,
      unitPrice,
      taxLines: taxLineRecords(
        line.taxLines,
        bothSides((side) => times(unitPrice[side], line.quantity)),
        currencies,
      ),
      requiresShipping: line.requiresShipping ?? true,
      taxable: line.taxable ?? true,
      decremented: claim ? applyClaim(shop, claim) : [],
    };
  });
  const shippingLines = (input.shippingLines ?? []).map((line) => {
    const price = moneyOf(line.priceSet);
    const taxLines = taxLineRecords(line.taxLines, price, currencies);
    return { id: nextId(shop), title: line.title, code: line.code ?? null, price, taxLines };
  });
  const subtotalBase = bothSides((side) =>
    sum(lineItems.map((line) => times(line.unitPrice[side], line.quantity))),
  );
  const taxLines = taxLineRecords(input.taxLines, subtotalBase, currencies);
  const totals = computeTotals({
    currencies,
    lineItems,
    shippingLines,
    taxLines,
    discountCode: input.discountCode,
    taxesIncluded: input.taxesIncluded ?? false,
  });
  const now = nowIso();
  const number = shop.nextOrderNumber++;
  const id = nextId(shop);
  const transactions = (input.transactions ?? []).map((transaction) =>
    createdTransaction(shop, transaction, now),
  );
  // What the buyer paid, in the currency they paid in.
  const paid = sum(transactions.map((transaction) => transaction.amount.presentment));
  const order: OrderRecord = {
    id,
    number,
    name: input.name ?? `#${number}`,
    createdAt: now,
    updatedAt: now,
    processedAt: input.processedAt ?? now,
    cancelledAt: null,
    cancelReason: null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    note: input.note ?? null,
    poNumber: input.poNumber ?? null,
    tags: [...new Set((input.tags ?? []).map((tag) => tag.trim()).filter(Boolean))].sort(),
    sourceName: input.sourceName ?? null,
    sourceIdentifier: input.sourceIdentifier ?? null,
    // Shopify keeps the URL as given: one that isn't valid is simply not shown on the order page.
    sourceUrl: input.sourceUrl ?? null,
    test: input.test ?? false,
    currencyCode: currencies.shop,
    presentmentCurrencyCode: currencies.presentment,
    financialStatus:
      input.financialStatus ??
      (paid <= ZERO ? "PENDING" : paid >= totals.total.presentment ? "PAID" : "PARTIALLY_PAID"),
    taxesIncluded: input.taxesIncluded ?? false,
    shippingAddress: input.shippingAddress ?? null,
    billingAddress: input.billingAddress ?? null,
    customAttributes: (input.customAttributes ?? []).map(({ key, value }) => ({ key, value: value ?? null })),
    discountCodes: Object.values(input.discountCode ?? {}).flatMap((code) => (code ? [code.code] : [])),
    lineItems,
    shippingLines,
    taxLines,
    totals,
    transactions,
    fulfillments: [],
    refunds: [],
    metafields: metafieldRecords(shop, input.metafields ?? [], now),
  };
  shop.orders.set(order.id, order);
  return { order, userErrors: [] };
}

/**
 * Refusal of an order the shop can't reserve stock for. Shopify documents INVENTORY_CLAIM_FAILED; a
 * 2026-10 store was seen answering code INVALID with the same field and message ("observed").
 */
function stockRefusal(shop: ShopState): UserErrorRecord {
  return {
    field: ["order", "lineItems"],
    message: "Line items Unable to reserve inventory",
    code: shop.stockRefusal === "observed" ? "INVALID" : "INVENTORY_CLAIM_FAILED",
  };
}

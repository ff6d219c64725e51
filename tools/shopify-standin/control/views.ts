import type { ThrottleStatus } from "../bucket";
import type { FaultInput } from "./input";
import { gid } from "../gid";
import { formatAmount, ZERO } from "../money";
import {
  displayFulfillmentStatus,
  fulfilledQuantity,
  type OrderFulfillmentStatus,
} from "../orders/fulfillments";
import { outstanding, refunded } from "../orders/payments";
import { refundTotal } from "../orders/refunds";
import {
  availableQuantity,
  type AddressRecord,
  type FlowTriggerRecord,
  type FulfillmentRecord,
  type OrderRecord,
  type ProductRecord,
  type RefundRecord,
  type RestockType,
  type ShopState,
  type VariantRecord,
} from "../store";

/** What the control API answers: plain JSON snapshots of the store, ids as Shopify gids. */

export type ShopSnapshot = {
  domain: string;
  name: string;
  currencyCode: string;
  acceptAnyToken: boolean;
  costModel: string;
  stockRefusal: string;
  locations: Array<{ id: string; name: string }>;
  throttleStatus: ThrottleStatus;
  faults: (FaultInput & { remaining?: number }) | null;
  subscriptions: Array<{ id: string; name: string; status: string; test: boolean }>;
  counts: { products: number; variants: number; orders: number };
};

export type VariantSnapshot = {
  id: string;
  productId: string;
  inventoryItemId: string;
  sku: string | null;
  title: string;
  price: string;
  inventoryPolicy: "DENY" | "CONTINUE";
  tracked: boolean;
  inventoryQuantity: number;
  /** Available quantity per location name. */
  inventory: Record<string, number>;
};

export type ProductSnapshot = {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  status: string;
  variants: VariantSnapshot[];
};

export type OrderSnapshot = {
  id: string;
  name: string;
  number: number;
  createdAt: string;
  sourceName: string | null;
  sourceIdentifier: string | null;
  /** `sourceUrl` as the app gave it (the order's `registeredSourceUrl`). */
  sourceUrl: string | null;
  /** Its metafields, namespaces as Shopify keeps them (`$app` is `app--4401`). */
  metafields: Array<{ namespace: string; key: string; type: string; value: string }>;
  tags: string[];
  email: string | null;
  phone: string | null;
  currencyCode: string;
  /** The buyer's currency; `presentmentTotal` and each transaction's `presentmentAmount` are in it. */
  presentmentCurrencyCode: string;
  financialStatus: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  shippingAddress: AddressRecord | null;
  lineItems: Array<{
    id: string;
    variantId: string | null;
    sku: string | null;
    title: string;
    quantity: number;
    /** Units its successful fulfillments shipped. */
    fulfilledQuantity: number;
    unitPrice: string;
  }>;
  shippingLines: Array<{ title: string; price: string }>;
  totals: {
    lineItems: string;
    discounts: string;
    subtotal: string;
    shipping: string;
    tax: string;
    total: string;
  };
  presentmentTotal: string;
  /** What is still owed, as the order's totalOutstandingSet. */
  outstanding: string;
  transactions: Array<{
    id: string;
    kind: string;
    status: string;
    gateway: string;
    amount: string;
    presentmentAmount: string;
    processedAt: string;
    createdAt: string;
    manual: boolean;
  }>;
  displayFulfillmentStatus: OrderFulfillmentStatus;
  fulfillments: FulfillmentSnapshot[];
  refunds: RefundSnapshot[];
  /** The money given back in all, as the order's totalRefundedSet. */
  totalRefunded: string;
};

/** A run of one of the app's Flow triggers, as `flowTriggerReceive` accepted it. */
export type FlowTriggerSnapshot = {
  id: string;
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
};

export function flowTriggerSnapshot(run: FlowTriggerRecord): FlowTriggerSnapshot {
  return { id: String(run.id), handle: run.handle, payload: run.payload, receivedAt: run.receivedAt };
}

export type RefundSnapshot = {
  id: string;
  createdAt: string;
  note: string | null;
  /** What this refund removed of each line item, and how it went back to stock. */
  lineItems: Array<{ lineItemId: string; sku: string | null; quantity: number; restockType: RestockType }>;
  /** The money it gave back (its transactions), in the shop's currency. */
  amount: string;
  /** The shipping it refunded. */
  shipping: string;
};

export type FulfillmentSnapshot = {
  id: string;
  name: string;
  status: "SUCCESS" | "CANCELLED";
  createdAt: string;
  updatedAt: string;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  notifyCustomer: boolean;
  /** What this fulfillment shipped of each line item. */
  lineItems: Array<{ lineItemId: string; sku: string | null; quantity: number }>;
};

export function shopSnapshot(shop: ShopState): ShopSnapshot {
  return {
    domain: shop.domain,
    name: shop.name,
    currencyCode: shop.currencyCode,
    acceptAnyToken: shop.acceptAnyToken,
    costModel: shop.costModel,
    stockRefusal: shop.stockRefusal,
    locations: shop.locations.map((location) => ({ id: gid("Location", location.id), name: location.name })),
    throttleStatus: shop.bucket.status(),
    faults: shop.faults.describe(),
    subscriptions: shop.subscriptions.map(({ id, name, status, test }) => ({
      id: gid("AppSubscription", id),
      name,
      status,
      test,
    })),
    counts: { products: shop.products.size, variants: shop.variants.size, orders: shop.orders.size },
  };
}

export function productSnapshot(shop: ShopState, product: ProductRecord): ProductSnapshot {
  const { title, handle, vendor, status } = product;
  const variants = product.variantIds.flatMap((id) => shop.variants.get(id) ?? []);
  return {
    id: gid("Product", product.id),
    title,
    handle,
    vendor,
    status,
    variants: variants.map((v) => variantSnapshot(shop, v)),
  };
}

export function variantSnapshot(shop: ShopState, variant: VariantRecord): VariantSnapshot {
  return {
    id: gid("ProductVariant", variant.id),
    productId: gid("Product", variant.productId),
    inventoryItemId: gid("InventoryItem", variant.inventoryItemId),
    sku: variant.sku,
    title: variant.title,
    price: formatAmount(variant.price),
    inventoryPolicy: variant.inventoryPolicy,
    tracked: variant.tracked,
    inventoryQuantity: availableQuantity(variant),
    inventory: Object.fromEntries(
      shop.locations.map((location) => [location.name, variant.inventory.get(location.id) ?? 0]),
    ),
  };
}

export function orderSnapshot(order: OrderRecord): OrderSnapshot {
  const { name, number, createdAt, sourceName, sourceIdentifier, tags, email, phone, currencyCode } = order;
  return {
    id: gid("Order", order.id),
    ...{ name, number, createdAt, sourceName, sourceIdentifier, tags, email, phone, currencyCode },
    sourceUrl: order.sourceUrl,
    metafields: order.metafields.map(({ namespace, key, type, value }) => ({ namespace, key, type, value })),
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    financialStatus: order.financialStatus,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    shippingAddress: order.shippingAddress,
    lineItems: order.lineItems.map((line) => ({
      id: gid("LineItem", line.id),
      variantId: line.variantId === null ? null : gid("ProductVariant", line.variantId),
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      fulfilledQuantity: fulfilledQuantity(order, line),
      unitPrice: formatAmount(line.unitPrice.shop),
    })),
    shippingLines: order.shippingLines.map((line) => ({
      title: line.title,
      price: formatAmount(line.price.shop),
    })),
    totals: Object.fromEntries(
      Object.entries(order.totals).map(([key, amount]) => [key, formatAmount(amount.shop)]),
    ) as OrderSnapshot["totals"],
    presentmentTotal: formatAmount(order.totals.total.presentment),
    outstanding: formatAmount(outstanding(order).shop),
    transactions: order.transactions.map((transaction) => ({
      ...transaction,
      id: gid("OrderTransaction", transaction.id),
      amount: formatAmount(transaction.amount.shop),
      presentmentAmount: formatAmount(transaction.amount.presentment),
    })),
    displayFulfillmentStatus: displayFulfillmentStatus(order),
    fulfillments: order.fulfillments.map((fulfillment) => fulfillmentSnapshot(order, fulfillment)),
    refunds: order.refunds.map((refund) => refundSnapshot(order, refund)),
    totalRefunded: formatAmount(refunded(order).shop),
  };
}

export function refundSnapshot(order: OrderRecord, refund: RefundRecord): RefundSnapshot {
  return {
    id: gid("Refund", refund.id),
    createdAt: refund.createdAt,
    note: refund.note,
    lineItems: refund.lineItems.map((item) => ({
      lineItemId: gid("LineItem", item.lineItemId),
      sku: order.lineItems.find((line) => line.id === item.lineItemId)?.sku ?? null,
      quantity: item.quantity,
      restockType: item.restockType,
    })),
    amount: formatAmount(refundTotal(order, refund).shop),
    shipping: formatAmount(refund.shipping?.amount.shop ?? ZERO),
  };
}

export function fulfillmentSnapshot(order: OrderRecord, fulfillment: FulfillmentRecord): FulfillmentSnapshot {
  const { name, status, createdAt, updatedAt, trackingCompany, trackingNumber, trackingUrl } = fulfillment;
  return {
    id: gid("Fulfillment", fulfillment.id),
    ...{ name, status, createdAt, updatedAt, trackingCompany, trackingNumber, trackingUrl },
    notifyCustomer: fulfillment.notifyCustomer,
    lineItems: fulfillment.lineItems.map((item) => ({
      lineItemId: gid("LineItem", item.lineItemId),
      sku: order.lineItems.find((line) => line.id === item.lineItemId)?.sku ?? null,
      quantity: item.quantity,
    })),
  };
}

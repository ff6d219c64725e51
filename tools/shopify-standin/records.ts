import type { Amount } from "./money";

/** The records a shop keeps: catalog, orders, billing and the log of Admin requests. Money is exact. */

export type LocationRecord = { id: number; name: string };

export type ProductRecord = {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  tags: string[];
  variantIds: number[];
  createdAt: string;
  updatedAt: string;
};

export type VariantRecord = {
  id: number;
  productId: number;
  inventoryItemId: number;
  title: string;
  sku: string | null;
  price: Amount;
  inventoryPolicy: "DENY" | "CONTINUE";
  tracked: boolean;
  /** Available quantity per location id. */
  inventory: Map<number, number>;
  createdAt: string;
  updatedAt: string;
};

export type SubscriptionStatus =
  "PENDING" | "ACTIVE" | "CANCELLED" | "DECLINED" | "EXPIRED" | "FROZEN" | "ACCEPTED";

/** A recurring fee (every 30 days or annual), with an optional discount for some intervals. */
export type RecurringLineItemRecord = {
  id: number;
  kind: "recurring";
  price: Amount;
  currencyCode: string;
  interval: "EVERY_30_DAYS" | "ANNUAL";
  discount: {
    durationLimitInIntervals: number | null;
    value: { amount: Amount } | { percentage: number };
  } | null;
};

/** Usage charges up to a capped amount per interval. */
export type UsageLineItemRecord = {
  id: number;
  kind: "usage";
  cappedAmount: Amount;
  balanceUsed: Amount;
  currencyCode: string;
  terms: string;
};

export type SubscriptionRecord = {
  id: number;
  name: string;
  status: SubscriptionStatus;
  test: boolean;
  createdAt: string;
  trialDays: number;
  returnUrl: string;
  lineItems: Array<RecurringLineItemRecord | UsageLineItemRecord>;
  /** Set while the subscription is active: approval + one interval. */
  currentPeriodEnd: string | null;
};

export type AddressRecord = Partial<
  Record<
    | "firstName"
    | "lastName"
    | "company"
    | "address1"
    | "address2"
    | "city"
    | "province"
    | "provinceCode"
    | "country"
    | "countryCode"
    | "zip"
    | "phone",
    string | null
  >
>;

/**
 * An order's amount in the shop's currency (the order's `currencyCode`) and in the currency the buyer saw
 * (`presentmentCurrencyCode`); the two are equal on an order in one currency.
 */
export type AmountSet = { shop: Amount; presentment: Amount };

export type TaxLineRecord = { title: string; rate: number; amount: AmountSet; channelLiable: boolean };

export type LineItemRecord = {
  id: number;
  variantId: number | null;
  productId: number | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  unitPrice: AmountSet;
  taxLines: TaxLineRecord[];
  requiresShipping: boolean;
  taxable: boolean;
  /** Units taken from each location at creation, given back on a restocking cancel. */
  decremented: Array<{ locationId: number; quantity: number }>;
};

export type ShippingLineRecord = {
  id: number;
  title: string;
  code: string | null;
  price: AmountSet;
  taxLines: TaxLineRecord[];
};

export type OrderTotals = {
  lineItems: AmountSet;
  discounts: AmountSet;
  subtotal: AmountSet;
  shipping: AmountSet;
  tax: AmountSet;
  total: AmountSet;
};

/**
 * A payment event on an order; only successful SALE and CAPTURE transactions count as received, and
 * successful REFUND transactions as refunded.
 */
export type TransactionRecord = {
  id: number;
  kind: string;
  status: string;
  gateway: string;
  amount: AmountSet;
  processedAt: string;
  createdAt: string;
  /** Recorded under a manual payment method (orderCreateManualPayment, or a gateway such as "manual"). */
  manual: boolean;
  /** The transaction this one acts on: a refund's sale or capture. */
  parentId: number | null;
};

/** How a refunded line item's units go back to stock (Shopify's RefundLineItemRestockType). */
export type RestockType = "CANCEL" | "NO_RESTOCK" | "RETURN" | "LEGACY_RESTOCK";

/** Units of one line item a refund removed from the order. */
export type RefundLineItemRecord = {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: RestockType;
  /** Whether the units went back to stock (a restocking type, on a line with a variant). */
  restocked: boolean;
  /** Where they went back to; null when not restocked. */
  locationId: number | null;
  /** Unit price × quantity, and the line's tax on those units. */
  subtotal: AmountSet;
  totalTax: AmountSet;
};

/**
 * A refund: line items removed from the order (restocked or not), shipping refunded, and the money
 * given back (its REFUND transactions, which the order's `transactions` also lists).
 */
export type RefundRecord = {
  id: number;
  createdAt: string;
  processedAt: string;
  note: string | null;
  /** Whether the customer was sent a refund notification; only recorded. */
  notify: boolean;
  lineItems: RefundLineItemRecord[];
  /** Shipping refunded, against the order's first shipping line; null when none was. */
  shipping: { id: number; shippingLineId: number | null; amount: AmountSet } | null;
  transactionIds: number[];
};

/** Units of one line item shipped in a fulfillment. */
export type FulfillmentLineItemRecord = { id: number; lineItemId: number; quantity: number };

/**
 * A shipment of some of an order's units, as a merchant marks it in Shopify admin or an app creates it.
 * A cancelled fulfillment stays on the order but no longer counts its units as fulfilled.
 */
export type FulfillmentRecord = {
  id: number;
  /** The order's name and the fulfillment's number on it: "#1001.1", "#1001.2", … */
  name: string;
  status: "SUCCESS" | "CANCELLED";
  createdAt: string;
  updatedAt: string;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lineItems: FulfillmentLineItemRecord[];
  /** The location the units left from (the shop's first). */
  locationId: number;
  /** Whether the customer was sent the shipping confirmation; only recorded. */
  notifyCustomer: boolean;
};

/**
 * A metafield on an order, set through `orderCreate`'s `metafields`. Its namespace is kept as Shopify keeps
 * it: the app-reserved `$app` (and `$app:<sub>`) resolved to the app's own (`app--<app id>[--<sub>]`).
 */
export type MetafieldRecord = {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
};

export type OrderRecord = {
  id: number;
  number: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  sourceName: string | null;
  sourceIdentifier: string | null;
  /** The order on the surface it came from (`sourceUrl`), shown on the order page; read as `registeredSourceUrl`. */
  sourceUrl: string | null;
  test: boolean;
  /** The shop's currency for the order: every shop amount is in it. */
  currencyCode: string;
  /** The buyer's currency: every presentment amount is in it. */
  presentmentCurrencyCode: string;
  financialStatus: string;
  taxesIncluded: boolean;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  customAttributes: Array<{ key: string; value: string | null }>;
  discountCodes: string[];
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  taxLines: TaxLineRecord[];
  totals: OrderTotals;
  transactions: TransactionRecord[];
  /** Oldest first; each line item's fulfilled quantity is what its successful fulfillments shipped. */
  fulfillments: FulfillmentRecord[];
  /** Oldest first; each line item's current quantity is its quantity less what its refunds removed. */
  refunds: RefundRecord[];
  metafields: MetafieldRecord[];
};

/** One run of an app's Flow trigger that `flowTriggerReceive` accepted: what Flow would start workflows with. */
export type FlowTriggerRecord = {
  id: number;
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
};

/**
 * A Flow trigger extension of the app, as deployed: its handle and the payload keys its fields take (a
 * reference field's `order_id`, `customer_id`, `product_id`; a custom field's `key`).
 */
export type FlowTriggerDefinition = { handle: string; fields: string[] };

/**
 * What a mutation run under an `@idempotent` key did, so that the same key with the same input answers
 * the same result: the input's fingerprint and the records it created.
 */
export type IdempotencyRecord = {
  fingerprint: string;
  /** When it ran (ms since the epoch); Shopify keeps a key for 24 hours. */
  at: number;
  orderId: number;
  refundId: number;
};

export type RequestLogEntry = {
  at: string;
  operationName: string | null;
  rootFields: string[];
  status: number;
  outcome: "ok" | "invalid" | "throttled" | "max-cost" | "unauthorized" | "fault" | "timeout" | "dropped";
  requestedQueryCost?: number;
  /** What the bucket was charged once the query ran (the rest of the requested cost is refunded). */
  actualQueryCost?: number;
};

/**
 * The part of Shopify's `orderCreate(order:, options:)` inputs (Admin API 2026-10) the app sends, as plain
 * objects. Names and shapes follow the schema exactly; mapping.schema.test.ts coerces real output against
 * Shopify's own schema so a drift shows up as a failing test. Decimal and DateTime are strings.
 */
export interface MoneyInput {
  amount: string;
  currencyCode: string;
}

/**
 * An amount in the store's currency (`shopMoney`) and, when the buyer paid in another, in that currency
 * (`presentmentMoney`, the order's `presentmentCurrency`). Without it Shopify takes the two to be one.
 */
export interface MoneyBagInput {
  shopMoney: MoneyInput;
  presentmentMoney?: MoneyInput;
}

export interface OrderCreateTaxLineInput {
  title: string;
  rate: string;
  priceSet: MoneyBagInput;
  /** True when the channel (TikTok, as marketplace facilitator) remits the tax, not the merchant. */
  channelLiable: boolean;
}

export interface OrderCreateLineItemPropertyInput {
  name: string;
  value: string;
}

export interface OrderCreateLineItemInput {
  variantId: string;
  quantity: number;
  priceSet: MoneyBagInput;
  title: string;
  variantTitle?: string;
  sku?: string;
  requiresShipping: boolean;
  taxable: boolean;
  taxLines?: OrderCreateTaxLineInput[];
  properties?: OrderCreateLineItemPropertyInput[];
}

export interface OrderCreateShippingLineInput {
  title: string;
  code?: string;
  source?: string;
  priceSet: MoneyBagInput;
  taxLines?: OrderCreateTaxLineInput[];
}

export interface OrderCreateDiscountCodeInput {
  itemFixedDiscountCode: { code: string; amountSet: MoneyBagInput };
}

export interface OrderCreateOrderTransactionInput {
  kind: "SALE";
  status: "SUCCESS";
  gateway: string;
  amountSet: MoneyBagInput;
  processedAt?: string;
}

export interface MailingAddressInput {
  firstName?: string;
  lastName?: string;
  company?: string;
  address1?: string;
  address2?: string;
  city?: string;
  province?: string;
  provinceCode?: string;
  zip?: string;
  countryCode?: string;
  phone?: string;
}

export interface OrderCreateCustomAttributeInput {
  key: string;
  value: string;
}

/** A metafield set on the new order (MetafieldInput); the app's are in its reserved namespace `$app`. */
export interface OrderCreateMetafieldInput {
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export interface OrderCreateOrderInput {
  name: string;
  /** The store's currency: every `shopMoney` is in it. */
  currency: string;
  /** The buyer's currency (TikTok's) when it isn't the store's: every `presentmentMoney` is in it. */
  presentmentCurrency?: string;
  processedAt: string;
  sourceName: string;
  sourceIdentifier: string;
  /** The TikTok order's page in the app, inside Shopify admin: Shopify links to it from the order. */
  sourceUrl?: string;
  /** PENDING: nothing received yet (cash on delivery before delivery, a replacement TikTok priced). */
  financialStatus: "PAID" | "PENDING";
  taxesIncluded: boolean;
  lineItems: OrderCreateLineItemInput[];
  shippingLines: OrderCreateShippingLineInput[];
  taxLines?: OrderCreateTaxLineInput[];
  discountCode?: OrderCreateDiscountCodeInput;
  transactions: OrderCreateOrderTransactionInput[];
  shippingAddress?: MailingAddressInput;
  email?: string;
  buyerAcceptsMarketing: boolean;
  tags: string[];
  customAttributes: OrderCreateCustomAttributeInput[];
  metafields: OrderCreateMetafieldInput[];
  note?: string;
}

export type InventoryBehaviour = "BYPASS" | "DECREMENT_IGNORING_POLICY" | "DECREMENT_OBEYING_POLICY";

export interface OrderCreateOptionsInput {
  inventoryBehaviour: InventoryBehaviour;
  sendReceipt: boolean;
  sendFulfillmentReceipt: boolean;
}

export interface OrderCreateInput {
  order: OrderCreateOrderInput;
  options: OrderCreateOptionsInput;
}

/**
 * The shapes of the order mutations' arguments after graphql-js coerced them against the schema
 * (only the fields the stand-in reads; Decimal values arrive as strings or numbers).
 */

export type MoneyInput = { amount: string | number; currencyCode: string };
export type MoneyBagInput = { shopMoney: MoneyInput; presentmentMoney?: MoneyInput | null };
export type TaxLineInput = {
  title: string;
  rate: string | number;
  priceSet?: MoneyBagInput | null;
  channelLiable?: boolean;
};

export type MailingAddressInput = {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  country?: string | null;
  countryCode?: string | null;
  zip?: string | null;
  phone?: string | null;
};

export type LineItemInput = {
  variantId?: string | null;
  productId?: string | null;
  quantity: number;
  priceSet?: MoneyBagInput | null;
  title?: string | null;
  variantTitle?: string | null;
  sku?: string | null;
  vendor?: string | null;
  requiresShipping?: boolean;
  taxable?: boolean;
  taxLines?: TaxLineInput[] | null;
};

export type ShippingLineInput = {
  title: string;
  code?: string | null;
  priceSet: MoneyBagInput;
  taxLines?: TaxLineInput[] | null;
};

export type DiscountCodeInput = {
  itemFixedDiscountCode?: { code: string; amountSet?: MoneyBagInput | null } | null;
  itemPercentageDiscountCode?: { code: string; percentage?: number | null } | null;
  freeShippingDiscountCode?: { code: string } | null;
};

/** A metafield to set (MetafieldInput); `namespace` defaults to the app's reserved `$app`. */
export type MetafieldInput = {
  namespace?: string | null;
  key?: string | null;
  type?: string | null;
  value?: string | null;
};

export type OrderCreateOrderInput = {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  poNumber?: string | null;
  tags?: string[] | null;
  sourceName?: string | null;
  sourceIdentifier?: string | null;
  sourceUrl?: string | null;
  metafields?: MetafieldInput[] | null;
  currency?: string | null;
  presentmentCurrency?: string | null;
  processedAt?: string | null;
  financialStatus?: string | null;
  test?: boolean;
  taxesIncluded?: boolean;
  customerId?: string | null;
  customer?: unknown;
  shippingAddress?: MailingAddressInput | null;
  billingAddress?: MailingAddressInput | null;
  customAttributes?: Array<{ key: string; value?: string | null }> | null;
  lineItems?: LineItemInput[] | null;
  shippingLines?: ShippingLineInput[] | null;
  taxLines?: TaxLineInput[] | null;
  discountCode?: DiscountCodeInput | null;
  transactions?: OrderCreateTransactionInput[] | null;
};

export type OrderCreateTransactionInput = {
  kind?: string;
  status?: string;
  gateway?: string | null;
  processedAt?: string | null;
  amountSet: MoneyBagInput;
};

export type OrderCreateOptionsInput = {
  inventoryBehaviour?: "BYPASS" | "DECREMENT_IGNORING_POLICY" | "DECREMENT_OBEYING_POLICY";
};

export type OrderUpdateInput = {
  id: string;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  poNumber?: string | null;
  tags?: string[] | null;
  shippingAddress?: MailingAddressInput | null;
  customAttributes?: Array<{ key: string; value?: string | null }> | null;
};

/** refundCreate's `input` (RefundInput); Money values arrive as strings or numbers. */
export type RefundCreateInput = {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  processedAt?: string | null;
  allowOverRefunding?: boolean | null;
  refundLineItems?: Array<{
    lineItemId: string;
    quantity: number;
    restockType?: "CANCEL" | "NO_RESTOCK" | "RETURN" | "LEGACY_RESTOCK" | null;
    locationId?: string | null;
  }> | null;
  shipping?: { amount?: string | number | null; fullRefund?: boolean | null } | null;
  transactions?: Array<{
    orderId: string;
    amount: string | number;
    gateway: string;
    kind: string;
    parentId?: string | null;
  }> | null;
  refundDuties?: unknown[] | null;
  refundMethods?: unknown[] | null;
  discrepancyReason?: string | null;
};

/** A `userErrors` entry; `code` only for error types that have one. */
export type UserErrorRecord = { field: string[] | null; message: string; code?: string };

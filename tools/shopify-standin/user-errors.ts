import { idOf } from "./gid";
import type {
  MailingAddressInput,
  MoneyBagInput,
  OrderCreateOrderInput,
  TaxLineInput,
  UserErrorRecord,
} from "./orders/order-input";
import { metafieldUserErrors } from "./orders/metafields";
import { orderCurrencies } from "./orders/totals";
import type { ShopState } from "./store";

/**
 * The userErrors Shopify gives for order input it refuses. Messages and field paths follow Shopify's
 * (fields are strings, indexes too: ["order", "lineItems", "0", "variantId"]).
 */

const invalid = (field: string[], message: string, code = "INVALID"): UserErrorRecord => ({
  field,
  message,
  code,
});

export function orderCreateUserErrors(shop: ShopState, order: OrderCreateOrderInput): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  const lines = order.lineItems ?? [];
  if (lines.length === 0)
    errors.push(invalid(["order", "lineItems"], "Line items must have at least one line item"));
  lines.forEach((line, index) => {
    const at = ["order", "lineItems", String(index)];
    if (line.quantity < 1)
      errors.push(invalid([...at, "quantity"], "Quantity must be greater than or equal to 1"));
    if (line.variantId) {
      const variantId = idOf("ProductVariant", line.variantId);
      if (variantId === undefined || !shop.variants.has(variantId)) {
        errors.push(invalid([...at, "variantId"], "Variant not found"));
      }
    } else if (!line.title) {
      errors.push(invalid([...at, "title"], "Title can't be blank"));
    }
  });
  const nestedTaxLines = [...lines, ...(order.shippingLines ?? [])].some((line) => line.taxLines?.length);
  if (order.taxLines?.length && nestedTaxLines) {
    errors.push(
      invalid(
        ["order", "taxLines"],
        "Tax lines can be specified on the order or on line items and shipping lines, but not both.",
      ),
    );
  }
  if (order.customerId && order.customer) {
    errors.push(invalid(["order"], "Customer fields are redundant", "REDUNDANT_CUSTOMER_FIELDS"));
  }
  if (order.processedAt && isFutureTime(order.processedAt)) {
    errors.push(invalid(["order", "processedAt"], "Processed at is invalid", "PROCESSED_AT_INVALID"));
  }
  errors.push(...currencyErrors(shop, order));
  errors.push(...contactErrors(["order"], order));
  errors.push(...metafieldUserErrors(order.metafields ?? []));
  return errors;
}

/**
 * Every amount must be in the order's currencies: shop money in `currency` (else the shop's), presentment
 * money in `presentmentCurrency` (else `currency`, so presentment money in another currency needs it).
 */
function currencyErrors(shop: ShopState, order: OrderCreateOrderInput): UserErrorRecord[] {
  const currencies = orderCurrencies(shop, order);
  const errors: UserErrorRecord[] = [];
  for (const [at, bag] of moneyBagsOf(order)) {
    if (bag.shopMoney.currencyCode !== currencies.shop) {
      const message = `Currency must match the order's currency (${currencies.shop})`;
      errors.push(invalid([...at, "shopMoney", "currencyCode"], message));
    }
    if (bag.presentmentMoney && bag.presentmentMoney.currencyCode !== currencies.presentment) {
      const message = `Currency must match the order's presentment currency (${currencies.presentment})`;
      errors.push(invalid([...at, "presentmentMoney", "currencyCode"], message));
    }
  }
  return errors;
}

/** Each MoneyBagInput of an orderCreate input, with its field path. */
function moneyBagsOf(order: OrderCreateOrderInput): [string[], MoneyBagInput][] {
  const bags: [string[], MoneyBagInput][] = [];
  const add = (at: string[], bag: MoneyBagInput | null | undefined) => {
    if (bag) bags.push([at, bag]);
  };
  const addTaxLines = (at: string[], lines: TaxLineInput[] | null | undefined) =>
    lines?.forEach((line, index) => add([...at, "taxLines", String(index), "priceSet"], line.priceSet));
  order.lineItems?.forEach((line, index) => {
    const at = ["order", "lineItems", String(index)];
    add([...at, "priceSet"], line.priceSet);
    addTaxLines(at, line.taxLines);
  });
  order.shippingLines?.forEach((line, index) => {
    const at = ["order", "shippingLines", String(index)];
    add([...at, "priceSet"], line.priceSet);
    addTaxLines(at, line.taxLines);
  });
  addTaxLines(["order"], order.taxLines);
  add(
    ["order", "discountCode", "itemFixedDiscountCode", "amountSet"],
    order.discountCode?.itemFixedDiscountCode?.amountSet,
  );
  order.transactions?.forEach((transaction, index) =>
    add(["order", "transactions", String(index), "amountSet"], transaction.amountSet),
  );
  return bags;
}

/** A processedAt Shopify refuses as in the future; a minute of clock skew is let through. */
export function isFutureTime(iso: string): boolean {
  return Date.parse(iso) > Date.now() + 60_000;
}

/** Email, phone and addresses: shared by orderCreate (under "order") and orderUpdate (at the top). */
export function contactErrors(
  prefix: string[],
  input: Pick<OrderCreateOrderInput, "email" | "phone" | "shippingAddress" | "billingAddress">,
): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  if (input.email && !isEmail(input.email)) errors.push(invalid([...prefix, "email"], "Email is invalid"));
  if (input.phone && !isPhone(input.phone)) errors.push(invalid([...prefix, "phone"], "Phone is invalid"));
  for (const key of ["shippingAddress", "billingAddress"] as const) {
    const address = input[key];
    if (address) errors.push(...addressErrors([...prefix, key], address));
  }
  return errors;
}

function addressErrors(at: string[], address: MailingAddressInput): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  if (address.phone && !isPhone(address.phone)) errors.push(invalid([...at, "phone"], "Phone is invalid"));
  if (!address.countryCode && !address.country) {
    errors.push(invalid([...at, "countryCode"], "Country code can't be blank"));
  }
  const us = address.countryCode === "US" || /^(us|usa|united states)$/i.test(address.country ?? "");
  if (us && address.zip && !/^\d{5}(-\d{4})?$/.test(address.zip.trim())) {
    errors.push(invalid([...at, "zip"], "Zip is invalid"));
  }
  return errors;
}

/**
 * E.164-like: an optional "+", then 7 to 15 digits once spaces, dashes, dots and parentheses are removed.
 * A masked number such as "(+60)113*****36" is not a phone number.
 */
export function isPhone(value: string): boolean {
  return /^\+?\d{7,15}$/.test(value.replace(/[\s().-]/g, ""));
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value.trim());
}

import type { TikTokLineItem } from "~/tiktok/types";
import { parseAmount, parseOptionalAmount, ratio, ZERO, type Amount } from "./money";
import type { MoneyBagInput, OrderCreateLineItemInput, OrderCreateTaxLineInput } from "./shopify-order-input";

export interface MappingFailure {
  /** EXCHANGE_RATE_MISSING: TikTok's currency isn't the store's and Settings has no rate between them. */
  code: "MISSING_REQUIRED_FIELD" | "EXCHANGE_RATE_MISSING";
  /** The TikTok field the Shopify order can't do without. */
  field: string;
  message: string;
}

/** How the mapping writes an amount of TikTok's, in TikTok's currency, into the Shopify order. */
export type MoneyBagOf = (amount: Amount) => MoneyBagInput;

/** Line items ready for Shopify, with the sums the rest of the mapping reconciles against. */
export interface MappedLines {
  lineItems: OrderCreateLineItemInput[];
  /** Sum of the units' prices before discounts. */
  gross: Amount;
  /** Sum of the units' sale prices: gross minus seller and platform discounts. */
  net: Amount;
  sellerDiscount: Amount;
  platformDiscount: Amount;
  itemTax: Amount;
}

interface Group {
  first: TikTokLineItem;
  variantId: string;
  quantity: number;
  unitPrice: Amount;
  taxes: Map<string, { title: string; rate: string; amount: Amount }>;
}

/**
 * TikTok sends one line per unit. Units of one SKU at one price become one Shopify line with a quantity (a
 * SKU sold at two prices in one order, rare, keeps two lines so price × quantity stays exact). Discounts go
 * to the order's discount code, so units of a line may carry different discounts.
 */
export function mapLineItems(
  items: readonly TikTokLineItem[],
  links: ReadonlyMap<string, { variantId: string }>,
  money: MoneyBagOf,
): { ok: true; lines: MappedLines } | { ok: false; failure: MappingFailure } {
  const groups = new Map<string, Group>();
  const sums = { gross: ZERO, net: ZERO, sellerDiscount: ZERO, platformDiscount: ZERO, itemTax: ZERO };
  for (const [index, item] of items.entries()) {
    const link = links.get(item.sku_id);
    if (!link) return { ok: false, failure: unlinked(item, index) };
    const salePrice = parseAmount(item.sale_price);
    const original = parseAmount(item.original_price);
    const unitPrice = original > salePrice ? original : salePrice;
    const platformDiscount = parseOptionalAmount(item.platform_discount);
    sums.gross += unitPrice;
    sums.net += salePrice;
    sums.platformDiscount += platformDiscount;
    sums.sellerDiscount += unitPrice - salePrice - platformDiscount;
    const key = `${item.sku_id}|${unitPrice}`;
    const group = groups.get(key) ?? {
      first: item,
      variantId: link.variantId,
      quantity: 0,
      unitPrice,
      taxes: new Map(),
    };
    group.quantity += 1;
    groups.set(key, group);
    for (const tax of item.item_tax ?? []) {
      const amount = parseAmount(tax.tax_amount);
      const title = taxTitle(tax.tax_type);
      const rate =
        tax.tax_rate && /^\d+(\.\d+)?$/.test(tax.tax_rate) ? tax.tax_rate : ratio(amount, salePrice);
      const entry = group.taxes.get(`${title}|${rate}`) ?? { title, rate, amount: ZERO };
      entry.amount += amount;
      group.taxes.set(`${title}|${rate}`, entry);
      sums.itemTax += amount;
    }
  }
  const lineItems = [...groups.values()].map((group) => toLineItem(group, money));
  return { ok: true, lines: { lineItems, ...sums } };
}

function toLineItem(group: Group, money: MoneyBagOf): OrderCreateLineItemInput {
  const { first, variantId, quantity, unitPrice } = group;
  const taxLines: OrderCreateTaxLineInput[] = [...group.taxes.values()].map((tax) => ({
    title: tax.title,
    rate: tax.rate,
    priceSet: money(tax.amount),
    channelLiable: true,
  }));
  return {
    variantId,
    quantity,
    priceSet: money(unitPrice),
    title: first.product_name,
    ...(first.sku_name ? { variantTitle: first.sku_name } : {}),
    ...(first.seller_sku ? { sku: first.seller_sku } : {}),
    requiresShipping: true,
    taxable: taxLines.length > 0,
    ...(taxLines.length > 0 ? { taxLines } : {}),
    ...(first.is_gift ? { properties: [{ name: "Gift", value: "Yes" }] } : {}),
  };
}

function unlinked(item: TikTokLineItem, index: number): MappingFailure {
  return {
    code: "MISSING_REQUIRED_FIELD",
    field: `line_items[${index}].sku_id`,
    message: `TikTok SKU ${item.sku_id} (${item.product_name}) has no linked Shopify variant.`,
  };
}

// "SALES_TAX" reads as "Sales tax" on the Shopify order.
function taxTitle(taxType: string | undefined): string {
  if (!taxType) return "Tax";
  const words = taxType.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

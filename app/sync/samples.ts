import type { TikTokOrder, TikTokPayment } from "~/tiktok/types";
import { toOrderCreateInput, type MappingContext, type MappingResult } from "./mapping";
import { formatAmount, isDecimalAmount, parseAmount, ZERO, type Amount } from "./money";
import { sampleWindowEndsAt } from "./sample-window";

export const COMBINED_ORDER_IDS_ATTRIBUTE = "TikTok order IDs (combined)";

export interface SampleGroup {
  /** Normalized recipient name and address; orders without an address yet are a group of their own. */
  key: string;
  /** Oldest first; the window is measured from the first. */
  orders: TikTokOrder[];
  windowEndsAt: Date;
}

// Case, spacing and punctuation differ between orders typed by the same creator; they don't separate them.
function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Same recipient name and same address, normalized; undefined while TikTok withholds the address. */
export function sampleRecipientKey(order: TikTokOrder): string | undefined {
  const address = order.recipient_address;
  if (!address) return undefined;
  const name = normalize(address.name ?? [address.first_name, address.last_name].filter(Boolean).join(" "));
  const place = normalize(
    address.full_address ??
      [
        address.address_line1,
        address.address_line2,
        address.address_detail,
        address.postal_code,
        address.region_code,
      ]
        .filter(Boolean)
        .join(" "),
  );
  return name && place ? `${name}|${place}` : undefined;
}

/** Groups sample orders for the "combine" rule: same recipient, placed within the window of the first. */
export function groupSampleOrders(orders: readonly TikTokOrder[], windowMinutes: number): SampleGroup[] {
  const sorted = orders
    .filter((order) => order.is_sample_order === true)
    .sort((a, b) => a.create_time - b.create_time || a.id.localeCompare(b.id));
  const groups: SampleGroup[] = [];
  const open = new Map<string, SampleGroup>();
  for (const order of sorted) {
    const key = sampleRecipientKey(order) ?? `order:${order.id}`;
    const current = open.get(key);
    if (current && order.create_time * 1000 < current.windowEndsAt.getTime()) {
      current.orders.push(order);
      continue;
    }
    const group = { key, orders: [order], windowEndsAt: sampleWindowEndsAt(order, windowMinutes) };
    groups.push(group);
    open.set(key, group);
  }
  return groups;
}

/**
 * One Shopify order for a group: every line of every order, the payments added up, tagged with the sample
 * tag. Its `sourceIdentifier` is the first order's id; all ids are listed in an attribute.
 */
export function toCombinedSampleOrderInput(
  orders: readonly TikTokOrder[],
  ctx: MappingContext,
): MappingResult {
  const [first, ...rest] = [...orders].sort(
    (a, b) => a.create_time - b.create_time || a.id.localeCompare(b.id),
  );
  if (!first)
    return { ok: false, failure: { code: "MISSING_REQUIRED_FIELD", field: "orders", message: "No orders." } };
  const currency = first.payment.currency;
  const mixed = rest.find((order) => order.payment.currency !== currency);
  if (mixed) {
    const message = `Order ${mixed.id} is in ${mixed.payment.currency}, the group in ${currency}.`;
    return { ok: false, failure: { code: "MISSING_REQUIRED_FIELD", field: "payment.currency", message } };
  }
  const all = [first, ...rest];
  const combined: TikTokOrder = {
    ...first,
    is_sample_order: true,
    line_items: all.flatMap((order) => order.line_items),
    payment: addPayments(
      all.map((order) => order.payment),
      currency,
    ),
    buyer_message:
      all
        .map((order) => order.buyer_message?.trim())
        .filter(Boolean)
        .join(" / ") || undefined,
  };
  const result = toOrderCreateInput(combined, ctx);
  if (!result.ok) return result;
  const ids = { key: COMBINED_ORDER_IDS_ATTRIBUTE, value: all.map((order) => order.id).join(", ") };
  return { ...result, order: { ...result.order, customAttributes: [...result.order.customAttributes, ids] } };
}

// Every decimal field is summed, so the fees some markets add are carried over as well.
function addPayments(payments: readonly TikTokPayment[], currency: string): TikTokPayment {
  const sums = new Map<string, Amount>();
  for (const payment of payments) {
    for (const [field, value] of Object.entries(payment)) {
      if (field === "currency" || !isDecimalAmount(value)) continue;
      sums.set(field, (sums.get(field) ?? ZERO) + parseAmount(value));
    }
  }
  const sum = (field: string) => formatAmount(sums.get(field) ?? ZERO, currency);
  return {
    ...Object.fromEntries([...sums.keys()].map((field) => [field, sum(field)])),
    currency,
    original_total_product_price: sum("original_total_product_price"),
    sub_total: sum("sub_total"),
    total_amount: sum("total_amount"),
  };
}

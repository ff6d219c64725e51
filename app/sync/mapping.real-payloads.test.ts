import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import { evaluateOrder } from "~/sync/evaluate";
import { ATTRIBUTE, toOrderCreateInput } from "~/sync/mapping";
import { partitionOrders } from "~/tiktok/order-validation";
import { tiktokOrderSchema, type TikTokOrder } from "~/tiktok/types";
import { buildMappingContext, buildSyncContext, linkEverySku } from "../../test/factories/sync-context";
import { orderCreateInputErrors } from "../../test/order-input-validation";
import { formatAmount, parseAmount, parseOptionalAmount, sumAmounts, ZERO, type Amount } from "./money";
import { shopifyAmountPaid, shopifyOrderTotal } from "./order-total";
import type { BlockReasonCode, StageNumber } from "./reasons";

/**
 * Real TikTok Shop 202309 orders, as public sources show them (each fixture names its source and what was
 * changed), run through what the app does with an order: validation, the seven stages, and the mapping to
 * Shopify's `orderCreate` input. Every file in the folder is a case, so a payload added there is tested too.
 */
const FIXTURES_DIR = path.join("test", "fixtures", "tiktok-orders");

interface Fixture {
  file: string;
  /** "<short label> — <where it was found and what it is>". */
  source: string;
  note: string;
  order: unknown;
}

const fixtures: Fixture[] = readdirSync(FIXTURES_DIR)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => {
    const parsed = JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), "utf8")) as Omit<Fixture, "file">;
    return { file, ...parsed };
  });

/** "vn-cod-cancelled.json" from "Juli-AI contract-collection.md §6 — …" → "VN cod-cancelled (Juli-AI …)". */
function titleOf(fixture: Fixture): string {
  const [market = "", ...what] = fixture.file.replace(/\.json$/, "").split("-");
  const label = fixture.source.split(" — ")[0] ?? fixture.source;
  return `${market.toUpperCase()} ${what.join("-")} (${label})`;
}

/** The order as the app takes it in: validated on its own, the way the TikTok client validates each one. */
function validated(raw: unknown): TikTokOrder {
  const { orders, invalid } = partitionOrders([raw]);
  const [order] = orders;
  if (!order) throw new Error(`Refused by validation: ${JSON.stringify(invalid[0]?.issues)}`);
  return order;
}

type ExpectedVerdict =
  | { ok: false; pending: "AWAITING_PAYMENT" }
  | { ok: true }
  | { ok: false; stage: StageNumber; reason: BlockReasonCode };

/**
 * What the order's own facts call for, read from the payload (not from the stages): every SKU linked, the
 * shop connected and the links made before the order was placed, plan active, auto-sync on, samples synced.
 */
function expectedVerdict(order: TikTokOrder): ExpectedVerdict {
  if (order.status === "UNPAID") return { ok: false, pending: "AWAITING_PAYMENT" };
  if (order.status === "CANCELLED") return { ok: false, stage: 2, reason: "ORDER_CANCELLED" };
  if (order.fulfillment_type === "FULFILLMENT_BY_TIKTOK")
    return { ok: false, stage: 4, reason: "FULFILLED_BY_TIKTOK" };
  if (order.fulfillment_type === "FULFILLMENT_BY_DILAYANI_TOKOPEDIA")
    return { ok: false, stage: 4, reason: "FULFILLED_BY_TOKOPEDIA" };
  if (order.status === "ON_HOLD") return { ok: false, stage: 5, reason: "ORDER_ON_HOLD" };
  return { ok: true };
}

const DAY_MS = 24 * 3_600_000;

/** Connected a month before the order was placed, every SKU linked the day before it. */
function syncContextFor(order: TikTokOrder) {
  const placedAt = order.create_time * 1000;
  return buildSyncContext(order, {
    connectedAt: new Date(placedAt - 30 * DAY_MS),
    links: linkEverySku(order, { linkedAt: new Date(placedAt - DAY_MS) }),
  });
}

function mapped(order: TikTokOrder) {
  const result = toOrderCreateInput(order, buildMappingContext(order));
  if (!result.ok) throw new Error(`Mapping failed on ${result.failure.field}: ${result.failure.message}`);
  return result;
}

// Charges TikTok's documentation lists as parts of total_amount besides the products and shipping.
const NAMED_CHARGES = [
  "retail_delivery_fee",
  "small_order_fee",
  "buyer_service_fee",
  "handling_fee",
  "shipping_insurance_fee",
  "item_insurance_fee",
  "item_insurance_tax",
] as const;

/**
 * Whether TikTok's own parts explain its total: the units' sale prices, the shipping it charged, its named
 * charges, and its taxes unless the prices include them (VAT markets). The test's reading, not the mapper's.
 */
function chargesAddUp(order: TikTokOrder): boolean {
  const payment = order.payment;
  const products = sumAmounts(order.line_items.map((line) => parseAmount(line.sale_price)));
  const shipping =
    payment.shipping_fee !== undefined
      ? parseAmount(payment.shipping_fee)
      : parseOptionalAmount(payment.original_shipping_fee) -
        parseOptionalAmount(payment.shipping_fee_seller_discount) -
        parseOptionalAmount(payment.shipping_fee_platform_discount);
  const charges = sumAmounts(NAMED_CHARGES.map((field) => parseOptionalAmount(payment[field])));
  const tax = parseOptionalAmount(payment.tax);
  const total = parseAmount(payment.total_amount);
  const withoutTax: Amount = products + shipping + charges;
  return total === withoutTax + tax || (tax !== ZERO && total === withoutTax);
}

describe("real TikTok 202309 orders from public sources", () => {
  it("has fixtures, each naming its source and what was changed", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.file).toMatch(/ — ./);
      expect(fixture.note, fixture.file).not.toBe("");
      expect(fixture.order, fixture.file).toBeTypeOf("object");
    }
  });

  describe.each(fixtures.map((fixture) => [titleOf(fixture), fixture] as const))("%s", (_title, fixture) => {
    it("is accepted by the app's validation, at intake and when read back from storage", () => {
      const { orders, invalid } = partitionOrders([fixture.order]);
      expect(invalid.map((order) => order.issues)).toEqual([]);
      expect(orders).toHaveLength(1);
      // The stored raw JSON is parsed again with the same schema (sync-context.server.ts, manual-sync.server.ts).
      expect(tiktokOrderSchema.safeParse(fixture.order).success).toBe(true);
    });

    it("gets the verdict its own facts call for", () => {
      const order = validated(fixture.order);
      const verdict = evaluateOrder(order, syncContextFor(order));
      expect(verdict).toMatchObject(expectedVerdict(order));
    });

    it("maps to an orderCreate input that Shopify's schema accepts", () => {
      const result = mapped(validated(fixture.order));
      expect(orderCreateInputErrors(loadAdminSchema(), result)).toEqual([]);
      const order = validated(fixture.order);
      expect(result.order.currency).toBe(order.payment.currency.toUpperCase());
      // TikTok sends one line per unit: every unit is on the Shopify order, none twice.
      const units = result.order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
      expect(units).toBe(order.line_items.length);
    });

    it("totals TikTok's total_amount to the cent", () => {
      const order = validated(fixture.order);
      const { order: input } = mapped(order);
      expect(formatAmount(shopifyOrderTotal(input), input.currency)).toBe(
        formatAmount(parseAmount(order.payment.total_amount), input.currency),
      );
    });

    it("records a sale only for money received, equal to the total", () => {
      const order = validated(fixture.order);
      const { order: input } = mapped(order);
      // Cash on delivery not yet delivered, or an order cancelled before it was paid: nothing was received.
      const received = order.is_cod
        ? ["DELIVERED", "COMPLETED"].includes(order.status)
        : !(order.status === "CANCELLED" && order.paid_time === undefined);
      if (!received) expect(input.transactions).toEqual([]);
      for (const transaction of input.transactions)
        expect(transaction.amountSet.shopMoney.currencyCode).toBe(input.currency);
      if (input.transactions.length > 0)
        expect(formatAmount(shopifyAmountPaid(input), input.currency)).toBe(
          formatAmount(parseAmount(order.payment.total_amount), input.currency),
        );
    });

    it("adds a 'TikTok total adjustment' only when TikTok's named charges don't explain its total", () => {
      const order = validated(fixture.order);
      const { order: input } = mapped(order);
      const adjustment = input.customAttributes.find((attribute) => attribute.key === ATTRIBUTE.unexplained);
      if (chargesAddUp(order)) expect(adjustment).toBeUndefined();
      else expect(adjustment).toBeDefined();
    });
  });
});

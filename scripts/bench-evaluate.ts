/**
 * How fast the pure sync decision runs on one core: generates 100,000 varied TikTok orders, then times
 * evaluateOrder over all of them and toOrderCreateInput over all of them. Prints orders/second for each and
 * a JSON line for tooling. Run: npm run bench:evaluate
 */
import { performance } from "node:perf_hooks";
import { evaluateOrder } from "~/sync/evaluate";
import { toOrderCreateInput } from "~/sync/mapping";
import type { SkuLink, SyncContext } from "~/sync/types";
import type { TikTokLineItem, TikTokOrder } from "~/tiktok/types";
import { buildMappingContext, buildSyncContext } from "../test/factories/sync-context";
import { buildTikTokOrder, buildUnits, fromMillionths } from "../test/factories/tiktok-order";

const ORDER_COUNT = 100_000;
const SKU_COUNT = 500;

// A seeded generator (mulberry32), so every run measures the same orders.
let seed = 20_270_115;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const CURRENCIES = [
  { code: "USD", digits: 2, unit: 100 },
  { code: "MYR", digits: 2, unit: 100 },
  { code: "IDR", digits: 0, unit: 1000 },
  { code: "JPY", digits: 0, unit: 10 },
] as const;
const write = (minor: number, digits: number) =>
  fromMillionths(BigInt(minor) * 10n ** BigInt(6 - digits), digits);

function generateOrder(index: number): TikTokOrder {
  const currency = pick(CURRENCIES);
  const lines: TikTokLineItem[] = Array.from({ length: between(1, 4) }, () => {
    const price = between(1, 500) * currency.unit;
    const seller = random() < 0.3 ? Math.floor(price / 10) : 0;
    const platform = random() < 0.2 ? Math.floor(price / 20) : 0;
    const tax = currency.code === "USD" ? Math.floor(((price - seller - platform) * 7) / 100) : 0;
    return buildUnits(between(1, 3), {
      sku_id: `sku-${between(1, SKU_COUNT)}`,
      currency: currency.code,
      original_price: write(price, currency.digits),
      seller_discount: write(seller, currency.digits),
      platform_discount: write(platform, currency.digits),
      item_tax:
        tax > 0 ? [{ tax_type: "SALES_TAX", tax_rate: "0.07", tax_amount: write(tax, currency.digits) }] : [],
    });
  }).flat();
  const shipping = between(0, 10) * currency.unit;
  const roll = random();
  return buildTikTokOrder(
    {
      line_items: lines,
      create_time: 1_800_000_000 + index,
      status:
        roll < 0.02 ? "UNPAID" : roll < 0.1 ? "CANCELLED" : roll < 0.15 ? "ON_HOLD" : "AWAITING_SHIPMENT",
      fulfillment_type: random() < 0.05 ? "FULFILLMENT_BY_TIKTOK" : "FULFILLMENT_BY_SELLER",
      is_sample_order: random() < 0.05,
    },
    {
      shippingFee: write(shipping, currency.digits),
      shippingPlatformDiscount: write(random() < 0.4 ? shipping : 0, currency.digits),
      ...(currency.code === "USD" && random() < 0.1 ? { retailDeliveryFee: "0.29" } : {}),
    },
  );
}

// One store: most SKUs linked before the orders, a few never linked, a few linked to deleted variants.
const links = new Map<string, SkuLink>();
for (let sku = 1; sku <= SKU_COUNT; sku += 1) {
  if (sku % 50 === 0) continue;
  const linkedAt = new Date(sku % 97 === 0 ? "2027-02-01T00:00:00Z" : "2026-06-02T00:00:00Z");
  links.set(`sku-${sku}`, {
    variantId: `gid://shopify/ProductVariant/${sku}`,
    linkedAt,
    variantExists: sku % 71 !== 0,
  });
}
const contexts: SyncContext[] = [
  buildSyncContext(undefined, { links, now: new Date("2027-01-20T00:00:00Z") }),
  buildSyncContext(undefined, { links, settings: { sampleOrderRule: "combine", onHoldRule: "sync" } }),
];
const mappingContext = buildMappingContext([], { links });

function measure(label: string, run: (order: TikTokOrder, index: number) => boolean, orders: TikTokOrder[]) {
  for (let i = 0; i < 10_000; i += 1) run(orders[i % orders.length] as TikTokOrder, i);
  const started = performance.now();
  let passed = 0;
  orders.forEach((order, index) => {
    if (run(order, index)) passed += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(orders.length / seconds);
  console.log(
    `${label}: ${orders.length} orders in ${seconds.toFixed(3)} s = ${perSecond.toLocaleString("en")} orders/s (${passed} ok)`,
  );
  return perSecond;
}

const generatedAt = performance.now();
const orders = Array.from({ length: ORDER_COUNT }, (_, index) => generateOrder(index));
console.log(`generated ${ORDER_COUNT} orders in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

const evaluated = measure(
  "evaluateOrder",
  (order, i) => evaluateOrder(order, contexts[i % 2] as SyncContext).ok,
  orders,
);
const mapped = measure("toOrderCreateInput", (order) => toOrderCreateInput(order, mappingContext).ok, orders);
console.log(JSON.stringify({ orders: ORDER_COUNT, evaluatePerSecond: evaluated, mapPerSecond: mapped }));

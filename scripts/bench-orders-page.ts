// npm run bench:orders-page: seeds one store with 100,000 TikTok orders (and other stores with a few thousand,
// so every query has to pick the store's rows out of the table), then times the Orders tab's loader function
// (loadOrdersPage: its queries and the rows it builds, not the HTTP response) for the first page, a tab, a
// reason, a stage, the orders needing the merchant, a search by order id (whole and its first digits), by
// Shopify order name (whole and its start), by buyer (a whole name, a last name, the start of a first name),
// by seller SKU and by TikTok SKU id, a week of orders (alone and on a tab), a search's second page, and page
// 200 reached by following "next" (and page 199 by "previous" from there). Each page also counts where it is
// in its list. Prints one JSON line with p50/p95/max per case.
// Options: --orders N, --iterations N, --postgres. DATABASE_URL picks the database (default: PGlite in
// memory); with --postgres or a postgres:// DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test)
// the orders go into a scratch database on that server, dropped at the end.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { SyncStatus } from "@prisma/client";
import { REASONS, type ReasonCode } from "~/sync/reasons";
import type { TikTokOrder } from "~/tiktok/types";
import { buildLineItem, buildRecipientAddress, buildTikTokOrder } from "../test/factories/tiktok-order";
import { benchEnvironment, createScratchDatabase, percentile } from "./lib/bench";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "100000" },
    iterations: { type: "string", default: "40" },
    postgres: { type: "boolean", default: false },
  },
});
const ORDERS = Number(values.orders);
const OTHER_SHOPS = 3;
const OTHER_SHOP_ORDERS = 2_000;
const ITERATIONS = Number(values.iterations);
const DEEP_PAGE = 200;

const given = process.env.DATABASE_URL ?? "";
const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
const server = isPostgres(given)
  ? given
  : values.postgres
    ? "postgresql://postgres@127.0.0.1:5432/test"
    : null;
const scratch = server ? await createScratchDatabase(server, "bench_orders") : null;
Object.assign(process.env, benchEnvironment({ DATABASE_URL: scratch?.url ?? (given || "memory://") }));
// Opening the database applies the migrations; if that fails, the scratch database goes all the same.
const [
  { default: prisma, database },
  { closeAllDatabases },
  { analyzeChangedTables },
  { ensureShop },
  { connectTikTokShop },
  ordersPage,
] = await Promise.all([
  import("~/db.server"),
  import("~/db/connect.server"),
  import("~/db/analyze.server"),
  import("~/models/shop.server"),
  import("../test/sync-world"),
  import("~/pages/orders.server"),
]).catch(async (error: unknown) => {
  await scratch?.drop();
  throw error;
});
const { loadOrdersPage, parseOrdersQuery } = ordersPage;

// A seeded generator (mulberry32), so every run seeds the same orders.
let seed = 20_270_301;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
/** Picks a key with probability proportional to its weight. */
function weighted<K extends string>(weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  const picked = entries.find(([, weight]) => (roll -= weight) < 0) ?? entries.at(-1);
  if (!picked) throw new Error("Nothing to pick from.");
  return picked[0];
}

// Roughly what a busy store's list looks like: most orders synced, a tenth blocked (mostly unlinked
// products, cancellations and TikTok-fulfilled orders), a few failed, the newest still on their way.
const STATUS_MIX: Record<SyncStatus, number> = { SYNCED: 82, BLOCKED: 13, FAILED: 4, PENDING: 1, SYNCING: 0 };
const BLOCK_MIX: Partial<Record<ReasonCode, number>> = {
  PRODUCT_NOT_LINKED: 30,
  ORDER_CANCELLED: 22,
  FULFILLED_BY_TIKTOK: 15,
  ORDER_BEFORE_CONNECTION: 8,
  ORDER_ON_HOLD: 6,
  ORDER_BEFORE_PRODUCT_LINKED: 5,
  SAMPLE_SYNC_DISABLED: 5,
  PRODUCT_DELETED: 4,
  AUTO_SYNC_DISABLED: 2,
  SAMPLE_PENDING_COMBINATION: 2,
  PLAN_INACTIVE: 1,
};
const FAILURE_MIX: Partial<Record<ReasonCode, number>> = {
  OUT_OF_STOCK: 50,
  MISSING_REQUIRED_FIELD: 25,
  PLATFORM_ERROR: 15,
  AUTH_ERROR: 10,
};
const SKUS = 200;
const UNLINKED_SKU = "sku-unlinked";
const NOW = Math.floor(Date.now() / 1000);

// Buyers: 200 first names and 500 last names, so a whole name is about one order, a last name about 200.
const FIRST_NAMES = ["Ma", "Jo", "Li", "An", "Sa", "El", "Da", "Ka", "Ro", "Mi", "Ch", "Be", "Ta", "Ni", "Lu"]
  .concat(["Ha", "Ca", "Al", "Ju", "Fe"])
  .flatMap((start) =>
    ["ria", "hn", "sa", "na", "m", "ena", "vid", "te", "se", "ka"].map((end) => start + end),
  );
const LAST_NAMES = ["Kong", "Reyes", "Smith", "Garcia", "Nguyen", "Patel", "Kim", "Silva", "Brown", "Lee"]
  .concat(["Ali", "Chen", "Lopez", "Khan", "Wong", "Ito", "Novak", "Rossi", "Muller", "Dubois", "Costa"])
  .concat(["Sato", "Ivanov", "Jensen", "Moreau"])
  .flatMap((start) =>
    ["", "son", "ez", "ini", "ova", "berg", "er", "ski", "ton", "ley", "man", "a", "o", "ard", "field"]
      .concat(["wood", "ham", "ford", "well", "stone"])
      .map((end) => start + end),
  );
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** The TikTok order a reason would come from, so the stored JSON agrees with its status. */
function orderFor(id: string, createTime: number, reason: ReasonCode | null): TikTokOrder {
  const line = (n: number) => buildLineItem({ sku_id: `sku-${n}`, seller_sku: `GLOW-${n}` });
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
    line(1 + Math.floor(random() * SKUS)),
  );
  if (reason === "PRODUCT_NOT_LINKED")
    lines.push(buildLineItem({ sku_id: UNLINKED_SKU, seller_sku: "NEW-1" }));
  const [first, last] = [pick(FIRST_NAMES), pick(LAST_NAMES)];
  return buildTikTokOrder({
    id,
    create_time: createTime,
    line_items: lines,
    recipient_address: buildRecipientAddress({
      name: `${first} ${last}`,
      first_name: first,
      last_name: last,
    }),
    ...(reason === "ORDER_CANCELLED" ? { status: "CANCELLED" } : {}),
    ...(reason === "ORDER_ON_HOLD" ? { status: "ON_HOLD", is_on_hold_order: true } : {}),
    ...(reason === "FULFILLED_BY_TIKTOK" ? { fulfillment_type: "FULFILLMENT_BY_TIKTOK" } : {}),
    ...(reason?.startsWith("SAMPLE_") ? { is_sample_order: true } : {}),
  });
}

/** A cuid-like row id (the list breaks ties between orders of the same second by it). */
const rowId = () =>
  `c${Math.floor(random() * 36 ** 10).toString(36)}${Math.floor(random() * 36 ** 10).toString(36)}`;

/** One TikTokOrder row, by column name, as the sync leaves it. */
function orderRow(shopId: string, index: number) {
  // About 150 s apart, newest first, with some in the same second.
  const createTime = NOW - 600 - Math.floor(index * 150 + random() * 20);
  const id = `57${String(Math.floor(random() * 1e10)).padStart(10, "0")}${String(index).padStart(6, "0")}`;
  // The newest orders are still on their way; the rest are settled.
  const status: SyncStatus = index < 40 ? (random() < 0.2 ? "SYNCING" : "PENDING") : weighted(STATUS_MIX);
  const reason =
    status === "BLOCKED" ? weighted(BLOCK_MIX) : status === "FAILED" ? weighted(FAILURE_MIX) : null;
  const order = orderFor(id, createTime, reason);
  const reasonInfo = reason ? REASONS[reason] : null;
  const at = (seconds: number) => new Date(seconds * 1000).toISOString();
  return {
    id: rowId(),
    shopId,
    tiktokOrderId: id,
    tiktokStatus: order.status,
    isSample: order.is_sample_order ?? false,
    isOnHold: order.is_on_hold_order ?? false,
    fulfillmentType: order.fulfillment_type ?? null,
    createTime: at(createTime),
    updateTime: at(order.update_time),
    raw: order,
    syncStatus: status,
    reasonCode: reason,
    reasonStage: reasonInfo && "stage" in reasonInfo ? reasonInfo.stage : null,
    shopifyOrderId: status === "SYNCED" ? `gid://shopify/Order/${5_000_000 + index}` : null,
    shopifyOrderName: status === "SYNCED" ? `TT-${id}` : null,
    attemptCount: status === "PENDING" ? 0 : 1,
    leaseHolder: status === "SYNCING" ? "worker-1" : null,
    leaseExpiresAt: status === "SYNCING" ? at(NOW + 60) : null,
    receivedAt: at(createTime + 5),
    updatedAt: at(createTime + 65),
  };
}

async function seedShop(domain: string, orders: number): Promise<string> {
  const shop = await ensureShop(domain);
  await connectTikTokShop(domain, shop.id, new Date("2026-01-01T00:00:00Z"));
  await prisma.productLink.createMany({
    data: Array.from({ length: SKUS }, (_, i) => ({
      shopId: shop.id,
      tiktokProductId: `p-${i + 1}`,
      tiktokSkuId: `sku-${i + 1}`,
      shopifyVariantId: `gid://shopify/ProductVariant/${9000 + i}`,
      linkedAt: new Date("2026-01-01T00:01:00Z"),
      state: i % 50 === 49 ? ("VARIANT_DELETED" as const) : ("LINKED" as const),
    })),
  });
  // 1,000 rows a statement, as one JSON parameter: Prisma's createMany spends a minute of CPU on 100,000.
  // The search terms are made as the order upsert makes them.
  for (let start = 0; start < orders; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, orders - start) }, (_, i) =>
      orderRow(shop.id, start + i),
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "TikTokOrder" SELECT (jsonb_populate_record(NULL::"TikTokOrder",
         row || jsonb_build_object('searchTerms', "TikTokOrder_searchTerms"(row -> 'raw')::text))).*
       FROM jsonb_array_elements($1::jsonb) AS row`,
      JSON.stringify(rows),
    );
  }
  return shop.id;
}

try {
  console.log(JSON.stringify(await measure()));
} finally {
  await closeAllDatabases();
  await scratch?.drop();
}

/** Seeds the stores, then times each case. */
async function measure() {
  const runId = Date.now().toString(36);
  const domain = `bench-orders-${runId}.myshopify.com`;
  const seedStarted = performance.now();
  for (let i = 0; i < OTHER_SHOPS; i++)
    await seedShop(`bench-other${i}-${runId}.myshopify.com`, OTHER_SHOP_ORDERS);
  await seedShop(domain, ORDERS);
  // What would have happened within a minute of the orders arriving: autovacuum on PostgreSQL; on PGlite,
  // which has none, the app's own round of ANALYZE.
  if (database.kind === "postgresql") await prisma.$executeRawUnsafe(`VACUUM ANALYZE "TikTokOrder"`);
  else await database.withConnection((connection) => analyzeChangedTables(connection));
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const load = (params: Record<string, string>) =>
    loadOrdersPage(domain, parseOrdersQuery(new URLSearchParams(params)));

  // The cursor of page DEEP_PAGE, found by following "next" from the first page, as the merchant would.
  let deepCursor = "";
  for (let page = 1; page < DEEP_PAGE; page++) {
    const next = (await load(deepCursor ? { after: deepCursor } : {})).pageInfo.next;
    if (!next) throw new Error(`The list ends before page ${DEEP_PAGE}: seed more orders.`);
    deepCursor = next;
  }
  const deepPage = await load({ after: deepCursor });
  const searched = deepPage.orders[7]?.tiktokOrderId ?? "";
  const buyer = deepPage.orders[7]?.buyer ?? "";
  const [firstName = "", lastName = ""] = buyer.split(" ");
  const lastNamePage = await load({ q: lastName });
  const day = (secondsAgo: number) => new Date((NOW - secondsAgo) * 1000).toISOString().slice(0, 10);
  const week = { from: day(30 * 86_400), to: day(24 * 86_400), tz: "UTC" };

  const cases: Record<string, Record<string, string>> = {
    firstPage: {},
    blockedTab: { tab: "blocked" },
    reason: { reason: "ORDER_ON_HOLD" },
    stage: { stage: "6" },
    needsAction: { tab: "blocked", attention: "action" },
    search: { q: searched },
    // What the search box asks while an id is being typed: about 1,000 orders start this way.
    searchPrefix: { q: searched.slice(0, 4) },
    searchOrderName: { q: `TT-${searched}` },
    // Nearly every synced order's name starts this way.
    searchOrderNamePrefix: { q: "tt-57" },
    searchBuyer: { q: buyer },
    searchLastName: { q: lastName },
    searchFirstNameStart: { q: firstName.slice(0, 2) },
    searchLastNamePage2: { q: lastName, after: lastNamePage.pageInfo.next ?? "" },
    searchSellerSku: { q: "glow-17" },
    searchSkuId: { q: "sku-123" },
    placedWeek: week,
    placedWeekBlocked: { ...week, tab: "blocked" },
    [`page${DEEP_PAGE}`]: { after: deepCursor },
    [`page${DEEP_PAGE - 1}Back`]: { before: deepPage.pageInfo.previous ?? "" },
  };

  const round = (ms: number) => Number(ms.toFixed(1));
  const results: Record<string, { rows: number; of: string; p50: number; p95: number; max: number }> = {};
  for (const [name, params] of Object.entries(cases)) {
    for (let i = 0; i < 5; i++) await load(params);
    const times: number[] = [];
    let page = await load(params);
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      page = await load(params);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const { start, end, total, totalAtLeast } = page.position;
    results[name] = {
      rows: page.orders.length,
      of: `${start ?? "?"}-${end ?? "?"} of ${total}${totalAtLeast ? "+" : ""}`,
      p50: round(percentile(times, 0.5)),
      p95: round(percentile(times, 0.95)),
      max: round(times.at(-1) ?? 0),
    };
  }

  return {
    database: database.kind,
    orders: ORDERS,
    otherOrders: OTHER_SHOPS * OTHER_SHOP_ORDERS,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    iterations: ITERATIONS,
    ms: results,
    worstP95: Math.max(...Object.values(results).map((result) => result.p95)),
  };
}

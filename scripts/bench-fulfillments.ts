// npm run bench:fulfillments: the way back at speed. Posts signed Shopify fulfillments/create webhooks for
// synced, seller-shipped TikTok orders of 20 stores to the app's production server (in a process of its own)
// at a steady rate, and times each from the webhook sent to its package shipped in the TikTok stand-in
// (which runs in this process, so its packages are watched as they are made). Two runs, one JSON line:
//   unthrottled: TikTok answers every request; p50/p95 from webhook to shipped, none shipped twice, none missed;
//   throttled: TikTok's per-shop rate limit in force; fulfilments/s against the ceiling the limit allows.
//   --fulfilments N            run unthrottled's fulfilments (default 2000)
//   --throttled-fulfilments N  run throttled's (default 1000)
//   --rate R                   webhooks per second (default 200), round-robin over the stores
//   --stores N                 stores, each with one TikTok shop (default 20)
//   --limit L                  the throttled run's requests per second per TikTok shop (default 2: low enough
//                              that TikTok's limit, not the app's CPU, sets the pace of 20 shops)
//   --only unthrottled|throttled
//   --profile DIR              write the app process's CPU profile (.cpuprofile) into DIR
//   --workers N                production's shape on PostgreSQL (docs/production.md): the web process takes
//                              the webhooks (SYNC_WORKER=off) and N `npm run worker` processes on Redis
//                              (REDIS_URL, default redis://127.0.0.1:6379) ship them; default 0, one process
// The app runs on PGlite in a temporary directory, or on DATABASE_URL when that is a postgres:// URL (a
// scratch database is created there and dropped afterwards), with its embedded worker on: the shipment
// worker is what is measured. Its TikTok poller's first poll (5 s after start) finishes before the clock
// starts; the next would come an hour later.
import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startTikTokStandin } from "../tools/tiktok-standin";
import { freePort } from "../test/free-port";
import { ADMIN_API_VERSION } from "../app/admin-api/api-version";
import { benchEnvironment, cpuMsOf, createScratchDatabase, percentile } from "./lib/bench";
import { buildIfStale } from "./lib/build-if-stale";

const { values } = parseArgs({
  options: {
    fulfilments: { type: "string", default: "2000" },
    "throttled-fulfilments": { type: "string", default: "1000" },
    rate: { type: "string", default: "200" },
    stores: { type: "string", default: "20" },
    limit: { type: "string", default: "2" },
    only: { type: "string" },
    profile: { type: "string" },
    workers: { type: "string", default: "0" },
  },
});
const rate = Number(values.rate);
const storeCount = Number(values.stores);
const limit = Number(values.limit);
const workerCount = Number(values.workers);
const runs = {
  unthrottled: values.only === "throttled" ? 0 : Number(values.fulfilments),
  throttled: values.only === "unthrottled" ? 0 : Number(values["throttled-fulfilments"]),
};
const WARM_UP_PER_STORE = 10;
const APP_KEY = "bench-app-key";
const APP_SECRET = randomBytes(16).toString("hex");
/** Each run waits this long past its last webhook for the rest to ship before counting them missed. */
const DRAIN_TIMEOUT_MS = 180_000;

buildIfStale();

const postgresUrl = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : "";
const scratch = postgresUrl ? await createScratchDatabase(postgresUrl, "bench_fulfillments") : undefined;
if (workerCount > 0 && !scratch) throw new Error("--workers needs PostgreSQL (DATABASE_URL=postgresql://…).");
const dataDir = scratch ? undefined : mkdtempSync(path.join(tmpdir(), "bench-fulfillments-"));
const databaseUrl = scratch?.url ?? path.join(dataDir ?? "", "db");

const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET });
const appPort = await freePort();
const environment = benchEnvironment({
  PORT: String(appPort),
  SHOPIFY_APP_URL: `http://127.0.0.1:${appPort}`,
  DATABASE_URL: databaseUrl,
  SYNC_WORKER: workerCount > 0 ? "off" : "embedded",
  ...(workerCount > 0
    ? {
        REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        REDIS_PREFIX: `bench-fulfillments-${randomBytes(4).toString("hex")}`,
      }
    : {}),
  TIKTOK_POLL_INTERVAL_SECONDS: "3600",
  TIKTOK_APP_KEY: APP_KEY,
  TIKTOK_APP_SECRET: APP_SECRET,
  TIKTOK_SERVICE_ID: "7310000000000000001",
  TIKTOK_API_URL: tiktok.url,
  TIKTOK_AUTH_URL: tiktok.url,
  TIKTOK_AUTHORIZE_URL: `${tiktok.url}/open/authorize`,
});
Object.assign(process.env, environment);

/** A synced order: its TikTok order (to watch) and its Shopify order (the webhook names it). */
type Order = { store: Store; tiktokOrderId: string; shopifyOrderId: number };
type Store = { domain: string; tiktokShopId: string; sku: string };

// Each store connects its TikTok shop as a merchant would; its orders exist at TikTok and were synced into
// Shopify (stored as the poller stores them, then marked Synced with their Shopify order).
const { default: prisma, database } = await import("~/db.server"); // creates the schema
const { closeAllDatabases } = await import("~/db/connect.server");
const { authorizeWithoutBrowser, completeTikTokConnection } = await import("~/tiktok/oauth.server");
const { upsertTikTokOrders } = await import("~/models/tiktok-order.server");
const stores: Store[] = [];
const ordersOf = new Map<Store, Order[]>();
const perStore = WARM_UP_PER_STORE + Math.ceil((runs.unthrottled + runs.throttled) / storeCount);
let nextShopifyOrderId = 6_100_000_000;
for (let i = 0; i < storeCount; i++) {
  const domain = `bench-ship-${i}.myshopify.com`;
  const shop = await tiktok.control.createShop({ name: `Bench Shop ${i}`, region: "US" });
  const { authCode } = await tiktok.control.createAuthCode(shop.id);
  const authorized = await completeTikTokConnection({
    code: authCode,
    ...(await authorizeWithoutBrowser(domain)),
  });
  if (!authorized.ok) throw new Error(`Connecting ${domain} failed: ${authorized.message}`);
  await prisma.session.create({
    data: {
      id: `offline_${domain}`,
      shop: domain,
      state: "",
      isOnline: false,
      accessToken: `shpat_bench_${i}`,
      scope: "read_orders,write_orders,read_products,read_inventory,read_fulfillments",
    },
  });
  const store = { domain, tiktokShopId: shop.id, sku: `BENCH-SERUM-${i}` };
  const shopId = (await prisma.shop.findUniqueOrThrow({ where: { domain } })).id;
  const placed = await Promise.all(
    Array.from({ length: perStore }, () =>
      tiktok.control.createOrder({
        shopId: shop.id,
        status: "AWAITING_SHIPMENT",
        lines: [{ sellerSku: store.sku, price: "24.00" }],
      }),
    ),
  );
  const stored = await upsertTikTokOrders(
    shopId,
    placed.map(({ order }) => order as unknown as Parameters<typeof upsertTikTokOrders>[1][number]),
    { tiktokShopId: shop.id },
  );
  const orders = stored.map((row) => ({
    store,
    id: row.id,
    tiktokOrderId: row.tiktokOrderId,
    shopifyOrderId: nextShopifyOrderId++,
  }));
  await database.query(
    `UPDATE "TikTokOrder" AS o SET "syncStatus" = 'SYNCED', "shopifyOrderId" = s."shopifyOrderId"
     FROM json_to_recordset($1::json) AS s("id" text, "shopifyOrderId" text) WHERE o."id" = s."id"`,
    [
      JSON.stringify(
        orders.map((o) => ({ id: o.id, shopifyOrderId: `gid://shopify/Order/${o.shopifyOrderId}` })),
      ),
    ],
  );
  stores.push(store);
  ordersOf.set(store, orders);
}
await closeAllDatabases();

/** The orders to fulfil, `count` of them, round-robin over the stores, from those not fulfilled yet. */
function take(count: number): Order[] {
  const taken: Order[] = [];
  for (let i = 0; taken.length < count; i++) {
    const order = ordersOf.get(stores[i % stores.length] as Store)?.shift();
    if (!order) throw new Error("Seeded too few orders");
    taken.push(order);
  }
  return taken;
}

const profiling = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
const app = spawn(process.execPath, [...profiling, "--import", "tsx", "server.ts"], {
  env: { ...process.env, ...environment },
  stdio: ["ignore", "pipe", "inherit"],
});
for await (const line of createInterface({ input: app.stdout })) if (/listening/.test(line)) break;
app.stdout.resume();
const workers = Array.from({ length: workerCount }, () =>
  spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, ...environment },
    stdio: ["ignore", "pipe", "inherit"],
  }),
);
for (const worker of workers) {
  for await (const line of createInterface({ input: worker.stdout })) if (/started/.test(line)) break;
  worker.stdout.resume();
}
/** CPU so far of the app's processes: the web process and its workers. */
const appCpuMs = () => [app, ...workers].reduce((sum, p) => sum + (cpuMsOf(p.pid) ?? 0), 0);

// The poller's first poll reads every shop's orders (and changes none: TikTok's copies are the stored ones).
await firstPollDone();

// The webhooks' connections, kept alive within a run; each run opens its own, so none sits idle between runs
// into the server's keep-alive timeout, whose race with a reuse would fail a webhook on the connection.
let agent = new Agent({ keepAlive: true, maxSockets: 64 });
let fulfillmentIds = 5_200_000_000;

/** Shopify's fulfillments/create for one order: every line, tracked by USPS. */
function webhookFor(order: Order) {
  const id = fulfillmentIds++;
  const now = new Date().toISOString();
  const body = JSON.stringify({
    id,
    order_id: order.shopifyOrderId,
    name: `#${order.shopifyOrderId}.1`,
    status: "success",
    created_at: now,
    updated_at: now,
    tracking_company: "USPS",
    tracking_number: `9400${String(id).padStart(18, "0")}`,
    line_items: [{ id: id + 1, variant_id: null, sku: order.store.sku, quantity: 1 }],
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "x-shopify-hmac-sha256": createHmac("sha256", environment.SHOPIFY_API_SECRET)
        .update(body)
        .digest("base64"),
      "x-shopify-topic": "fulfillments/create",
      "x-shopify-shop-domain": order.store.domain,
      "x-shopify-webhook-id": randomBytes(16).toString("hex"),
      "x-shopify-event-id": randomBytes(16).toString("hex"),
      "x-shopify-triggered-at": now,
      "x-shopify-api-version": ADMIN_API_VERSION,
    },
  };
}

function post({ body, headers }: ReturnType<typeof webhookFor>): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(`http://127.0.0.1:${appPort}/webhooks/fulfillments/create`, {
      method: "POST",
      agent,
      headers,
    });
    outgoing.on("response", (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve(incoming.statusCode ?? 0));
    });
    outgoing.on("error", () => resolve(0));
    outgoing.end(body);
  });
}

/**
 * Posts a webhook for each order at `rate` per second (on schedule, whatever the answers take) and watches
 * the stand-in until each order's package is shipped, or the drain times out.
 */
async function fulfil(orders: Order[]) {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sentAt = new Map<string, number>();
  const shippedAfter: number[] = [];
  const answers: number[] = [];
  const posts: Promise<void>[] = [];
  let refused = 0;
  // The status of each refused webhook (0: the connection failed), to tell the app's refusals from the network's.
  const refusedStatuses: Record<string, number> = {};
  const started = performance.now();
  let lastShipped = started;
  const watcher = setInterval(() => {
    for (const [id, at] of sentAt) {
      if ((tiktok.state.shipCalls.get(id)?.shipped ?? 0) === 0) continue;
      lastShipped = performance.now();
      shippedAfter.push(lastShipped - at);
      sentAt.delete(id);
    }
  }, 5);
  let sent = 0;
  await new Promise<void>((resolve) => {
    const sender = setInterval(() => {
      const due = Math.min(orders.length, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const order = orders[sent] as Order;
        const webhook = webhookFor(order);
        const at = performance.now();
        sentAt.set(order.tiktokOrderId, at);
        posts.push(
          post(webhook).then((status) => {
            answers.push(performance.now() - at);
            if (status !== 200) {
              refused += 1;
              refusedStatuses[status] = (refusedStatuses[status] ?? 0) + 1;
            }
          }),
        );
      }
      if (sent === orders.length) {
        clearInterval(sender);
        resolve();
      }
    }, 2);
  });
  const sendingSeconds = (performance.now() - started) / 1000;
  await Promise.all(posts);
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (sentAt.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  clearInterval(watcher);
  shippedAfter.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  let shippedTwice = 0;
  let refusedShipCalls = 0;
  for (const order of orders) {
    const calls = tiktok.state.shipCalls.get(order.tiktokOrderId);
    if ((calls?.shipped ?? 0) > 1) shippedTwice += 1;
    refusedShipCalls += calls?.refused ?? 0;
  }
  return {
    fulfilments: orders.length,
    sentPerSecond: round(orders.length / sendingSeconds),
    refusedWebhooks: refused,
    ...(refused > 0 ? { refusedStatuses } : {}),
    webhookP95Ms: round(percentile(answers, 0.95)),
    shipped: shippedAfter.length,
    missed: sentAt.size,
    shippedTwice,
    refusedShipCalls,
    seconds: round((lastShipped - started) / 1000),
    p50Ms: round(percentile(shippedAfter, 0.5)),
    p95Ms: round(percentile(shippedAfter, 0.95)),
    maxMs: round(shippedAfter.at(-1)),
  };
}

// Warm-up: the first fulfilment of each shop also reads its carriers (kept ten minutes).
await fulfil(take(WARM_UP_PER_STORE * storeCount));

const result: Record<string, unknown> = {
  database: postgresUrl ? "postgresql" : "pglite",
  workerProcesses: workerCount,
  stores: storeCount,
  rate,
};

if (runs.unthrottled > 0) {
  await tiktok.control.setRateLimit(null);
  const cpuBefore = appCpuMs();
  const measured = await fulfil(take(runs.unthrottled));
  const requests = Object.values((await tiktok.control.rateLimit()).shops).reduce(
    (sum, c) => sum + c.accepted,
    0,
  );
  result.unthrottled = {
    ...measured,
    tiktokRequestsPerFulfilment: round(requests / runs.unthrottled, 2),
    appCpuMsPerFulfilment: round((appCpuMs() - cpuBefore) / runs.unthrottled, 2),
  };
}

if (runs.throttled > 0) {
  // A quiet second first: every shop's bucket starts full, as the ceiling below assumes.
  await new Promise((r) => setTimeout(r, 1000));
  await tiktok.control.setRateLimit(limit);
  const measured = await fulfil(take(runs.throttled));
  const counts = Object.values((await tiktok.control.rateLimit()).shops);
  const accepted = counts.reduce((sum, c) => sum + c.accepted, 0);
  const limited = counts.reduce((sum, c) => sum + c.limited, 0);
  // The shortest time the limit allows for the requests the fulfilments took: each shop's full bucket at
  // once, the rest at the limit; the busiest shop sets it.
  const seconds = measured.seconds ?? Infinity;
  const ceilingSeconds = Math.max(...counts.map((c) => Math.max(0, c.accepted - limit) / limit));
  result.throttled = {
    ...measured,
    limitPerShop: limit,
    tiktokRequests: accepted,
    refusedByLimit: limited,
    tiktokRequestsPerFulfilment: round(accepted / runs.throttled, 2),
    fulfilmentsPerSecond: round(measured.shipped / seconds),
    ceilingFulfilmentsPerSecond: round(runs.throttled / ceilingSeconds),
    ratioToCeiling: round(ceilingSeconds / seconds, 3),
    requestsPerSecondPerShop: round(accepted / counts.length / seconds, 2),
  };
}

agent.destroy();
const workersExited = workers.map((worker) => once(worker, "exit"));
for (const worker of workers) worker.kill("SIGTERM");
await Promise.all(workersExited);
const exited = once(app, "exit");
app.kill("SIGTERM");
const [exitCode] = (await exited) as [number | null];
await tiktok.close();
console.log(JSON.stringify({ ...result, appExitCode: exitCode }));
await scratch?.drop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(0);

/**
 * Waits until every shop has been read and TikTok has had no request for a second (on BullMQ, whose polls
 * are the workers' repeatable jobs, until no request for two seconds once ten have passed).
 */
async function firstPollDone() {
  let last = -1;
  const started = performance.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const counts = Object.values((await tiktok.control.rateLimit()).shops);
    const total = counts.reduce((sum, c) => sum + c.accepted, 0);
    const quiet = total === last;
    last = total;
    if (quiet && counts.length === storeCount) return;
    if (quiet && workerCount > 0 && performance.now() - started > 10_000) return;
  }
}

function round(value: number | undefined, digits = 1) {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

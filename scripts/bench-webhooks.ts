// npm run bench:webhooks: posts signed ORDER_STATUS_CHANGE webhooks to the app's production server (in a
// process of its own) from this process over loopback, and prints one JSON line: accepted webhooks per
// second, p50/p99 response time, and whether every webhook became a queued order.
//   --webhooks N      how many (default 6000), each for a different TikTok order
//   --concurrency C   requests in flight (default 16)
//   --profile DIR     write the app process's CPU profile (.cpuprofile) into DIR
// The app runs on PGlite in a temporary directory, or on DATABASE_URL when that is a postgres:// URL
// (a scratch database is created there and dropped afterwards). Its sync worker is off: what is measured
// is intake (verify, record the receipt, answer; then fetch the details 50 at a time, store and queue).
// The store has two TikTok shops (US in USD, UK in GBP) from one authorization; the webhooks alternate.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startTikTokStandin } from "../tools/tiktok-standin";
import { freePort } from "../test/free-port";
import { benchEnvironment, cpuMsOf, createScratchDatabase, percentile } from "./lib/bench";
import { buildIfStale } from "./lib/build-if-stale";

const { values } = parseArgs({
  options: {
    webhooks: { type: "string", default: "6000" },
    concurrency: { type: "string", default: "16" },
    profile: { type: "string" },
  },
});
const total = Number(values.webhooks);
const concurrency = Number(values.concurrency);
const WARM_UP = 300;
const APP_KEY = "bench-app-key";
const APP_SECRET = randomBytes(16).toString("hex");
const SHOP_DOMAIN = "bench-store.myshopify.com";

buildIfStale();

// The database: PGlite in a fresh directory, or a scratch database next to DATABASE_URL's.
const postgresUrl = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : "";
const scratch = postgresUrl ? await createScratchDatabase(postgresUrl, "bench_webhooks") : undefined;
const dataDir = scratch ? undefined : mkdtempSync(path.join(tmpdir(), "bench-webhooks-"));
const databaseUrl = scratch?.url ?? path.join(dataDir ?? "", "db");

const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET });
const appPort = await freePort();
const environment = benchEnvironment({
  PORT: String(appPort),
  SHOPIFY_APP_URL: `http://127.0.0.1:${appPort}`,
  DATABASE_URL: databaseUrl,
  TIKTOK_APP_KEY: APP_KEY,
  TIKTOK_APP_SECRET: APP_SECRET,
  TIKTOK_SERVICE_ID: "7310000000000000001",
  TIKTOK_API_URL: tiktok.url,
  TIKTOK_AUTH_URL: tiktok.url,
  TIKTOK_AUTHORIZE_URL: `${tiktok.url}/open/authorize`,
});
Object.assign(process.env, environment);

// The store connects its TikTok shops as a merchant would; the orders exist at TikTok before any webhook.
await import("~/db.server"); // creates the schema
const { closeAllDatabases, openDatabase } = await import("~/db/connect.server");
const { authorizeWithoutBrowser, completeTikTokConnection, connectChosenShops } =
  await import("~/tiktok/oauth.server");
const { signWebhook } = await import("~/tiktok/signature");
const tiktokShops = [
  await tiktok.control.createShop({ name: "Bench TikTok Shop", region: "US" }),
  await tiktok.control.createShop({ name: "Bench TikTok Shop UK", region: "GB" }),
];
const { authCode } = await tiktok.control.createAuthCodeForShops(tiktokShops.map((shop) => shop.id));
const authorized = await completeTikTokConnection({
  code: authCode,
  ...(await authorizeWithoutBrowser(SHOP_DOMAIN)),
});
if (!authorized.ok) throw new Error(`Connecting the bench store failed: ${authorized.message}`);
const connected = await connectChosenShops(
  SHOP_DOMAIN,
  tiktokShops.map((shop) => shop.id),
);
if (!connected.ok) throw new Error(`Connecting the bench store's shops failed: ${connected.message}`);
await closeAllDatabases();
const orders: { id: string; shopId: string }[] = [];
for (let i = 0; i < WARM_UP + total; i++) {
  const shopId = tiktokShops[i % tiktokShops.length]?.id ?? "";
  const { order } = await tiktok.control.createOrder({ shopId, status: "AWAITING_SHIPMENT" });
  orders.push({ id: order.id, shopId });
}

const profiling = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
const app = spawn(process.execPath, [...profiling, "--import", "tsx", "server.ts"], {
  env: { ...process.env, ...environment },
  stdio: ["ignore", "pipe", "inherit"],
});
for await (const line of createInterface({ input: app.stdout })) if (/listening/.test(line)) break;
app.stdout.resume();

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const url = `http://127.0.0.1:${appPort}/webhooks/tiktok`;

function webhookFor({ id: orderId, shopId }: { id: string; shopId: string }, sequence: number) {
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: `7327${String(sequence).padStart(15, "0")}`,
    shop_id: shopId,
    timestamp: Math.floor(Date.now() / 1000),
    data: {
      order_id: orderId,
      order_status: "AWAITING_SHIPMENT",
      update_time: Math.floor(Date.now() / 1000),
    },
  });
  return { body, signature: signWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: body }) };
}

function post({ body, signature }: { body: string; signature: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: "POST",
      agent,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: signature,
      },
    });
    outgoing.on("response", (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve(incoming.statusCode ?? 0));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** Posts the webhooks for `ids` with `concurrency` in flight; returns each one's response time in ms. */
async function fire(ids: { id: string; shopId: string }[], offset: number) {
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  const lane = async () => {
    while (next < ids.length) {
      const index = next++;
      const webhook = webhookFor(ids[index] ?? { id: "", shopId: "" }, offset + index);
      const started = process.hrtime.bigint();
      const status = await post(webhook);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (status !== 200) refused += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { latencies, refused };
}

await fire(orders.slice(0, WARM_UP), 0);
const cpuBefore = cpuMsOf(app.pid);
const started = performance.now();
const { latencies, refused } = await fire(orders.slice(WARM_UP), WARM_UP);
const seconds = (performance.now() - started) / 1000;

// Stopping the app lets it finish the detail fetches still pending; then every order must be queued.
const appPeakRss = peakRssOf(app.pid);
agent.destroy();
const stopping = performance.now();
// The CPU the app spent on the measured webhooks, their intake included: sampled just before it exits.
const exited = once(app, "exit");
let cpuAfter = cpuMsOf(app.pid);
const sampler = setInterval(() => (cpuAfter = cpuMsOf(app.pid) ?? cpuAfter), 5);
app.kill("SIGTERM");
const [exitCode] = (await exited) as [number | null];
clearInterval(sampler);
const drainSeconds = (performance.now() - stopping) / 1000;
await tiktok.close();

const queued = await countQueued();
const shopsQueued = await countQueuedPerShop();
latencies.sort((a, b) => a - b);

console.log(
  JSON.stringify({
    database: postgresUrl ? "postgresql" : "pglite",
    webhooks: total,
    concurrency,
    refused,
    webhooksPerSecond: Math.round(total / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies.at(-1)),
    queuedOrders: queued,
    lost: WARM_UP + total - queued,
    tiktokShops: tiktokShops.length,
    queuedPerShop: shopsQueued,
    drainAfterStopSeconds: round(drainSeconds),
    appExitCode: exitCode,
    appCpuMsPerWebhook: round(((cpuAfter ?? 0) - (cpuBefore ?? 0)) / total),
    appPeakRssMb: appPeakRss,
  }),
);
await scratch?.drop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(0);

async function countQueued(): Promise<number> {
  const { prisma } = openDatabase(databaseUrl);
  const count = await prisma.tikTokOrder.count({
    where: { shop: { domain: SHOP_DOMAIN }, nextAttemptAt: { not: null } },
  });
  await closeAllDatabases();
  return count;
}

/** Queued orders per TikTok shop: each order under the shop its webhook named. */
async function countQueuedPerShop(): Promise<number[]> {
  const { prisma } = openDatabase(databaseUrl);
  const counts = await Promise.all(
    tiktokShops.map((shop) =>
      prisma.tikTokOrder.count({ where: { tiktokShopId: shop.id, nextAttemptAt: { not: null } } }),
    ),
  );
  await closeAllDatabases();
  return counts;
}

function peakRssOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : undefined;
}

function round(value: number | undefined) {
  return value === undefined ? undefined : Math.round(value * 10) / 10;
}

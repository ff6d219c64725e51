// npm run bench:sync: drives orders through syncOrder (the embedded worker) against the Shopify stand-in
// over real HTTP and prints one JSON line per run:
//   (a) one store with Shopify Standard limits: synced orders/s against the ceiling the bucket allows;
//   (b) 20 stores in parallel with unthrottled stand-ins: the app's own throughput.
// Options: --orders N (run a); --shops N --per-shop N --concurrency N (run b: stores, orders each, worker
// slots); --only a|b; --profile DIR (write CPU profiles there: the app's while it syncs, and the stand-in's).
// DATABASE_URL picks the database (default: PGlite in memory). Each store has two TikTok shops: half its
// orders come from a US shop in the store's USD, half from a UK shop in GBP, converted at the store's rate.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { StandinControl } from "../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../test/factories/tiktok-order";
import { benchEnvironment, cpuMsOf, cpuMsOfProcessesNamed, percentile } from "./lib/bench";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "600" },
    shops: { type: "string", default: "20" },
    "per-shop": { type: "string", default: "100" },
    // Run b's worker slots: enough to keep two cores busy while syncs wait on Shopify and the database.
    concurrency: { type: "string", default: "64" },
    only: { type: "string" },
    profile: { type: "string" },
  },
});

if (values.profile) mkdirSync(values.profile, { recursive: true });

// Shopify's side runs in a process of its own, as it would be a network away: the numbers below are the
// app's, and its CPU time per order is measured on its own.
const child = spawn(
  process.execPath,
  [
    ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
    ...["--import", "tsx", "tools/shopify-standin/main.ts", "--port", "0", "--quiet"],
  ],
  {
    // As a production server runs (graphql's development-only checks cost it a fifth of its CPU).
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
const standinUrl = /listening on (\S+)/.exec(firstLine.toString())?.[1];
if (!standinUrl) throw new Error(`The stand-in did not start: ${firstLine.toString()}`);
const standin = { url: standinUrl, control: new StandinControl(standinUrl) };
Object.assign(
  process.env,
  benchEnvironment({
    DATABASE_URL: process.env.DATABASE_URL || "memory://",
    SHOPIFY_ADMIN_API_URL: standin.url,
  }),
);
const { seedWorld, receiveOrder, connectTikTokShop } = await import("../test/sync-world");
const { saveExchangeRate } = await import("~/models/exchange-rate.server");
const { startEmbeddedWorker } = await import("~/jobs/embedded-worker.server");
const { enqueueSync } = await import("~/models/order-queue.server");
const { default: prisma, database } = await import("~/db.server");
const { closeAllDatabases } = await import("~/db/connect.server");

/** The same order sold in another currency: the payment and every line in it. */
function withCurrency(order: ReturnType<typeof buildTikTokOrder>, currency: string) {
  return {
    ...order,
    payment: { ...order.payment, currency },
    line_items: order.line_items.map((line) => ({ ...line, currency })),
  };
}

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

async function run(
  label: string,
  shops: { domain: string; bucket: { maximumAvailable: number; restoreRate: number } }[],
  perShop: number,
  worker: { concurrency: number; perShop: number },
) {
  const placed = Math.floor(Date.now() / 1000) - 7200;
  const ids: string[] = [];
  const shopIds: string[] = [];
  for (const { domain, bucket } of shops) {
    const { shop } = await seedWorld(standin, {
      domain,
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 1_000_000 }],
      bucket,
    });
    shopIds.push(shop.id);
    const uk = `tts-${domain}-uk`;
    await connectTikTokShop(domain, shop.id, new Date("2026-01-01T00:00:00Z"), {
      tiktokShopId: uk,
      region: "GB",
    });
    await saveExchangeRate(shop.id, "GBP", "1.27");
    for (let i = 0; i < perShop; i++) {
      const order =
        i % 2 === 0
          ? buildTikTokOrder({ create_time: placed })
          : withCurrency(buildTikTokOrder({ create_time: placed }), "GBP");
      ids.push(await receiveOrder(shop.id, order, i % 2 === 0 ? `tts-${domain}` : uk));
    }
  }
  // A live PostgreSQL server's autovacuum clears what earlier runs left (dead row versions the due-order scan
  // would otherwise walk through); this machine's server may run without it.
  if (database.kind === "postgresql") await database.query(`VACUUM ANALYZE "TikTokOrder", "SyncAttempt"`);
  const profiler = values.profile ? await startProfiler() : undefined;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const standinCpuBefore = cpuMsOf(child.pid) ?? 0;
  const postgresCpuBefore = cpuMsOfProcessesNamed("postgres");
  const started = Date.now();
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const running = startEmbeddedWorker({
    ...worker,
    pollMs: 20,
    onOutcome: (_, outcome) => {
      if (outcome.status !== "synced") return;
      latencies.push(Date.now() - started);
      if (++done === ids.length) finish();
    },
  });
  await enqueueSync(ids, "WEBHOOK", new Date(started));
  await finished;
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const standinCpuMs = (cpuMsOf(child.pid) ?? 0) - standinCpuBefore;
  const postgresCpuMs = cpuMsOfProcessesNamed("postgres") - postgresCpuBefore;
  await profiler?.stop(`app-${label.slice(0, 1)}.cpuprofile`);
  await running.stop();

  // What Shopify's bucket allows: a full bucket to start with, then its restore rate, over the points the
  // orders took: the shortest time the sync could possibly take. The stand-in keeps the last 1,000 requests
  // of each store, so the points per order are measured over those (per order created in them).
  let points = 0;
  let creates = 0;
  for (const { domain } of shops) {
    for (const request of await standin.control.listRequests(domain)) {
      points += request.actualQueryCost ?? 0;
      if (request.rootFields.includes("orderCreate") && request.outcome === "ok") creates += 1;
    }
  }
  const costPerOrder = creates > 0 ? points / creates : 0;
  const bucket = shops[0]?.bucket ?? { maximumAvailable: 0, restoreRate: 0 };
  const fastest =
    Math.max(0, costPerOrder * ids.length - bucket.maximumAvailable * shops.length) /
    (bucket.restoreRate * shops.length);
  const ceiling = fastest > 0 ? ids.length / fastest : Infinity;
  latencies.sort((a, b) => a - b);
  const synced = await prisma.tikTokOrder.count({ where: { shopId: { in: shopIds }, syncStatus: "SYNCED" } });
  return {
    run: label,
    shops: shops.length,
    orders: ids.length,
    synced,
    seconds: Number(seconds.toFixed(2)),
    ordersPerSecond: Number((ids.length / seconds).toFixed(1)),
    costPerOrder: Number(costPerOrder.toFixed(2)),
    ceilingOrdersPerSecond: Number.isFinite(ceiling) && ceiling < 1e6 ? Number(ceiling.toFixed(1)) : null,
    ratioToCeiling:
      Number.isFinite(ceiling) && ceiling < 1e6 ? Number((ids.length / seconds / ceiling).toFixed(3)) : null,
    appCpuMsPerOrder: Number(((cpu.user + cpu.system) / 1000 / ids.length).toFixed(2)),
    standinCpuMsPerOrder: Number((standinCpuMs / ids.length).toFixed(2)),
    // PostgreSQL's server processes on this machine (none with PGlite, which runs in the app's process).
    postgresCpuMsPerOrder: /^postgres/.test(process.env.DATABASE_URL ?? "")
      ? Number((postgresCpuMs / ids.length).toFixed(2))
      : null,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    peakRssMb: Math.round(peakRss / 2 ** 20),
  };
}

/** Profiles this process (the app's side) from now until `stop`, which writes the profile into --profile. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(path.join(values.profile ?? ".", file), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const id = Date.now().toString(36);
if (values.only !== "b") {
  const standard = { maximumAvailable: 2000, restoreRate: 100 };
  console.log(
    JSON.stringify(
      await run(
        "a: one store, Standard limits",
        [{ domain: `bench-a-${id}.myshopify.com`, bucket: standard }],
        Number(values.orders),
        { concurrency: 16, perShop: 16 },
      ),
    ),
  );
}
if (values.only !== "a") {
  const unthrottled = { maximumAvailable: 1e9, restoreRate: 1e9 };
  const shops = Array.from({ length: Number(values.shops) }, (_, i) => ({
    domain: `bench-b${i}-${id}.myshopify.com`,
    bucket: unthrottled,
  }));
  console.log(
    JSON.stringify(
      await run("b: many stores, unthrottled", shops, Number(values["per-shop"]), {
        concurrency: Number(values.concurrency),
        perShop: 4,
      }),
    ),
  );
}
clearInterval(rssTimer);
await closeAllDatabases();
child.kill();
await once(child, "exit");

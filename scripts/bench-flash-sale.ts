// npm run bench:flash-sale: one store's flash sale on Shopify Standard limits (2000 points, 100/s) while 50
// other stores keep placing orders, drained by worker processes (npm run worker) over PostgreSQL and Redis.
// Prints one JSON line: total time, the busy store's throughput against the ceiling its bucket allows,
// p95 enqueue-to-created latency of the other stores while the busy one is saturated, peak RSS per process.
// Options: --orders N (busy store, default 10000), --shops N (others, 50), --every-ms N (each other store
// places an order this often, 5000), --workers N (2), --concurrency N (per worker, 32).
// Needs DATABASE_URL (a PostgreSQL server; a fresh database is made on it) and REDIS_URL.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { StandinControl } from "../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../test/factories/tiktok-order";
import { benchEnvironment, createScratchDatabase } from "./lib/bench";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "10000" },
    shops: { type: "string", default: "50" },
    "every-ms": { type: "string", default: "5000" },
    workers: { type: "string", default: "2" },
    concurrency: { type: "string", default: "32" },
  },
});
const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
if (!/^postgres(ql)?:\/\//.test(server)) throw new Error("DATABASE_URL must name a PostgreSQL server.");

const scratch = await createScratchDatabase(server);
const databaseUrl = scratch.url;

const standinProcess = spawn(
  process.execPath,
  ["--import", "tsx", "tools/shopify-standin/main.ts", "--port", "0", "--quiet"],
  { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "inherit"] },
);
const [firstLine] = (await once(standinProcess.stdout, "data")) as [Buffer];
const standinUrl = /listening on (\S+)/.exec(firstLine.toString())?.[1];
if (!standinUrl) throw new Error(`The stand-in did not start: ${firstLine.toString()}`);
const standin = { url: standinUrl, control: new StandinControl(standinUrl) };
const env = benchEnvironment({
  DATABASE_URL: databaseUrl,
  SHOPIFY_ADMIN_API_URL: standin.url,
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}`,
});
Object.assign(process.env, env);
const { seedWorld, receiveOrder } = await import("../test/sync-world");
const { enqueueSync } = await import("~/models/order-queue.server");
const { createBullmqProvider } = await import("~/jobs/bullmq/provider.server");
const { default: prisma } = await import("~/db.server");
const { closeAllDatabases } = await import("~/db/connect.server");
const provider = createBullmqProvider();

const busyOrders = Number(values.orders);
const otherShops = Number(values.shops);
const placed = Math.floor(Date.now() / 1000) - 7200;
const standard = { maximumAvailable: 2000, restoreRate: 100 };
const id = Date.now().toString(36);
const busy = await seedWorld(standin, {
  domain: `flash-${id}.myshopify.com`,
  skus: [{ skuId: DEFAULT_SKU_ID, inventory: 10_000_000 }],
  bucket: standard,
});
const busyIds: string[] = [];
for (let i = 0; i < busyOrders; i++)
  busyIds.push(await receiveOrder(busy.shop.id, buildTikTokOrder({ create_time: placed })));
const others = [];
for (let s = 0; s < otherShops; s++) {
  others.push(
    await seedWorld(standin, {
      domain: `steady-${s}-${id}.myshopify.com`,
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 1_000_000 }],
      bucket: standard,
    }),
  );
}

// Peak RSS of every process, sampled from /proc (the workers are children of this one).
const peakRss = new Map<string, number>();
function sampleRss(label: string, pid: number | undefined) {
  if (!pid) return;
  void import("node:fs/promises")
    .then((fs) => fs.readFile(`/proc/${pid}/status`, "utf8"))
    .then((status) => {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRss.set(label, Math.max(peakRss.get(label) ?? 0, kb * 1024));
    })
    .catch(() => undefined);
}
const workers: ChildProcess[] = [];
for (let w = 0; w < Number(values.workers); w++) {
  workers.push(
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, ...env, SYNC_CONCURRENCY: values.concurrency, DATABASE_POOL_SIZE: "12" },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
}
// The clock starts once every worker is up (loading the app takes seconds), so the ratio measures the sync.
await Promise.all(
  workers.map(async (worker) => {
    const lines = createInterface({ input: worker.stdout ?? process.stdin });
    for await (const line of lines) if (/started/.test(line)) break;
    worker.stdout?.resume();
  }),
);
const rssTimer = setInterval(() => {
  sampleRss("bench", process.pid);
  sampleRss("standin", standinProcess.pid);
  workers.forEach((worker, i) => sampleRss(`worker${i + 1}`, worker.pid));
}, 500);

const started = Date.now();
await enqueueSync(busyIds, "WEBHOOK", new Date(started));
// The other stores' steady traffic, until the busy store is done.
const enqueuedAt = new Map<string, number>();
let busyDone = false;
const busyOpen = () =>
  prisma.tikTokOrder.count({ where: { shopId: busy.shop.id, NOT: { syncStatus: "SYNCED" } } });
const traffic = (async () => {
  const everyMs = Number(values["every-ms"]);
  let tick = 0;
  while (!busyDone) {
    const store = others[tick % others.length];
    tick += 1;
    if (store) {
      const orderId = await receiveOrder(store.shop.id, buildTikTokOrder({ create_time: placed }));
      enqueuedAt.set(orderId, Date.now());
      await enqueueSync([orderId], "WEBHOOK");
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs / others.length));
  }
})();
while ((await busyOpen()) > 0) await new Promise((resolve) => setTimeout(resolve, 250));
const seconds = (Date.now() - started) / 1000;
busyDone = true;
await traffic;
// Let the last of the other stores' orders finish.
const otherIds = [...enqueuedAt.keys()];
for (let i = 0; i < 60; i++) {
  const open = await prisma.tikTokOrder.count({
    where: { id: { in: otherIds }, NOT: { syncStatus: "SYNCED" } },
  });
  if (open === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const synced = await prisma.tikTokOrder.findMany({
  where: { id: { in: otherIds }, syncStatus: "SYNCED" },
  select: { id: true, updatedAt: true },
});
const latencies = synced
  .map((row) => row.updatedAt.getTime() - (enqueuedAt.get(row.id) ?? row.updatedAt.getTime()))
  .sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? null;

// The busy store's cost per order, from Shopify's side (the stand-in's last 1000 requests), and the
// fastest its bucket allows: a full bucket first, then the restore rate.
const log = await standin.control.listRequests(busy.domain);
const points = log.reduce((sum, request) => sum + (request.actualQueryCost ?? 0), 0);
const creates = log.filter((request) => request.rootFields.includes("orderCreate")).length;
const costPerOrder = creates > 0 ? points / creates : 0;
const fastest = Math.max(0, busyOrders * costPerOrder - standard.maximumAvailable) / standard.restoreRate;
const shopifyOrders = (await standin.control.listOrders(busy.domain)).length;
console.log(
  JSON.stringify({
    run: "flash sale: one store on Standard limits, others steady",
    workers: workers.length,
    concurrencyPerWorker: Number(values.concurrency),
    busyOrders,
    busyShopifyOrders: shopifyOrders,
    otherShops,
    otherOrders: otherIds.length,
    otherSynced: synced.length,
    seconds: Number(seconds.toFixed(1)),
    costPerOrder: Number(costPerOrder.toFixed(2)),
    ceilingSeconds: Number(fastest.toFixed(1)),
    ratioToCeiling: seconds > 0 ? Number((fastest / seconds).toFixed(3)) : null,
    othersP50Ms: p(0.5),
    othersP95Ms: p(0.95),
    peakRssMb: Object.fromEntries([...peakRss].map(([label, bytes]) => [label, Math.round(bytes / 2 ** 20)])),
  }),
);
clearInterval(rssTimer);
for (const worker of workers) worker.kill("SIGTERM");
await Promise.all(workers.map((worker) => once(worker, "exit")));
await provider.close();
await closeAllDatabases();
standinProcess.kill();
await scratch.drop();

import type { ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../../tools/shopify-standin";
import { startTikTokStandin, type SentWebhook } from "../../../tools/tiktok-standin";
import { DEFAULT_SKU_ID } from "../../../test/factories/tiktok-order";
import { freePort } from "../../../test/free-port";
import {
  dropRedisPrefix,
  redisPrefixForFile,
  spawnWorker,
  startRedisServer,
} from "../../../test/redis-world";
import { seedWorld } from "../../../test/sync-world";
import { until } from "../../../test/until";

// The TikTok side of the worker chaos: orders are placed in the TikTok stand-in, which delivers its
// webhooks twice, late (out of order) or not at all, to the app's own webhook handler, while worker
// processes are killed. Worker processes share the database, so this needs PostgreSQL; it runs its own
// redis-server, like workers-killed.redis.test.ts.
if (!process.env.TEST_DATABASE_URL) throw new Error("The worker processes need TEST_DATABASE_URL.");

const APP_KEY = "faults-app-key";
const APP_SECRET = "faults-app-secret";
const port = await freePort();
const redisUrl = `redis://127.0.0.1:${port}`;
const redis = await startRedisServer(port);
const prefix = redisPrefixForFile(redisUrl);
const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET });
const shopify = await startShopifyStandin();
Object.assign(process.env, {
  TIKTOK_APP_KEY: APP_KEY,
  TIKTOK_APP_SECRET: APP_SECRET,
  TIKTOK_API_URL: tiktok.url,
  TIKTOK_AUTH_URL: tiktok.url,
  TIKTOK_SERVICE_ID: "7310000000000000001",
  SHOPIFY_ADMIN_API_URL: shopify.url,
});
const { default: prisma } = await import("~/db.server");
const { handleTikTokWebhookRequest } = await import("~/tiktok/webhook-http.server");
const { webhookOrderBatcher } = await import("~/tiktok/webhooks.server");
const { completeTikTokConnection, authorizeWithoutBrowser } = await import("~/tiktok/oauth.server");
const { createBullmqProvider } = await import("./provider.server");
// This process is the web process: the webhooks' orders go to BullMQ through the provider.
const provider = createBullmqProvider();

// The app's TikTok webhook endpoint, as server.ts mounts it.
const app = createServer((request, response) => {
  handleTikTokWebhookRequest(request, response).catch((error: unknown) => {
    response.writeHead(500).end(String(error));
  });
});
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
await tiktok.control.configure({
  webhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/tiktok`,
});

const workers = new Set<ChildProcess>();
/** Workers that said they started (scripts/worker.ts prints it once its queues are set up). */
const started = new Set<ChildProcess>();
function startWorker() {
  const child = spawnWorker(
    { url: redisUrl, prefix },
    // The shortest poll the app allows: it finds the orders whose webhooks never came.
    { TIKTOK_POLL_INTERVAL_SECONDS: "10" },
    "pipe",
  );
  workers.add(child);
  child.stdout?.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("started")) started.add(child);
  });
  child.once("exit", () => {
    workers.delete(child);
    started.delete(child);
  });
  return child;
}

afterAll(async () => {
  for (const child of workers) child.kill("SIGKILL");
  await webhookOrderBatcher().stop();
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
  await tiktok.close();
  await provider.close();
  await shopify.close();
  await dropRedisPrefix(redisUrl, prefix);
  redis.kill("SIGKILL");
});

type Store = { domain: string; tiktokShopId: string; cancelLater: string[] };

/** A store with its Shopify side seeded, connected to a new TikTok shop the way a merchant connects one. */
async function connectStore(domain: string): Promise<Store> {
  await seedWorld(shopify, {
    domain,
    skus: [{ skuId: DEFAULT_SKU_ID, inventory: 100_000 }],
    connect: false,
  });
  const tiktokShop = await tiktok.control.createShop({ name: `TikTok of ${domain}` });
  const { authCode } = await tiktok.control.createAuthCode(tiktokShop.id);
  // Connected a minute before the first order: an order placed before the connection is not synced.
  const now = new Date(Date.now() - 60_000);
  const authorization = await authorizeWithoutBrowser(domain, now.getTime());
  const connected = await completeTikTokConnection({ code: authCode, ...authorization, now });
  if (!connected.ok) throw new Error(`connecting ${domain} failed: ${connected.message}`);
  return { domain, tiktokShopId: tiktokShop.id, cancelLater: [] };
}

// What happens to each order after it is placed, by its position; every tenth order gets each fate.
const FATES = [
  "stays",
  "paid later",
  "on hold",
  "cancelled at once",
  "shipped",
  "shipped",
  "cancelled in Shopify",
  "stays",
  "stays",
  "stays",
] as const;
const PER_SHOP = 100;

async function placeOrders(store: Store) {
  for (let i = 0; i < PER_SHOP; i++) {
    const fate = FATES[i % FATES.length];
    const { order } = await tiktok.control.createOrder({
      shopId: store.tiktokShopId,
      lines: [{ skuId: DEFAULT_SKU_ID, quantity: 1 + (i % 3) }],
      ...(fate === "paid later" ? { status: "UNPAID" as const } : {}),
      ...(fate === "on hold" ? { onHold: true, onHoldSeconds: 2 } : {}),
    });
    // Changed right away, so a late webhook of the creation arrives after the change's.
    if (fate === "paid later") await tiktok.control.setOrderStatus(order.id, "AWAITING_SHIPMENT");
    if (fate === "cancelled at once") await tiktok.control.setOrderStatus(order.id, "CANCELLED");
    if (fate === "shipped") await tiktok.control.setOrderStatus(order.id, "IN_TRANSIT");
    if (fate === "cancelled in Shopify") store.cancelLater.push(order.id);
  }
}

/** Cancels each order of `cancelLater` in TikTok as soon as its Shopify order exists. */
async function cancelOnceInShopify(stores: Store[], deadline: number) {
  const waiting = new Set(stores.flatMap((store) => store.cancelLater));
  while (waiting.size > 0 && Date.now() < deadline) {
    for (const store of stores) {
      const created = new Set(
        (await shopify.control.listOrders(store.domain)).map((o) => o.sourceIdentifier),
      );
      for (const id of store.cancelLater.filter((id) => waiting.has(id) && created.has(id))) {
        await tiktok.control.setOrderStatus(id, "CANCELLED", { cancelReason: "Out of stock" });
        waiting.delete(id);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return [...waiting];
}

const FINAL = ["SYNCED", "FAILED", "BLOCKED"];

/** TikTok orders (the stand-in's own) that are not final yet, or whose last change the app has not seen. */
async function unsettled() {
  const rows = await prisma.tikTokOrder.findMany({
    select: { tiktokOrderId: true, updateTime: true, syncStatus: true, nextAttemptAt: true },
  });
  const byId = new Map(rows.map((row) => [row.tiktokOrderId, row]));
  return [...tiktok.state.orders.values()]
    .map(({ order }) => ({ order, row: byId.get(order.id) }))
    .filter(
      ({ order, row }) =>
        ["UNPAID", "ON_HOLD"].includes(order.status) ||
        row?.updateTime.getTime() !== order.update_time * 1000 ||
        !FINAL.includes(row.syncStatus) ||
        row.nextAttemptAt !== null,
    )
    .map(({ order, row }) => ({ id: order.id, status: order.status, app: row?.syncStatus ?? "missing" }));
}

/** What is wrong with a store's orders in Shopify's own store, measured against TikTok's own. */
async function wrongInShopify(store: Store): Promise<string[]> {
  const orders = await shopify.control.listOrders(store.domain);
  const placed = [...tiktok.state.orders.values()].filter((record) => record.shopId === store.tiktokShopId);
  const wrong: string[] = [];
  if (placed.length !== PER_SHOP) wrong.push(`${placed.length} TikTok orders instead of ${PER_SHOP}`);
  for (const created of orders) {
    const copies = orders.filter((other) => other.sourceIdentifier === created.sourceIdentifier);
    if (copies[0] !== created) continue;
    if (copies.length > 1) wrong.push(`${created.sourceIdentifier} is in Shopify ${copies.length} times`);
    if (!placed.some(({ order }) => order.id === created.sourceIdentifier))
      wrong.push(`${created.name} stands for no TikTok order`);
  }
  for (const { order } of placed) {
    const created = orders.find((candidate) => candidate.sourceIdentifier === order.id);
    if (order.status !== "CANCELLED") {
      if (!created) wrong.push(`${order.id} (${order.status}) is not in Shopify`);
      else if (created.cancelledAt) wrong.push(`${order.id} (${order.status}) is cancelled in Shopify`);
    } else if (store.cancelLater.includes(order.id) && !created) {
      wrong.push(`${order.id} was cancelled after it was created in Shopify, and is not there`);
    } else if (created && !created.cancelledAt) {
      // Cancelled at once: the app may have created it first, and then must have cancelled it.
      wrong.push(`${order.id} is cancelled in TikTok, not in Shopify`);
    }
  }
  return wrong;
}

type OrderEvent = { orderId: string; cancels: boolean; postedAt?: number; skipped?: true; duplicate?: true };

/** The order notifications, in the order their events happened. */
function orderEvents(sent: SentWebhook[]): OrderEvent[] {
  return sent
    .filter((webhook) => webhook.type === 1 || webhook.type === 11)
    .map(({ body, type, postedAt, skipped, duplicate }) => {
      const { data } = JSON.parse(body) as { data: { order_id: string; order_status?: string } };
      const cancels = type === 11 || data.order_status === "CANCEL";
      return { orderId: data.order_id, cancels, postedAt, skipped, duplicate };
    });
}

/** Late notifications posted after a later notification of the same order. */
function overtaken(events: OrderEvent[]): OrderEvent[] {
  const posted = events.filter((event) => event.postedAt !== undefined);
  return posted.filter((late, index) =>
    posted
      .slice(index + 1)
      .some((later) => later.orderId === late.orderId && (later.postedAt ?? 0) < (late.postedAt ?? 0)),
  );
}

/** Orders none of whose notifications (of `which` kind) were posted: only the poller could find them. */
function neverAnnounced(events: OrderEvent[], orderIds: string[], which = (_: OrderEvent) => true) {
  const heard = new Set(events.filter((e) => !e.skipped && which(e)).map((e) => e.orderId));
  return orderIds.filter((id) => !heard.has(id));
}

const delivered = (webhook: SentWebhook) =>
  webhook.skipped || webhook.status !== undefined || webhook.error !== undefined;

describe("TikTok webhooks delivered twice, late and not at all, while workers are killed", () => {
  it(
    "end with every TikTok order in Shopify once, and those cancelled after creation cancelled there",
    { timeout: 240_000 },
    async () => {
      const stores: Store[] = [];
      for (let s = 0; s < 3; s++) stores.push(await connectStore(`tiktok-faults-${s}.myshopify.com`));
      await tiktok.control.addProduct({
        title: "Hydrating Serum",
        skus: [{ id: DEFAULT_SKU_ID, sellerSku: "SERUM-30", price: "20.00" }],
      });
      for (let i = 0; i < 3; i++) startWorker();
      expect(await until(() => started.size === 3, 30_000, 50), "workers started").toBe(true);

      const faults = { duplicateRate: 0.2, delayRate: 0.25, delayMs: 2_500 };
      await tiktok.control.setWebhookFaults({ ...faults, skipRate: 0.15, seed: 8 });
      // While the first orders come in, a worker is killed every second and replaced. What it held comes
      // back once it is taken for dead (20 s or more) or BullMQ finds its jobs stalled (a minute or more),
      // so the killing stops early.
      let kills = 0;
      const chaos = setInterval(() => {
        const [victim] = started;
        if (!victim) return;
        victim.kill("SIGKILL");
        started.delete(victim);
        startWorker();
        if (++kills === 3) clearInterval(chaos);
      }, 1_000);
      try {
        await Promise.all(stores.map(placeOrders));
      } finally {
        clearInterval(chaos);
      }
      expect(kills, "workers killed while they worked").toBe(3);
      // Most of these cancellations go unannounced: only the poller can tell the app about them.
      await tiktok.control.setWebhookFaults({ ...faults, skipRate: 0.6, seed: 9 });
      const neverCreated = await cancelOnceInShopify(stores, Date.now() + 100_000);
      expect(neverCreated, "orders to cancel that never reached Shopify").toEqual([]);

      await until(async () => (await unsettled()).length === 0, 100_000, 500);
      expect(await unsettled()).toEqual([]);
      for (const child of workers) child.kill("SIGTERM");
      await until(async () => (await tiktok.control.webhooks()).every(delivered), 10_000, 100);

      // Counted in the stand-ins' own stores, not in the app's tables.
      for (const store of stores) expect(await wrongInShopify(store), store.domain).toEqual([]);

      // The faults really happened: orders and cancellations no webhook announced (found by the poller
      // alone, and checked above like every other), repeated notifications, and late ones a later one
      // overtook. The app answered every notification that was posted.
      const sent = await tiktok.control.webhooks();
      const events = orderEvents(sent);
      const placed = [...tiktok.state.orders.keys()];
      const cancelledLater = stores.flatMap((store) => store.cancelLater);
      expect(neverAnnounced(events, placed).length).toBeGreaterThan(0);
      expect(neverAnnounced(events, cancelledLater, (e) => e.cancels).length).toBeGreaterThan(0);
      expect(events.filter((event) => event.duplicate).length).toBeGreaterThan(0);
      expect(overtaken(events).length).toBeGreaterThan(0);
      const unanswered = sent.filter((webhook) => !webhook.skipped && webhook.status !== 200);
      expect(unanswered, "deliveries the app did not answer with 200").toEqual([]);
    },
  );
});

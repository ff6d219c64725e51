import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../../tools/shopify-standin";
import { startTikTokStandin } from "../../../tools/tiktok-standin";
import { freePort } from "../../../test/free-port";
import {
  readBody,
  startInterposer,
  type InterceptedRequest,
  type Interposer,
} from "../../../test/interposer";
import {
  dropRedisPrefix,
  redisPrefixForFile,
  spawnWorker,
  startRedisServer,
} from "../../../test/redis-world";
import { seedWorld } from "../../../test/sync-world";
import { until } from "../../../test/until";

// The way back under faults: Shopify fulfilments of synced seller-shipped TikTok orders go to TikTok, and
// TikTok's refunds come to Shopify, while Shopify's webhooks come twice, late or not at all, TikTok answers
// 5xx and 429 in bursts, and worker processes are killed, some between writing "shipping" and hearing
// TikTok's answer. Counted at the end in the stand-ins' own stores. Worker processes share the database, so
// this needs PostgreSQL; it runs its own redis-server, like workers-killed.redis.test.ts.
if (!process.env.TEST_DATABASE_URL) throw new Error("The worker processes need TEST_DATABASE_URL.");

const APP_KEY = "way-back-app-key";
const APP_SECRET = "way-back-app-secret";
const port = await freePort();
const redisUrl = `redis://127.0.0.1:${port}`;
const redis = await startRedisServer(port);
const prefix = redisPrefixForFile(redisUrl);
const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET });

type Fate = "once" | "twice" | "late" | "lost";
type Delivery = { topic: string; fulfillmentId: number; post(): Promise<number> };

/**
 * Where the Shopify stand-in delivers its webhooks: each reaches its route's action as Shopify would post
 * it, once, twice at the same moment, late (kept until the test lets it go) or never, as `fate` says.
 */
const shopifyWebhooks = {
  fate: "once" as Fate,
  late: [] as Delivery[],
  lost: [] as Delivery[],
  /** The app's answer to every delivery posted. */
  answered: [] as { topic: string; status: number }[],
};
const bridge = createServer((incoming, outgoing) => {
  void readBody(incoming)
    .then(async (body) => {
      const topic = /^\/webhooks\/(fulfillments)\/(create|update)$/.exec(incoming.url ?? "");
      if (!topic) return void outgoing.writeHead(404).end("{}");
      const route = (await import(`../../routes/webhooks.${topic[1]}.${topic[2]}.tsx`)) as {
        action: (args: ActionFunctionArgs) => Promise<Response>;
      };
      const post = async () => {
        const request = new Request(`https://order-sync.example.test${incoming.url ?? ""}`, {
          method: "POST",
          headers: incoming.headers as Record<string, string>,
          body: new Uint8Array(body),
        });
        const { status } = await route.action({ request, params: {}, context: {} });
        shopifyWebhooks.answered.push({ topic: `${topic[1]}/${topic[2]}`, status });
        return status;
      };
      const { id } = JSON.parse(body.toString("utf8")) as { id: number };
      const delivery = { topic: `${topic[1]}/${topic[2]}`, fulfillmentId: id, post };
      const fate = shopifyWebhooks.fate;
      if (fate === "late") shopifyWebhooks.late.push(delivery);
      if (fate === "lost") shopifyWebhooks.lost.push(delivery);
      const status =
        fate === "once" ? await post() : fate === "twice" ? (await Promise.all([post(), post()]))[0] : 200;
      outgoing.writeHead(status ?? 500, { "content-type": "application/json" }).end("{}");
    })
    .catch((error: unknown) => outgoing.writeHead(599).end(String(error)));
});
await new Promise<void>((resolve) => bridge.listen(0, "127.0.0.1", resolve));
const shopify = await startShopifyStandin({
  app: {
    apiKey: "test-api-key",
    apiSecret: "test-api-secret",
    url: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`,
  },
});
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
const { reconcileFulfillments } = await import("~/fulfillment/reconcile.server");
const { createBullmqProvider } = await import("./provider.server");
// This process is the web process: it answers both sides' webhooks and queues orders on BullMQ.
const provider = createBullmqProvider();

const app = createServer((request, response) => {
  handleTikTokWebhookRequest(request, response).catch((error: unknown) => {
    response.writeHead(500).end(String(error));
  });
});
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
await tiktok.control.configure({
  webhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/tiktok`,
});

/**
 * A worker process with an interposer on its way out: order workers (`npm run worker`) reach Shopify through
 * theirs, shipment workers reach TikTok through theirs. The test loses a call of its choosing there.
 */
type Worker = { kind: "orders" | "shipments"; child: ChildProcess; interposer: Interposer; started: boolean };
const workers = new Set<Worker>();

/** Calls to lose, the next matching call of any worker first: its request, or TikTok's or Shopify's answer. */
const losses: ("request" | "answer")[] = [];
const isMarkShipped = (request: InterceptedRequest) =>
  request.method === "POST" && /^\/fulfillment\/202309\/orders\/\d+\/packages\?/.test(request.path);
const isRefundCreate = (request: InterceptedRequest) =>
  request.method === "POST" && request.body.includes("refundCreate(");

async function startWorker(kind: Worker["kind"]): Promise<Worker> {
  const matches = kind === "orders" ? isRefundCreate : isMarkShipped;
  const interposer = await startInterposer(
    kind === "orders" ? shopify.url : tiktok.url,
    (request) => {
      if (!matches(request) || losses.length === 0) return "pass";
      if (losses[0] === "answer") return "keep answer";
      losses.shift();
      return "keep request";
    },
    // Only an answer that did it is kept (a 429 or a refusal passes), and only while one is still wanted.
    (request, answer) => {
      const done =
        answer.status === 200 &&
        (kind === "orders"
          ? !answer.body.includes('"refund":null')
          : (JSON.parse(answer.body) as { code?: number }).code === 0);
      if (!done || losses[0] !== "answer") return false;
      losses.shift();
      return true;
    },
  );
  const child =
    kind === "orders"
      ? spawnWorker(
          { url: redisUrl, prefix },
          // Its TikTok calls aren't interposed: the shipments go to processes of their own, to kill apart.
          { SHOPIFY_ADMIN_API_URL: interposer.url, SHIPMENT_WORKER: "off" },
          "pipe",
        )
      : spawn(process.execPath, ["--import", "tsx", "test/shipment-worker-process.ts"], {
          env: {
            ...process.env,
            TIKTOK_API_URL: interposer.url,
            SHIPMENT_POLL_MS: "500",
            DATABASE_POOL_SIZE: "4",
          },
          stdio: ["ignore", "pipe", "ignore"],
        });
  const worker: Worker = { kind, child, interposer, started: false };
  workers.add(worker);
  child.stdout?.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("started")) worker.started = true;
  });
  child.once("exit", () => workers.delete(worker));
  return worker;
}

async function kill(worker: Worker) {
  const exited = new Promise((resolve) => worker.child.once("exit", resolve));
  worker.child.kill("SIGKILL");
  await exited;
  await worker.interposer.close();
}

afterAll(async () => {
  for (const worker of workers) await kill(worker);
  await webhookOrderBatcher().stop();
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
  bridge.closeAllConnections();
  await new Promise((resolve) => bridge.close(resolve));
  await tiktok.close();
  await provider.close();
  await shopify.close();
  await dropRedisPrefix(redisUrl, prefix);
  redis.kill("SIGKILL");
});

const SERUM = { skuId: "1729000000000000101", sellerSku: "SERUM-30", price: "20.00" };
const MASK = { skuId: "1729000000000000102", sellerSku: "MASK-10", price: "12.00" };

type Store = { index: number; domain: string; shopId: string; tiktokShopId: string };

/** A store with its Shopify side seeded, connected to a new TikTok shop the way a merchant connects one. */
async function connectStore(index: number): Promise<Store> {
  const domain = `way-back-${index}.myshopify.com`;
  const { shop } = await seedWorld(shopify, {
    domain,
    skus: [SERUM, MASK].map(({ skuId, sellerSku }) => ({ skuId, sellerSku, inventory: 100_000 })),
    connect: false,
  });
  const tiktokShop = await tiktok.control.createShop({ name: `TikTok of ${domain}` });
  const { authCode } = await tiktok.control.createAuthCode(tiktokShop.id);
  // Connected a minute before the first order: an order placed before the connection is not synced.
  const now = new Date(Date.now() - 60_000);
  const authorization = await authorizeWithoutBrowser(domain, now.getTime());
  const connected = await completeTikTokConnection({ code: authCode, ...authorization, now });
  if (!connected.ok) throw new Error(`connecting ${domain} failed: ${connected.message}`);
  return { index, domain, shopId: shop.id, tiktokShopId: tiktokShop.id };
}

// How each order is fulfilled in Shopify, and what becomes of the webhook of its first fulfilment. Every
// order has two serums and a mask; every kind meets every fate. A partial order's rest is fulfilled once its
// first part shipped, a tracking change comes once the first number reached TikTok, and webhooks are lost
// only while nothing of the order has shipped: the races between those (two fulfilments of one product at
// once, a change during the send, a lost webhook of a later fulfilment) are pinned one by one in
// app/fulfillment/way-back-edges.db.test.ts.
const KINDS = ["whole", "split", "partial", "retracked"] as const;
const FATES: Fate[] = ["once", "twice", "late", "lost"];
const CARRIERS = ["USPS", "UPS", "FedEx"];

type Order = {
  store: Store;
  index: number;
  kind: (typeof KINDS)[number];
  fate: Fate;
  tiktokOrderId: string;
  shopifyOrderId: string;
  /** Shopify fulfilment ids, in the order they were made. */
  fulfillments: string[];
};

let trackingNumbers = 0;
const nextTracking = () => `TRK${String(++trackingNumbers).padStart(8, "0")}`;

async function fulfill(order: Order, lineItems: { sku: string; quantity: number }[] | undefined, fate: Fate) {
  shopifyWebhooks.fate = fate;
  const { fulfillment } = await shopify.control.fulfill(order.store.domain, order.shopifyOrderId, {
    trackingCompany: CARRIERS[(order.index + order.fulfillments.length) % CARRIERS.length] ?? "USPS",
    trackingNumber: nextTracking(),
    ...(lineItems ? { lineItems } : {}),
  });
  order.fulfillments.push(fulfillment.id);
}

async function changeTracking(order: Order, fate: Fate) {
  shopifyWebhooks.fate = fate;
  await shopify.control.updateFulfillmentTracking(
    order.store.domain,
    order.shopifyOrderId,
    order.fulfillments[0] ?? "",
    { trackingNumber: nextTracking() },
  );
}

/**
 * Kills the worker processes that kept a lost call once `count` calls were lost, and starts others. A
 * shipment killed between "shipping" and TikTok's answer keeps its lease for two minutes; the test lets
 * those two minutes pass at once (the lease ends now), so the new processes take it over.
 */
async function killWhereLost(count: number, killed: KilledCall[]) {
  const lost = () => [...workers].filter((worker) => worker.interposer.kept.length > 0);
  const total = () => lost().reduce((sum, worker) => sum + worker.interposer.kept.length, 0);
  expect(await until(() => total() >= count, 60_000, 20), "calls lost").toBe(true);
  for (const worker of lost()) {
    const observed: KilledCall[] = [];
    for (const call of worker.interposer.kept) {
      if (worker.kind === "shipments") {
        const lineIds = (JSON.parse(call.body) as { order_line_item_ids: string[] }).order_line_item_ids;
        const row = await prisma.tikTokShipment.findFirst({ where: { tiktokLineIds: { hasSome: lineIds } } });
        observed.push({ kind: "shipment", status: row?.status, holder: row?.leaseHolder, call });
      } else {
        observed.push({ kind: "refund", call });
      }
    }
    await kill(worker);
    await startWorker(worker.kind);
    const holders = observed.flatMap((call) => (call.holder ? [call.holder] : []));
    const now = new Date();
    await prisma.tikTokShipment.updateMany({
      where: { leaseHolder: { in: holders }, leaseExpiresAt: { gt: now } },
      data: { leaseExpiresAt: new Date(now.getTime() - 1), nextAttemptAt: now },
    });
    killed.push(...observed);
  }
}
type KilledCall = {
  kind: "shipment" | "refund";
  status?: string;
  holder?: string | null;
  call: { body: string; reachedStandin: boolean };
};

/** Waits until every fulfilment is in TikTok with its latest tracking, nothing due or held. */
async function allShipped(expected: number) {
  return until(
    async () => {
      // A send TikTok's outage failed is tried again a minute later: the test lets that minute pass.
      const now = new Date();
      await prisma.tikTokShipment.updateMany({
        where: {
          reasonCode: "TIKTOK_UNAVAILABLE",
          nextAttemptAt: { gt: now },
          OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
        },
        data: { nextAttemptAt: now },
      });
      const rows = await prisma.tikTokShipment.findMany();
      return (
        rows.length === expected &&
        rows.every(
          (row) =>
            row.status === "SHIPPED" &&
            row.sentTrackingNumber === row.trackingNumber &&
            row.nextAttemptAt === null &&
            row.leaseHolder === null,
        )
      );
    },
    60_000,
    250,
  );
}

/**
 * The app has nothing left to do: every TikTok webhook answered, no order due or held. (An order may still
 * say it owes refunds: a repeated notification that lands as its sync ends leaves the mark, and the order's
 * next sync finds nothing new.)
 */
async function ordersSettled() {
  const webhooks = await tiktok.control.webhooks();
  if (!webhooks.every((webhook) => webhook.skipped || webhook.status !== undefined || webhook.error))
    return false;
  const busy = await prisma.tikTokOrder.count({
    where: { OR: [{ nextAttemptAt: { not: null } }, { leaseHolder: { not: null } }] },
  });
  return busy === 0;
}

type Line = { id: string; seller_sku: string };
const skuCounts = (skus: (string | null)[]) =>
  skus.reduce<Record<string, number>>(
    (counts, sku) => ({ ...counts, [sku ?? ""]: (counts[sku ?? ""] ?? 0) + 1 }),
    {},
  );

/** What is wrong with an order's packages in TikTok, measured against its fulfilments in Shopify. */
async function wrongInTikTok(order: Order): Promise<string[]> {
  const {
    order: placed,
    packages,
    shipCalls,
  } = await tiktok.control.getOrderWithPackages(order.tiktokOrderId);
  const lines = (placed as unknown as { line_items: Line[] }).line_items;
  const { fulfillments } = await shopify.control.getOrder(order.store.domain, order.shopifyOrderId);
  const wrong: string[] = [];
  const name = `${order.tiktokOrderId} (${order.kind}, ${order.fate})`;
  if (packages.length !== fulfillments.length || shipCalls.shipped !== fulfillments.length)
    wrong.push(
      `${name}: ${fulfillments.length} fulfilments, ${packages.length} packages, ${shipCalls.shipped} shipped`,
    );
  for (const fulfillment of fulfillments) {
    const matching = packages.filter((pkg) => pkg.tracking_number === fulfillment.trackingNumber);
    const [pkg] = matching;
    if (!pkg || matching.length > 1) {
      wrong.push(`${name}: ${fulfillment.trackingNumber} is in ${matching.length} packages`);
      continue;
    }
    if (pkg.shipping_provider_name !== fulfillment.trackingCompany)
      wrong.push(`${name}: ${fulfillment.trackingNumber} went by ${pkg.shipping_provider_name}`);
    const shippedSkus = pkg.order_line_item_ids.map(
      (id) => lines.find((line) => line.id === id)?.seller_sku ?? null,
    );
    const fulfilledSkus = fulfillment.lineItems.flatMap((line) =>
      Array<string | null>(line.quantity).fill(line.sku),
    );
    if (JSON.stringify(skuCounts(shippedSkus)) !== JSON.stringify(skuCounts(fulfilledSkus)))
      wrong.push(
        `${name}: ${fulfillment.trackingNumber} shipped ${shippedSkus.join(",")}, not ${fulfilledSkus.join(",")}`,
      );
  }
  const inPackages = packages.flatMap((pkg) => pkg.order_line_item_ids);
  if (new Set(inPackages).size !== inPackages.length) wrong.push(`${name}: a line is in two packages`);
  const missed = lines.filter((line) => !inPackages.includes(line.id));
  if (missed.length > 0) wrong.push(`${name}: ${missed.length} lines never shipped`);
  // Delivered: the test delivers some before their buyers return them.
  const status = String(placed.status);
  if (status !== "IN_TRANSIT" && status !== "DELIVERED") wrong.push(`${name} is ${status}`);
  return wrong;
}

/** What is wrong with an order's refunds in Shopify, measured against its returns TikTok completed. */
async function wrongRefunds(order: Order): Promise<string[]> {
  const { order: placed, returns } = await tiktok.control.getOrderWithPackages(order.tiktokOrderId);
  const lines = (placed as unknown as { line_items: Line[] }).line_items;
  const { refunds } = await shopify.control.getOrder(order.store.domain, order.shopifyOrderId);
  const completed = returns.filter((found) => found.return_status === "RETURN_OR_REFUND_REQUEST_COMPLETE");
  const wrong: string[] = [];
  const name = `${order.tiktokOrderId} (${order.kind}, ${order.fate})`;
  if (refunds.length !== completed.length)
    wrong.push(
      `${name}: ${completed.length} returns refunded by TikTok, ${refunds.length} refunds in Shopify`,
    );
  for (const found of completed) {
    const matching = refunds.filter((refund) => refund.note?.endsWith(` ${found.return_id}`));
    const [refund] = matching;
    if (!refund || matching.length > 1) {
      wrong.push(`${name}: return ${found.return_id} is refunded ${matching.length} times`);
      continue;
    }
    if (Number(refund.amount) !== Number(found.refund_amount.refund_total))
      wrong.push(
        `${name}: return ${found.return_id} refunded ${refund.amount}, not ${found.refund_amount.refund_total}`,
      );
    const returned = found.return_line_items.map(
      (item) => lines.find((line) => line.id === item.order_line_item_id)?.seller_sku ?? null,
    );
    const restock = found.return_type === "RETURN_AND_REFUND" ? "RETURN" : "NO_RESTOCK";
    const refundedSkus = refund.lineItems.flatMap((line) =>
      Array<string | null>(line.quantity).fill(line.sku),
    );
    if (JSON.stringify(skuCounts(returned)) !== JSON.stringify(skuCounts(refundedSkus)))
      wrong.push(
        `${name}: return ${found.return_id} refunded ${refundedSkus.join(",")}, not ${returned.join(",")}`,
      );
    if (refund.lineItems.some((line) => line.restockType !== restock))
      wrong.push(
        `${name}: return ${found.return_id} restocked as ${refund.lineItems.map((l) => l.restockType).join(",")}`,
      );
  }
  return wrong;
}

describe("the way back under duplicate, late and lost webhooks, TikTok outages and killed workers", () => {
  it(
    "ships every package once with its tracking and lines, and makes every TikTok refund once in Shopify",
    { timeout: 180_000 },
    async () => {
      const stores = [await connectStore(0), await connectStore(1)];
      for (const sku of [SERUM, MASK])
        await tiktok.control.addProduct({
          title: sku.sellerSku,
          skus: [{ id: sku.skuId, sellerSku: sku.sellerSku, price: sku.price }],
        });
      for (let i = 0; i < 2; i++) await Promise.all([startWorker("orders"), startWorker("shipments")]);
      expect(await until(() => [...workers].every((w) => w.started), 30_000, 50), "workers started").toBe(
        true,
      );

      // Orders placed in TikTok reach Shopify through the app's webhook and the order workers.
      const orders: Order[] = [];
      for (const store of stores) {
        for (let i = 0; i < KINDS.length * FATES.length; i++) {
          const { order } = await tiktok.control.createOrder({
            shopId: store.tiktokShopId,
            lines: [
              { skuId: SERUM.skuId, quantity: 2 },
              { skuId: MASK.skuId, quantity: 1 },
            ],
          });
          const kind = KINDS[i % KINDS.length] ?? "whole";
          const fate = FATES[Math.floor(i / KINDS.length)] ?? "once";
          orders.push({
            store,
            index: i,
            kind,
            fate,
            tiktokOrderId: order.id,
            shopifyOrderId: "",
            fulfillments: [],
          });
        }
      }
      const synced = async () => {
        const rows = await prisma.tikTokOrder.findMany({ where: { shopifyOrderId: { not: null } } });
        for (const row of rows) {
          const order = orders.find((candidate) => candidate.tiktokOrderId === row.tiktokOrderId);
          if (order) order.shopifyOrderId = row.shopifyOrderId ?? "";
        }
        return rows.length === orders.length;
      };
      expect(await until(synced, 60_000, 250), "orders in Shopify").toBe(true);
      const killed: KilledCall[] = [];

      // First fulfilments. Two sends lose TikTok's answer after TikTok shipped, one is lost on its way there:
      // their processes are killed. TikTok fails bursts of calls meanwhile.
      losses.push("answer", "answer", "request");
      await tiktok.control.injectFaults({ unavailable: 6, rateLimited: 4 });
      const killing = killWhereLost(3, killed);
      for (const order of orders) {
        if (order.kind === "whole" || order.kind === "retracked") await fulfill(order, undefined, order.fate);
        if (order.kind === "partial")
          await fulfill(order, [{ sku: SERUM.sellerSku, quantity: 1 }], order.fate);
        if (order.kind === "split") {
          await fulfill(order, [{ sku: SERUM.sellerSku, quantity: 2 }], order.fate);
          // The second's webhook overtakes a late first one.
          await fulfill(
            order,
            [{ sku: MASK.sellerSku, quantity: 1 }],
            order.fate === "late" ? "once" : order.fate,
          );
        }
      }
      await tiktok.control.injectFaults({ rateLimited: 6 });
      await killing;

      // Tracking corrected before the first webhook came: the change's webhook comes first (a late create),
      // or is lost as well. Shopify's updated_at has whole seconds, so the change is made in a later second.
      const second = Math.floor(Date.now() / 1000);
      await until(() => Math.floor(Date.now() / 1000) > second, 5_000, 20);
      for (const order of orders.filter((o) => o.kind === "retracked" && ["late", "lost"].includes(o.fate)))
        await changeTracking(order, order.fate === "late" ? "once" : "lost");
      for (const delivery of shopifyWebhooks.late) await delivery.post();

      // The pass for missed webhooks finds exactly the lost fulfilments (once: a second pass finds nothing).
      for (const store of stores) {
        const lost = orders.filter((o) => o.store === store && o.fate === "lost");
        const expected = lost.reduce((sum, o) => sum + o.fulfillments.length, 0);
        expect((await reconcileFulfillments({ id: store.shopId, domain: store.domain })).found).toBe(
          expected,
        );
        expect((await reconcileFulfillments({ id: store.shopId, domain: store.domain })).found).toBe(0);
      }
      const firstRound = orders.reduce((sum, o) => sum + o.fulfillments.length, 0);
      expect(await allShipped(firstRound), "first fulfilments shipped").toBe(true);

      // Once those shipped: the rest of the partial orders, and tracking corrected after shipping. Another
      // send loses TikTok's answer, its process killed.
      losses.push("answer");
      await tiktok.control.injectFaults({ unavailable: 5, rateLimited: 3 });
      const killingAgain = killWhereLost(1, killed);
      for (const order of orders) {
        const fate = order.fate === "twice" ? "twice" : "once";
        if (order.kind === "partial") await fulfill(order, undefined, fate);
        if (order.kind === "retracked" && ["once", "twice"].includes(order.fate))
          await changeTracking(order, fate);
      }
      await killingAgain;
      const total = orders.reduce((sum, o) => sum + o.fulfillments.length, 0);
      expect(await allShipped(total), "every fulfilment shipped").toBe(true);
      expect(await until(ordersSettled, 60_000, 250), "orders settled").toBe(true);

      // Counted in TikTok's own store against Shopify's.
      for (const order of orders) expect(await wrongInTikTok(order)).toEqual([]);
      const shipmentsKilled = killed.filter((call) => call.kind === "shipment");
      expect(shipmentsKilled.map((call) => call.status)).toEqual([
        "SHIPPING",
        "SHIPPING",
        "SHIPPING",
        "SHIPPING",
      ]);
      expect(shipmentsKilled.filter((call) => call.call.reachedStandin)).toHaveLength(3);

      // TikTok's refunds: every notification posted twice, some late. The buyers ask first; TikTok then
      // completes one return per order at a time, each once the app has nothing left to do: a return that
      // completes while its order's sync runs waits for TikTok's next notification.
      await tiktok.control.setWebhookFaults({ duplicateRate: 1, delayRate: 0.25, delayMs: 1_500, seed: 12 });
      const rounds: string[][] = [[], []];
      const plan = (order: Order) => (order.index + order.store.index) % 4;
      // Delivered first (a status change of its own), then the buyers ask: a return's notification that
      // comes while the order syncs for another change is not noticed until TikTok's next notification.
      for (const order of orders.filter((o) => plan(o) === 2))
        await tiktok.control.setOrderStatus(order.tiktokOrderId, "DELIVERED");
      expect(await until(ordersSettled, 60_000, 250), "deliveries synced").toBe(true);
      for (const order of orders) {
        const lines = (await tiktok.control.getOrder(order.tiktokOrderId)).line_items as unknown as Line[];
        const ids = (sku: string) => lines.filter((line) => line.seller_sku === sku).map((line) => line.id);
        const ask = async (round: number, spec: Parameters<typeof tiktok.control.requestReturn>[1]) =>
          rounds[round]?.push(
            (await tiktok.control.requestReturn(order.tiktokOrderId, spec)).returnOrder.return_id,
          );
        if (plan(order) === 0)
          await ask(0, { type: "REFUND", lineItemIds: ids(SERUM.sellerSku).slice(0, 1) });
        if (plan(order) === 1) {
          await ask(0, { type: "REFUND", lineItemIds: ids(MASK.sellerSku) });
          await ask(1, { type: "REFUND", lineItemIds: ids(SERUM.sellerSku) });
        }
        if (plan(order) === 2) await ask(0, { type: "RETURN_AND_REFUND" });
      }
      expect(await until(ordersSettled, 60_000, 250), "return requests handled").toBe(true);

      // The first round loses a refund on its way to Shopify: that order worker is killed.
      losses.push("request");
      await tiktok.control.injectFaults({ unavailable: 4, rateLimited: 4 });
      const killingOnRefund = killWhereLost(1, killed);
      for (const returnId of rounds[0] ?? []) await tiktok.control.completeReturn(returnId);
      await killingOnRefund;
      const refunded = async (round: number) => {
        const made = (await Promise.all(stores.map((store) => shopify.control.listOrders(store.domain))))
          .flat()
          .flatMap((order) => order.refunds.map((refund) => refund.note ?? ""));
        const wanted = rounds.slice(0, round + 1).flat();
        return wanted.every((id) => made.some((note) => note.endsWith(` ${id}`))) && (await ordersSettled());
      };
      expect(await until(() => refunded(0), 90_000, 500), "first refunds made").toBe(true);
      await tiktok.control.injectFaults({ unavailable: 3, rateLimited: 3 });
      for (const returnId of rounds[1] ?? []) await tiktok.control.completeReturn(returnId);
      expect(await until(() => refunded(1), 60_000, 500), "second refunds made").toBe(true);
      for (const worker of workers) worker.child.kill("SIGTERM");

      // Counted in Shopify's own store against TikTok's returns; the shipping, once more, in TikTok's.
      for (const order of orders) expect(await wrongRefunds(order)).toEqual([]);
      for (const order of orders) expect(await wrongInTikTok(order)).toEqual([]);
      const [refundKilled] = killed.filter((call) => call.kind === "refund");
      expect(refundKilled?.call.reachedStandin, "a refund lost on its way to Shopify").toBe(false);

      // The faults really happened, and the app answered every webhook posted.
      const tiktokWebhooks = await tiktok.control.webhooks();
      expect(
        tiktokWebhooks.filter((webhook) => webhook.type === 12 && webhook.duplicate).length,
      ).toBeGreaterThan(0);
      const unanswered = tiktokWebhooks.filter((webhook) => !webhook.skipped && webhook.status !== 200);
      expect(unanswered, "TikTok deliveries the app did not answer with 200").toEqual([]);
      expect(shopifyWebhooks.answered.filter((answer) => answer.status !== 200)).toEqual([]);
      expect(shopifyWebhooks.late.length).toBeGreaterThan(0);
    },
  );
});

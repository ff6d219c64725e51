// npm run demo: the whole product on one machine, with nothing to configure. It starts
//   - the Shopify Admin stand-in (the store's Admin API, and Shopify admin's session tokens and App Bridge),
//   - the TikTok Shop stand-in (Open API, seller authorization, signed webhooks),
//   - the app itself, on a fresh PGlite database under data/demo/,
// connects the demo store to the demo TikTok shop, links its products, brings in TikTok orders for every
// reason an order is Blocked or Failed and synced ones (scripts/demo/seed.ts), and prints the address to
// open. Secrets are made once and kept in data/demo.json (git-ignored).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startShopifyStandin } from "../tools/shopify-standin";
import { startTikTokStandin } from "../tools/tiktok-standin";
import { nextDemoOrder } from "./demo/catalog";
import { buildIfStale } from "./lib/build-if-stale";

const port = Number(process.env.PORT || 3000);
const shopifyPort = Number(process.env.SHOPIFY_STANDIN_PORT || port + 1401);
const tiktokPort = Number(process.env.TIKTOK_STANDIN_PORT || port + 1402);
const SHOP = "demo-store.myshopify.com";
// Where the demo keeps its database; the browser tests run their own demo elsewhere.
const demoDir = process.env.DEMO_DATA_DIR || path.join("data", "demo");
const ACCESS_TOKEN = "shpat_demo_store";

function demoSecrets(): Record<"apiSecret" | "encryptionKey" | "tiktokSecret", string> {
  const file = path.join("data", "demo.json");
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  const secrets = {
    apiSecret: kept.apiSecret ?? randomBytes(24).toString("hex"),
    encryptionKey: kept.encryptionKey ?? randomBytes(32).toString("hex"),
    tiktokSecret: kept.tiktokSecret ?? randomBytes(16).toString("hex"),
  };
  mkdirSync("data", { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const secrets = demoSecrets();
const appUrl = process.env.SHOPIFY_APP_URL || `http://localhost:${port}`;
const app = {
  apiKey: process.env.SHOPIFY_API_KEY || "demo-api-key",
  apiSecret: process.env.SHOPIFY_API_SECRET || secrets.apiSecret,
};
const shopify = await startShopifyStandin({
  port: shopifyPort,
  // Its order pages host the app's admin block and action, as Shopify admin's do.
  app: { ...app, url: appUrl, extensionsDir: path.resolve("extensions") },
});
const tiktok = await startTikTokStandin({
  port: tiktokPort,
  appKey: "demo-tiktok-app",
  appSecret: secrets.tiktokSecret,
  webhookUrl: `${appUrl}/webhooks/tiktok`,
  redirectUrl: `${appUrl}/tiktok/callback`,
  onHoldSeconds: 120,
});
const env = {
  NODE_ENV: "production" as const,
  PORT: String(port),
  SHOPIFY_API_KEY: app.apiKey,
  SHOPIFY_API_SECRET: app.apiSecret,
  SHOPIFY_APP_URL: appUrl,
  TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY || secrets.encryptionKey,
  DATABASE_URL: path.join(demoDir, "pglite"),
  SHOPIFY_ADMIN_API_URL: shopify.url,
  APP_BRIDGE_URL: `${shopify.url}/app-bridge.js`,
  SHOPIFY_ADMIN_URL: shopify.url,
  TIKTOK_APP_KEY: "demo-tiktok-app",
  TIKTOK_APP_SECRET: secrets.tiktokSecret,
  TIKTOK_SERVICE_ID: "demo-service",
  TIKTOK_API_URL: tiktok.url,
  TIKTOK_AUTH_URL: tiktok.url,
  TIKTOK_AUTHORIZE_URL: `${tiktok.url}/open/authorize`,
  TIKTOK_POLL_INTERVAL_SECONDS: "60",
};

// The demo starts from a clean slate: the stand-ins keep their state in memory, so the database does too.
rmSync(demoDir, { recursive: true, force: true });
Object.assign(process.env, env);
// The app's modules read the environment once: imported only now. Importing opens the database.
const { seedDemo } = await import("./demo/seed");
const { closeAllDatabases } = await import("~/db/connect.server");
const seeded = await seedDemo({
  shopify: shopify.control,
  tiktok: tiktok.control,
  domain: SHOP,
  accessToken: ACCESS_TOKEN,
  // The browser tests hold both for an hour: their clicks must not race TikTok (they deliver by hand).
  timings: {
    onHoldSeconds: Number(process.env.DEMO_ON_HOLD_SECONDS) || undefined,
    codDeliverSeconds: Number(process.env.DEMO_COD_DELIVER_SECONDS) || undefined,
  },
});
// The app's server owns the database from here on.
await closeAllDatabases();
buildIfStale();

const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...env },
});
const stop = () => server.kill("SIGTERM");
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
server.on(
  "exit",
  (code) => void Promise.all([shopify.close(), tiktok.close()]).then(() => process.exit(code ?? 0)),
);
await untilUp(`http://127.0.0.1:${port}/healthz`);

const { skuIdOf, tiktokShopId } = seeded;
// The way back: the merchant fulfils two orders in Shopify; USPS reaches TikTok by itself, DHL Express
// waits for its TikTok carrier (Settings > Carriers).
const fulfilled = process.env.DEMO_FULFILMENTS === "off" ? [] : await fulfilTwoOrders();
let placed = 0;
// A new TikTok order every 20 seconds (DEMO_NEW_ORDER_SECONDS; 0 places none).
const everySeconds = Number(process.env.DEMO_NEW_ORDER_SECONDS ?? 20);
const trickle =
  everySeconds > 0
    ? setInterval(() => {
        void tiktok.control
          .createOrder({ shopId: tiktokShopId, ...nextDemoOrder(skuIdOf, placed++) })
          .catch(() => {});
      }, everySeconds * 1000)
    : undefined;
server.on("exit", () => clearInterval(trickle));

console.log(`
The demo is running.
  Open the app as Shopify admin would:  ${shopify.url}/store/demo-store/apps/order-sync
  Shopify Admin stand-in:               ${shopify.url}   (control API: ${shopify.url}/_control/shops)
  TikTok Shop stand-in:                 ${tiktok.url}   (control API: ${tiktok.url}/_control)
${fulfilled.map((line) => `  ${line}\n`).join("")}Place another TikTok order:
  curl -X POST ${tiktok.url}/_control/orders -H 'content-type: application/json' \\
    -d '{"lines":[{"skuId":"${skuIdOf("SERUM-30")}","quantity":1}]}'
Stop with Ctrl-C.`);

/** Fulfils two synced, seller-shipped US orders as a merchant would in Shopify admin; what was done. */
async function fulfilTwoOrders(): Promise<string[]> {
  const waiting = new Set(
    (await tiktok.control.listOrders())
      .filter((order) => order.status === "AWAITING_SHIPMENT" && order.shipping_type === "SELLER")
      .map((order) => order.id),
  );
  const orders = (await shopify.control.listOrders(SHOP)).filter(
    (order) => !order.cancelledAt && order.sourceIdentifier && waiting.has(order.sourceIdentifier),
  );
  const done: string[] = [];
  for (const [order, trackingCompany, trackingNumber] of [
    [orders[0], "USPS", "9400111899223197428490"],
    [orders[1], "DHL Express", "JD014600003828520000"],
  ] as const) {
    if (!order) continue;
    await shopify.control.fulfill(SHOP, order.id, { trackingCompany, trackingNumber });
    done.push(`Fulfilled ${order.name} in Shopify with ${trackingCompany} ${trackingNumber}.`);
  }
  return done;
}

async function untilUp(url: string) {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not start on ${url}`);
}

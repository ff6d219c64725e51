import type { ActionFunctionArgs } from "@remix-run/node";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startShopifyStandin, type ShopifyStandin } from "../tools/shopify-standin/index";
import { startTikTokStandin, type TikTokStandin } from "../tools/tiktok-standin/index";
import { readBody } from "./interposer";

/**
 * The TikTok connector's tests run against both stand-ins over real HTTP. The app reads its environment
 * once, so this starts them and sets the environment before a test imports any app module. Webhooks the
 * TikTok stand-in sends reach the app's route action through a small HTTP server, as they would in the app.
 */
export const APP_KEY = "connector-app-key";
export const APP_SECRET = "connector-app-secret";

export type ConnectorWorld = {
  tiktok: TikTokStandin;
  shopify: ShopifyStandin;
  /** Where the TikTok stand-in sends webhooks: the app's webhook route. */
  webhookUrl: string;
  /** The stand-in's clock, Unix seconds; tests move it with `advance`. */
  clock: () => number;
  advance(seconds: number): void;
  /** Back to real time. */
  resetClock(): void;
  close(): Promise<void>;
};

export async function startConnectorWorld(): Promise<ConnectorWorld> {
  let offset = 0;
  const clock = () => Math.floor(Date.now() / 1000) + offset;
  const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET, now: clock });
  // Shopify's webhooks (a merchant fulfilling an order in the stand-in's admin) reach the app's routes too.
  const shopifyBridge = await startShopifyWebhookBridge();
  const shopify = await startShopifyStandin({
    app: { apiKey: "test-api-key", apiSecret: "test-api-secret", url: shopifyBridge.url },
  });
  Object.assign(process.env, {
    TIKTOK_APP_KEY: APP_KEY,
    TIKTOK_APP_SECRET: APP_SECRET,
    TIKTOK_SERVICE_ID: "7310000000000000001",
    TIKTOK_API_URL: tiktok.url,
    TIKTOK_AUTH_URL: tiktok.url,
    TIKTOK_AUTHORIZE_URL: "https://services.tiktokshop.example/open/authorize",
    SHOPIFY_ADMIN_API_URL: shopify.url,
  });
  const bridge = await startWebhookBridge();
  await tiktok.control.configure({ webhookUrl: bridge.url });
  return {
    tiktok,
    shopify,
    webhookUrl: bridge.url,
    clock,
    advance: (seconds) => void (offset += seconds),
    resetClock: () => void (offset = 0),
    async close() {
      await Promise.all([tiktok.close(), shopify.close(), bridge.close(), shopifyBridge.close()]);
    },
  };
}

/** Connects a new TikTok stand-in shop to the store the way a merchant does: Connect, code, callback. */
export async function connectStore(world: ConnectorWorld, shopDomain: string) {
  const { authorizeWithoutBrowser, completeTikTokConnection } = await import("../app/tiktok/oauth.server");
  const tiktokShop = await world.tiktok.control.createShop({ name: `TikTok of ${shopDomain}` });
  const { authCode } = await world.tiktok.control.createAuthCode(tiktokShop.id);
  const authorization = await authorizeWithoutBrowser(shopDomain);
  const result = await completeTikTokConnection({ code: authCode, ...authorization });
  if (!result.ok) throw new Error(`connecting ${shopDomain} failed: ${result.message}`);
  const { default: prisma } = await import("~/db.server");
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  return { tiktokShop, shop };
}

type RouteAction = (args: ActionFunctionArgs) => Promise<Response>;

/**
 * Forwards HTTP requests to the webhook route's action, with the raw body and headers untouched. A request
 * to `…/webhooks/tiktok?hold` is only acknowledged: a test captures deliveries that way and replays them.
 */
async function startWebhookBridge() {
  const { action } = await import("~/routes/webhooks.tiktok");
  const bridge = await startBridge("http://app.test", (url) => (url.endsWith("?hold") ? "hold" : action));
  return { url: `${bridge.url}/webhooks/tiktok`, close: bridge.close };
}

/**
 * Where the Shopify stand-in delivers webhooks (`<url>/webhooks/<topic>`): each reaches the route action of
 * its topic (`app/routes/webhooks.<topic with dots>.tsx`), with the raw body and headers untouched.
 */
function startShopifyWebhookBridge() {
  return startBridge("https://order-sync.example.test", async (url) => {
    const topic = /^\/webhooks\/([a-z_]+)\/([a-z_]+)$/.exec(url);
    if (!topic) return null;
    return ((await import(`../app/routes/webhooks.${topic[1]}.${topic[2]}.tsx`)) as { action: RouteAction })
      .action;
  });
}

/**
 * An HTTP server that hands each request, as the app would receive it at `origin`, to the route action
 * `routeOf` names for its path: 404 for none, a bare 200 for "hold", 599 when the action throws.
 */
async function startBridge(
  origin: string,
  routeOf: (url: string) => RouteAction | "hold" | null | Promise<RouteAction | null>,
) {
  const server = createServer((incoming, outgoing) => {
    void readBody(incoming)
      .then(async (body) => {
        const route = await routeOf(incoming.url ?? "/");
        if (route === "hold") return void outgoing.writeHead(200).end("{}");
        if (!route) return void outgoing.writeHead(404).end("{}");
        const request = new Request(`${origin}${incoming.url ?? "/"}`, {
          method: incoming.method,
          headers: incoming.headers as Record<string, string>,
          body: new Uint8Array(body),
        });
        const response = await route({ request, params: {}, context: {} });
        outgoing.writeHead(response.status, { "content-type": "application/json" });
        outgoing.end(await response.text());
      })
      .catch((error: unknown) => {
        outgoing.writeHead(599);
        outgoing.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

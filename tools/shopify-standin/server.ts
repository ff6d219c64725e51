import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { loadAdminSchema } from "../../app/admin-api/admin-schema.server";
import { ADMIN_API_VERSION } from "../../app/admin-api/api-version";
import { handleCharges } from "./admin/charges";
import { handleExtensionHost } from "./admin/extension-host";
import { handleAdmin } from "./admin/handler";
import type { EmbeddedApp } from "./admin/session-token";
import { handleControl } from "./control/handler";
import { deliverWebhook, sendWebhook, type WebhookMessage } from "./control/webhooks";
import { runGraphQL, type GraphQLRequest } from "./graphql/execute";
import { BadRequest, readBody, sendJson, sendServerError, sleep } from "./http";
import { createShop, nowIso, type RequestLogEntry, type ShopState, type Store } from "./store";

export type Logger = { info(message: string): void };

export type StandinServerOptions = {
  /** Serve unknown shop domains by creating them on first request, accepting any token (demo). */
  autoCreateShops?: boolean;
  /** The embedded app this stand-in opens as Shopify admin would (session tokens, App Bridge). */
  app?: EmbeddedApp;
  logger?: Logger;
};

const UNAUTHORIZED = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};
const NOT_FOUND = { errors: "Not Found" };
const MAX_LOGGED_REQUESTS = 1000;

/**
 * The HTTP face of the stand-in. Admin GraphQL is answered at
 *   POST /shops/<shop-domain>/admin/api/<version>/graphql.json, and at
 *   POST /admin/api/<version>/graphql.json for the shop named by X-Shopify-Shop-Domain or the Host header;
 * the control API lives under /_control/, and Shopify admin's pages (opening the app, App Bridge, approving
 * a charge) are served by admin/.
 */
export function createStandinServer(store: Store, options: StandinServerOptions = {}): Server {
  const schema = loadAdminSchema();
  const log = options.logger ?? { info: () => {} };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://stand-in");
    if (url.pathname === "/_control/webhooks" && request.method === "POST") {
      return sendWebhook(options.app, request, response);
    }
    if (url.pathname === "/_control" || url.pathname.startsWith("/_control/")) {
      return handleControl(store, request, response, url.pathname, options.app);
    }
    if (await handleCharges(store, request, response, url)) return;
    if (request.method === "GET" && (await handleExtensionHost(store, options.app, response, url))) return;
    if (request.method === "GET" && handleAdmin(options.app, request, response, url)) return;
    const route = adminRoute(url.pathname, request);
    if (!route || route.version !== ADMIN_API_VERSION) return sendJson(response, 404, NOT_FOUND);
    let shop = store.shops.get(route.shop);
    if (!shop && options.autoCreateShops && route.shop) {
      shop = createShop({ domain: route.shop, acceptAnyToken: true });
      store.shops.set(shop.domain, shop);
    }
    if (!shop) return sendJson(response, 404, NOT_FOUND);
    if (request.method !== "POST") return sendJson(response, 405, { errors: "Method Not Allowed" });
    const record = (entry: Partial<RequestLogEntry> & Pick<RequestLogEntry, "status" | "outcome">) => {
      shop.requests.push({ at: nowIso(), operationName: null, rootFields: [], ...entry });
      if (shop.requests.length > MAX_LOGGED_REQUESTS) shop.requests.shift();
    };

    if (!authorized(shop, request.headers["x-shopify-access-token"])) {
      record({ status: 401, outcome: "unauthorized" });
      return sendJson(response, 401, UNAUTHORIZED);
    }
    const fault = shop.faults.next();
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.timeoutMs !== undefined) {
      record({ status: 0, outcome: "timeout" });
      if (fault.timeoutMs !== "never") await sleep(fault.timeoutMs).then(() => request.socket.destroy());
      return;
    }
    if (fault.errorStatus) {
      record({ status: fault.errorStatus, outcome: "fault" });
      return sendServerError(response, fault.errorStatus);
    }

    const origin = `http://${request.headers.host ?? "127.0.0.1"}`;
    const result = await runGraphQL(schema, shop, await graphQLRequest(request), origin);
    if (fault.dropAfterCreate && result.orderCreated) {
      record({ ...result.log, status: 0, outcome: "dropped" });
      request.socket.destroy();
      deliverLater(result.webhooks);
      return;
    }
    record({ ...result.log, status: result.status });
    log.info(`${shop.domain} ${result.log.operationName ?? "(anonymous)"} → ${result.log.outcome}`);
    sendJson(response, result.status, result.body, { "x-shopify-api-version": ADMIN_API_VERSION });
    deliverLater(result.webhooks);
  }

  /**
   * Webhooks a request caused (fulfillmentCreate's fulfillments/create) go to the app after the answer, as
   * Shopify sends them from a queue: an app that waits for its own call while handling the webhook must
   * not hang the stand-in. Failures are only logged; Shopify would retry.
   */
  function deliverLater(webhooks: WebhookMessage[]): void {
    const app = options.app;
    if (!app) return;
    for (const webhook of webhooks) {
      deliverWebhook(app, webhook).then(
        (status) => log.info(`webhook ${webhook.topic} for ${webhook.shop} → ${status}`),
        (error: unknown) => log.info(`webhook ${webhook.topic} for ${webhook.shop} failed: ${String(error)}`),
      );
    }
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BadRequest) return sendJson(response, 400, { errors: error.message });
      log.info(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(response, 500, { errors: "Internal Server Error" });
    });
  });
}

/** The shop and version of an Admin API path, the shop from the path, X-Shopify-Shop-Domain or Host. */
function adminRoute(
  pathname: string,
  request: IncomingMessage,
): { shop: string; version: string } | undefined {
  const match = /^(?:\/shops\/([^/]+))?\/admin\/api\/([^/]+)\/graphql\.json$/.exec(pathname);
  const version = match?.[2];
  if (!match || version === undefined) return undefined;
  const header = request.headers["x-shopify-shop-domain"];
  const host = (request.headers.host ?? "").replace(/:\d+$/, "");
  const shop = match[1] ? decodeURIComponent(match[1]) : typeof header === "string" && header ? header : host;
  return { shop: shop.toLowerCase(), version };
}

function authorized(shop: ShopState, token: string | string[] | undefined): boolean {
  if (typeof token !== "string" || token === "") return false;
  return shop.acceptAnyToken || shop.tokens.has(token);
}

async function graphQLRequest(request: IncomingMessage): Promise<GraphQLRequest> {
  const text = await readBody(request);
  if ((request.headers["content-type"] ?? "").includes("application/graphql")) return { query: text };
  try {
    const body = JSON.parse(text) as unknown;
    return body !== null && typeof body === "object" ? (body as GraphQLRequest) : {};
  } catch {
    throw new BadRequest("Request body is not valid JSON");
  }
}

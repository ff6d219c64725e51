import type { IncomingMessage, ServerResponse } from "node:http";
import { APP_BRIDGE_SCRIPT } from "./app-bridge-script";
import { hostParam, mintSessionToken, type EmbeddedApp } from "./session-token";

/**
 * The stand-in's Shopify admin side, for running an embedded app without Shopify:
 *   GET /store/<store>/apps/<app>[/<path>] opens the app as the admin would, with a session token
 *                                         (<store> is the shop's handle or its myshopify.com domain);
 *   GET /session-token?shop=<shop>       a fresh session token (what App Bridge's idToken() returns);
 *   GET /app-bridge.js                   the App Bridge stand-in (point the app's APP_BRIDGE_URL here).
 * Returns false for any other path.
 */
export function handleAdmin(
  app: EmbeddedApp | undefined,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  if (url.pathname === "/app-bridge.js") {
    response.writeHead(200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "no-store",
    });
    response.end(APP_BRIDGE_SCRIPT);
    return true;
  }
  const open = /^\/store\/([^/]+)\/apps\/[^/]+(\/.*)?$/.exec(url.pathname);
  if (url.pathname !== "/session-token" && !open) return false;
  if (!app) {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end(
      "No embedded app is configured on this stand-in (start it with --app-url, --app-key, --app-secret).",
    );
    return true;
  }
  const store = open?.[1];
  const shop = store
    ? store.includes(".")
      ? store
      : `${store}.myshopify.com`
    : (url.searchParams.get("shop") ?? "");
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) {
    response.writeHead(400, { "Content-Type": "text/plain" });
    response.end("Not a shop domain.");
    return true;
  }
  const session = mintSessionToken(app, shop);
  if (!open) {
    response.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" });
    response.end(JSON.stringify(session));
    return true;
  }
  // As in Shopify admin, what follows the app's handle is the app's own path; nothing means its home.
  const target = new URL(open[2] && open[2] !== "/" ? open[2] : "/app", app.url);
  for (const [key, value] of url.searchParams) target.searchParams.set(key, value);
  const query = { embedded: "1", shop, host: hostParam(shop), id_token: session.token, locale: "en" };
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  response.writeHead(302, { Location: target.toString() });
  response.end();
  return true;
}

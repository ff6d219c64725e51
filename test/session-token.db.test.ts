import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { hostParam, mintSessionToken } from "../tools/shopify-standin/admin/session-token";
import { APP, messageOf, outcomeOf } from "./hostile-requests";
import { routeAction, routeLoader, routesExporting } from "./route-inventory";

// Requests to the embedded app that the Shopify library lets become a 500, and posts from other sites: each
// is answered with a 4xx and a message. Session tokens here are signed with the app's secret, as Shopify
// signs them, so only what they say is wrong.
const { authenticateAdmin, sessionStorage } = await import("~/shopify.server");
const SHOP = "token-store.myshopify.com";
await sessionStorage.storeSession(
  new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "",
    isOnline: false,
    scope: process.env.SCOPES,
    accessToken: "shpat_token_store",
  }),
);

/** A token Shopify would never issue: `dest` names something other than a store. */
const tokenFor = (dest: string) => mintSessionToken(APP, dest).token;
const embedded = (token: string) =>
  `?shop=${SHOP}&host=${hostParam(SHOP)}&embedded=1&id_token=${encodeURIComponent(token)}`;
const request = (path: string, init: RequestInit = {}) => new Request(`${APP.url}${path}`, init);
const appLoader = await routeLoader("app");
const load = (req: Request) => outcomeOf(() => appLoader({ request: req, params: {}, context: {} }));
const authenticate = (req: Request) => outcomeOf(() => authenticateAdmin(req));

describe("the embedded app's authentication", () => {
  it("answers a session token whose dest is not a Shopify store with 401 and a message", async () => {
    for (const dest of ["evil.example", "not a host", `${SHOP}.evil.example`]) {
      const bearer = { headers: { Authorization: `Bearer ${tokenFor(dest)}` } };
      for (const req of [request("/app", bearer), request(`/app${embedded(tokenFor(dest))}`)]) {
        const outcome = await load(req);
        expect(outcome.status, dest).toBe(401);
        expect(messageOf(outcome.body)).toMatch(/Shopify store/);
      }
    }
  });

  it("refuses a post from another site that carries no session token with 403", async () => {
    const paths = [
      "/app/settings",
      `/app/settings?shop=${SHOP}&host=${hostParam(SHOP)}`,
      "/app/settings?embedded=1",
    ];
    for (const origin of ["https://evil.example", "null"]) {
      for (const path of paths) {
        const body = JSON.stringify({ autoSync: false });
        const outcome = await authenticate(
          request(path, { method: "POST", headers: { Origin: origin }, body }),
        );
        expect(outcome.status, `${origin} ${path}`).toBe(403);
        expect(messageOf(outcome.body)).toMatch(/session token/);
      }
    }
  });

  it("answers such a token with 401 on every page and action of the embedded app, never a 500", async () => {
    const bearer = { Authorization: `Bearer ${tokenFor("evil.example")}` };
    const checked: string[] = [];
    for (const [kind, method] of [
      ["loader", "GET"],
      ["action", "POST"],
    ] as const) {
      for (const name of (await routesExporting(kind)).filter((route) => route.startsWith("app"))) {
        const run = kind === "loader" ? await routeLoader(name) : await routeAction(name);
        const req = request(`/${name.replace(/\./g, "/").replace("/_index", "")}`, {
          method,
          headers: bearer,
        });
        const outcome = await outcomeOf(() => run({ request: req, params: { id: "1" }, context: {} }));
        expect(outcome.status, `${kind} of ${name}`).toBe(401);
        checked.push(`${kind} ${name}`);
      }
    }
    expect(checked.length).toBeGreaterThan(12);
  });

  it("refuses a post from another site whose session token names no store with 401", async () => {
    const headers = { Origin: "https://evil.example", Authorization: `Bearer ${tokenFor("evil.example")}` };
    expect((await authenticate(request("/app/settings", { method: "POST", headers }))).status).toBe(401);
  });

  it("lets Shopify's own requests through: a token from any origin, and the app's own pages", async () => {
    const token = mintSessionToken(APP, SHOP).token;
    const fromExtension = { Origin: "https://extensions.shopifycdn.com", Authorization: `Bearer ${token}` };
    const context = await authenticateAdmin(
      request("/app/settings", { method: "POST", headers: fromExtension }),
    );
    expect(context.session.shop).toBe(SHOP);
    // Without a token, the app's own origin gets the library's answer: a redirect to get one.
    const own = await authenticate(
      request("/app/settings", { method: "POST", headers: { Origin: APP.url } }),
    );
    expect(own.status).toBe(302);
  });
});

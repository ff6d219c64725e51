import { expect } from "vitest";

/**
 * Every route module in app/routes (flat files and `<name>/route.tsx` folders, tests left out as Remix
 * leaves them out), named as Remix names them: `app.orders.$id`, `auth.login`. Tests that must cover every
 * route compare their list with this one, so a new route fails them until it is added.
 */
const modules = import.meta.glob<RouteModule>([
  "../app/routes/*.{ts,tsx,js,jsx}",
  "../app/routes/*/route.{ts,tsx,js,jsx}",
  "!../app/routes/**/*.test.*",
]);

export type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, never> };
export type RouteFunction = (args: RouteArgs) => Promise<unknown>;
export type RouteModule = { loader?: RouteFunction; action?: RouteFunction };
export type RouteExport = "loader" | "action";

const routeName = (path: string) =>
  path
    .replace(/^\.\.\/app\/routes\//, "")
    .replace(/\/route\.[jt]sx?$/, "")
    .replace(/\.[jt]sx?$/, "");

/**
 * The routes exporting any of `exports`, by name. Import it only after the environment the app reads once
 * (stand-in URLs, TikTok credentials) is set: this imports every route module.
 */
export async function routesExporting(...exports: RouteExport[]): Promise<string[]> {
  const names: string[] = [];
  for (const [path, load] of Object.entries(modules)) {
    const route = await load();
    if (exports.some((name) => typeof route[name] === "function")) names.push(routeName(path));
  }
  return names.sort();
}

async function loadRoute(name: string): Promise<RouteModule> {
  const entry = Object.entries(modules).find(([path]) => routeName(path) === name);
  if (!entry) throw new Error(`No route module named ${name} in app/routes`);
  return entry[1]();
}

export async function routeAction(name: string): Promise<RouteFunction> {
  const { action } = await loadRoute(name);
  if (!action) throw new Error(`app/routes/${name} has no action`);
  return action;
}

export async function routeLoader(name: string): Promise<RouteFunction> {
  const { loader } = await loadRoute(name);
  if (!loader) throw new Error(`app/routes/${name} has no loader`);
  return loader;
}

/** Shopify webhook routes (`webhooks.<topic>`); the TikTok one is `webhooks.tiktok`. */
export const isWebhookRoute = (name: string) => name.startsWith("webhooks.");

/** Fails with the names to add (or remove) when `covered` is not exactly `found`. */
export function expectEveryRouteCovered(covered: readonly string[], found: readonly string[], where: string) {
  const missing = found.filter((name) => !covered.includes(name));
  const stale = covered.filter((name) => !found.includes(name));
  expect(
    { missing, stale },
    `${where}: add a case for each route in "missing" (app/routes/<name>.tsx), remove those in "stale"`,
  ).toEqual({ missing: [], stale: [] });
}

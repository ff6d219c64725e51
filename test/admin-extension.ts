import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { ExtensionTarget, StandardApi } from "@shopify/ui-extensions/admin";
import type { Api as BlockApi } from "@shopify/ui-extensions/admin.order-details.block.render";
import type { Api as ActionApi } from "@shopify/ui-extensions/admin.order-details.action.render";
import type { Api as ShouldRenderApi } from "@shopify/ui-extensions/admin.order-details.action.should-render";
import { render } from "preact";
import { vi, type Mock } from "vitest";
import { readExtensionTargets } from "../tools/shopify-standin/admin/extension-config";

/**
 * The admin UI extensions under extensions/, run in a test as Shopify admin runs them: the module that the
 * extension's shopify.extension.toml names for a target is imported and its default export called, with a
 * `shopify` global for that target and a `fetch` the test answers; what it renders lands in `document.body`
 * (the test project's DOM), to be read with the DOM's own queries.
 *
 * It does for the extensions' API version (2025-10) what Shopify's extension test tooling,
 * @shopify/ui-extensions-tester, does for its own: the tester on npm (2026.7.0) refuses any
 * shopify.extension.toml whose api_version isn't its own ("2026-07"). Its mocks are followed here (every
 * member of the target's API is present, typed as the extension's shopify.d.ts types it), except that
 * `i18n.translate` reads the extension's own English strings (locales/en.default.json) where the tester's
 * echoes the key: a test reads what a merchant reads, and a missing key fails.
 */
const API_VERSION = "2025-10";

/** Each target's `shopify`, as the extension's shopify.d.ts types it. */
type Apis = {
  "admin.order-details.block.render": BlockApi;
  "admin.order-details.action.render": ActionApi;
  "admin.order-details.action.should-render": ShouldRenderApi;
};
export type AdminTarget = keyof Apis;

export type Extension<T extends AdminTarget> = {
  /** The `shopify` global the module sees; change it before `run()`. */
  shopify: Apis[T];
  /** The global `fetch`: answer it with `mockResolvedValue(new Response(…))`. */
  fetch: Mock<typeof fetch>;
  /** Calls the module's default export, as Shopify does; a should-render target's answer is returned. */
  run(): Promise<unknown>;
  /** Unmounts what was rendered, and removes the globals. */
  tearDown(): void;
};

/** The extension at `extensionDir`, set up for `target` with the order `orderGid` on the page. */
export function setUpExtension<T extends AdminTarget>(
  extensionDir: string,
  target: T,
  orderGid = "gid://shopify/Order/1",
): Extension<T> {
  const toml = readFileSync(join(extensionDir, "shopify.extension.toml"), "utf8");
  const version = /^\s*api_version\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (version !== API_VERSION)
    throw new Error(`${extensionDir}: api_version "${version}" is not ${API_VERSION}, which this runs`);
  const installed = uiExtensionsVersion();
  if (!installed.startsWith(API_VERSION.replace("-", ".") + "."))
    throw new Error(`@shopify/ui-extensions ${installed} is not of API version ${API_VERSION}`);
  const modulePath = resolve(extensionDir, moduleFor(toml, target));
  const strings = JSON.parse(readFileSync(join(extensionDir, "locales/en.default.json"), "utf8")) as Record<
    string,
    string
  >;

  const shopify = mockApi(target, strings, orderGid);
  const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(null, { status: 501 }));
  const previousFetch = globalThis.fetch;
  Object.assign(globalThis, { shopify, fetch });

  return {
    shopify,
    fetch,
    async run() {
      const { default: run } = (await import(/* @vite-ignore */ modulePath)) as {
        default?: () => unknown;
      };
      if (typeof run !== "function") throw new Error(`${modulePath} has no default export to run`);
      return run();
    },
    tearDown() {
      render(null, document.body);
      document.body.innerHTML = "";
      Object.assign(globalThis, { fetch: previousFetch });
      delete (globalThis as { shopify?: unknown }).shopify;
    },
  };
}

/** The module the toml names for `target`: a target's own, or its action's `should_render` module. */
function moduleFor(toml: string, target: AdminTarget): string {
  const found = readExtensionTargets(toml).find((candidate) => candidate.target === target)?.module;
  if (!found) throw new Error(`shopify.extension.toml has no module for ${target}`);
  return found;
}

function uiExtensionsVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("@shopify/ui-extensions");
  return (JSON.parse(readFileSync(join(dirname(main), "package.json"), "utf8")) as { version: string })
    .version;
}

/** The extension's English string for `key`, its `{{name}}` placeholders filled in. */
function translator(strings: Record<string, string>) {
  return (key: string, options: Record<string, unknown> = {}) => {
    const text = strings[key];
    if (text === undefined) throw new Error(`locales/en.default.json has no "${key}"`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(options[name] ?? ""));
  };
}

function mockApi<T extends AdminTarget>(
  target: T,
  strings: Record<string, string>,
  orderGid: string,
): Apis[T] {
  const standard: StandardApi<ExtensionTarget> = {
    extension: { target },
    auth: { idToken: async () => "id-token" },
    i18n: {
      formatNumber: (number) => String(number),
      formatCurrency: (number) => String(number),
      formatDate: (date) => date.toISOString(),
      translate: translator(strings) as StandardApi<ExtensionTarget>["i18n"]["translate"],
    },
    intents: { launchUrl: undefined },
    storage: memoryStorage(),
    query: async () => ({ data: undefined }),
  };
  const data = { selected: [{ id: orderGid }] };
  const pickers = {
    resourcePicker: vi.fn(async () => undefined),
    picker: vi.fn(async () => ({ selected: Promise.resolve(undefined) })),
  };
  // The @preact/signals hand-over that `@shopify/ui-extensions/preact` makes on import, as the tester's mock.
  const setSignals = () => {};
  const apis: { [K in AdminTarget]: () => Apis[K] } = {
    "admin.order-details.block.render": () => ({
      ...standard,
      ...pickers,
      extension: { target: "admin.order-details.block.render" },
      data,
      navigation: { navigate: vi.fn() },
    }),
    "admin.order-details.action.render": () => ({
      ...standard,
      ...pickers,
      extension: { target: "admin.order-details.action.render" },
      data,
      close: vi.fn(),
    }),
    "admin.order-details.action.should-render": () => ({
      ...standard,
      extension: { target: "admin.order-details.action.should-render" },
      data,
    }),
  };
  return Object.assign(apis[target](), { setSignals });
}

function memoryStorage(): StandardApi<ExtensionTarget>["storage"] {
  const store = new Map<unknown, unknown>();
  type Storage = StandardApi<ExtensionTarget>["storage"];
  return {
    set: async (key, value) => void store.set(key, value),
    setMany: async (entries) => Object.entries(entries).forEach(([key, value]) => store.set(key, value)),
    get: (async (key: unknown) => store.get(key)) as Storage["get"],
    getMany: (async (keys: unknown[]) => keys.map((key) => store.get(key))) as Storage["getMany"],
    clear: async () => store.clear(),
    delete: async (key) => store.delete(key),
    deleteMany: (async (keys: unknown[]) =>
      Object.fromEntries(keys.map((key) => [key, store.delete(key)]))) as Storage["deleteMany"],
    entries: (async () => store.entries()) as Storage["entries"],
  };
}

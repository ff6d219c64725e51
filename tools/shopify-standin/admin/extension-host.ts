import { readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { build } from "esbuild";
import { formatAmount } from "../money";
import type { OrderRecord } from "../records";
import type { Store } from "../store";
import { readAdminExtensions, type AdminExtensionTarget } from "./extension-config";
import { EXTENSION_RUNTIME_SCRIPT, ORDER_PAGE_SCRIPT } from "./extension-runtime";
import type { EmbeddedApp } from "./session-token";

/**
 * Shopify admin's order page, as far as the app's admin UI extensions need it, so that they can be used in
 * the demo as a merchant uses them in Shopify:
 *   GET /store/<store>/orders/<id>                  the order (its items, fulfilments, tags), with the app's
 *                                                   blocks for `admin.order-details.block.render` beside it,
 *                                                   and its actions (`admin.order-details.action.render`) under
 *                                                   More actions where their should-render says so;
 *   GET /admin-extensions/<folder>/frame?target=…   one extension target's sandbox, as Shopify runs each one
 *                                                   apart: a document whose `shopify` global is the target's
 *                                                   API, whose relative `fetch` goes to the app with the
 *                                                   store's ID token, and whose Polaris web components are the
 *                                                   stand-in's own (admin/extension-runtime.ts);
 *   GET /admin-extensions/<folder>/module.js?target=…  the target's module, bundled for the browser.
 * The extensions are read from the app's `extensions/` folder (`app.extensionsDir`). Returns false for any
 * other path.
 */
export async function handleExtensionHost(
  store: Store,
  app: EmbeddedApp | undefined,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const orderPage = /^\/store\/([^/]+)\/orders\/(\d+)$/.exec(url.pathname);
  const asset = /^\/admin-extensions\/([^/]+)\/(frame|module\.js)$/.exec(url.pathname);
  if (!orderPage && !asset) return false;
  const extensionsDir = app?.extensionsDir;
  if (!app || !extensionsDir) {
    sendText(
      response,
      404,
      "No app with extensions is configured on this stand-in (start it with --app-url and --extensions-dir).",
    );
    return true;
  }
  const hosted = { ...app, extensionsDir };
  if (orderPage) {
    const [, handle = "", id = ""] = orderPage;
    const shop = handle.includes(".") ? handle : `${handle}.myshopify.com`;
    const order = store.shops.get(shop)?.orders.get(Number(id));
    if (!order) return (sendText(response, 404, `No order ${id} in ${shop}.`), true);
    sendHtml(response, orderPageHtml(hosted, shop, order));
    return true;
  }
  const [, folder = "", what] = asset ?? [];
  const target = url.searchParams.get("target") ?? "";
  const extension = readAdminExtensions(extensionsDir).find(
    (candidate) => candidate.folder === folder && candidate.target === target,
  );
  if (!extension) return (sendText(response, 404, `The app has no extension ${folder} for ${target}.`), true);
  if (what === "module.js") {
    try {
      const code = await bundle(path.join(extensionsDir, folder, extension.module));
      response.writeHead(200, {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(code);
    } catch (error) {
      sendText(response, 500, `The extension ${folder} doesn't build: ${(error as Error).message}`);
    }
    return true;
  }
  const shop = url.searchParams.get("shop") ?? "";
  const orderGid = url.searchParams.get("order") ?? "";
  sendHtml(response, frameHtml(hosted, extension, shop, orderGid, url.searchParams.get("frame") ?? ""));
  return true;
}

const bundles = new Map<string, { mtimeMs: number; code: Promise<string> }>();

/** The module with everything it imports, as one ES module for the browser (rebuilt when it changes). */
function bundle(modulePath: string): Promise<string> {
  const { mtimeMs } = statSync(modulePath);
  const cached = bundles.get(modulePath);
  if (cached && cached.mtimeMs === mtimeMs) return cached.code;
  const code = build({
    entryPoints: [modulePath],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    write: false,
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]?.text ?? "");
  bundles.set(modulePath, { mtimeMs, code });
  code.catch(() => bundles.delete(modulePath));
  return code;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Inside a <script> element: nothing in the JSON may close it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function frameHtml(
  app: EmbeddedApp & { extensionsDir: string },
  extension: AdminExtensionTarget,
  shop: string,
  orderGid: string,
  frame: string,
) {
  const strings = readStrings(path.join(app.extensionsDir, extension.folder, "locales", "en.default.json"));
  const config = {
    frame,
    target: extension.target,
    shop,
    orderGid,
    appUrl: app.url.replace(/\/$/, ""),
    strings,
  };
  const module = `/admin-extensions/${encodeURIComponent(extension.folder)}/module.js?target=${encodeURIComponent(extension.target)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(extension.target)}</title>
<script id="extension-config" type="application/json">${scriptJson(config)}</script>
<style>html,body{margin:0;font:14px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:#303030}</style>
</head><body>
<script>${EXTENSION_RUNTIME_SCRIPT}</script>
<script type="module">
  import run from ${JSON.stringify(module)};
  window.__runExtension(run);
</script>
</body></html>`;
}

function readStrings(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function orderPageHtml(app: EmbeddedApp & { extensionsDir: string }, shop: string, order: OrderRecord) {
  const store = shop.replace(/\.myshopify\.com$/, "");
  const gid = `gid://shopify/Order/${order.id}`;
  const extensions = readAdminExtensions(app.extensionsDir);
  const frame = (extension: AdminExtensionTarget, index: number) =>
    `/admin-extensions/${encodeURIComponent(extension.folder)}/frame?${new URLSearchParams({
      target: extension.target,
      shop,
      order: gid,
      frame: String(index),
    }).toString()}`;
  const blocks = extensions.filter((extension) => extension.target === "admin.order-details.block.render");
  const actions = extensions.filter((extension) => extension.target === "admin.order-details.action.render");
  const shouldRender = (action: AdminExtensionTarget) =>
    extensions.find(
      (candidate) =>
        candidate.folder === action.folder && candidate.target === "admin.order-details.action.should-render",
    );
  // The extension's merchant-facing name, as its toml's "t:name" reads it from its English strings.
  const nameOf = (extension: AdminExtensionTarget) =>
    readStrings(path.join(app.extensionsDir, extension.folder, "locales", "en.default.json")).name ??
    extension.folder;
  const fulfilled = order.fulfillments.filter((fulfillment) => fulfillment.status === "SUCCESS");
  // As Shopify admin shows an amount: in the shop's currency, with its decimals ("$24.00").
  const money = (amount: string) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency: order.currencyCode }).format(
      Number(amount),
    );
  const page = {
    appPath: `/store/${store}/apps/${app.apiKey}`,
    actions: actions.map((action, index) => {
      const condition = shouldRender(action);
      return {
        name: nameOf(action),
        frame: frame(action, 100 + index),
        shouldRender: condition ? frame(condition, 200 + index) : null,
      };
    }),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(order.name)} · Orders · Shopify admin (stand-in)</title>
<style>
  body{margin:0;background:#f1f1f1;font:14px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:#303030}
  .bar{background:#1a1a1a;color:#e3e3e3;padding:10px 16px;font-weight:600}
  main{max-width:1000px;margin:0 auto;padding:16px;display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:16px}
  .title{grid-column:1/-1;display:flex;align-items:center;gap:8px;flex-wrap:wrap}
  .title h1{font-size:20px;margin:0 8px 0 0}
  .badge{background:#e3e3e3;border-radius:8px;padding:2px 8px;font-size:12px}
  .more{margin-left:auto;position:relative}
  .more>button,.menu button{font:inherit;border:1px solid #c9c9c9;background:#fff;border-radius:8px;padding:6px 12px;cursor:pointer}
  .menu{position:absolute;right:0;top:110%;background:#fff;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.2);padding:6px;min-width:200px;z-index:2}
  .menu button{display:block;width:100%;text-align:left;border:0}
  .menu p{margin:6px 12px;color:#616161}
  .card{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(0,0,0,.1);padding:16px;margin-bottom:16px}
  .card h2{font-size:14px;margin:0 0 8px}
  ul{margin:0;padding-left:18px}
  iframe.block{width:100%;border:0;display:block;height:0;margin-bottom:16px}
  .overlay{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:flex-start;justify-content:center;padding-top:10vh;z-index:3}
  .overlay iframe{width:min(560px,92vw);height:0;border:0;border-radius:12px;background:#fff}
  @media (max-width:700px){main{grid-template-columns:1fr}}
</style></head><body>
<div class="bar">Shopify admin (stand-in) · ${escape(store)}</div>
<main>
  <div class="title">
    <h1>${escape(order.name)}</h1>
    <span class="badge">${escape(titleCase(order.financialStatus))}</span>
    <span class="badge">${fulfilled.length > 0 ? "Fulfilled" : "Unfulfilled"}</span>
    ${order.cancelledAt ? '<span class="badge">Cancelled</span>' : ""}
    <div class="more">
      <button type="button" id="more-actions" aria-haspopup="menu" aria-expanded="false">More actions</button>
      <div class="menu" role="menu" id="more-menu" hidden><p id="no-actions">No more actions</p></div>
    </div>
  </div>
  <div>
    <section class="card"><h2>Items</h2><ul>
      ${order.lineItems
        .map(
          (line) =>
            `<li>${escape(line.title)} × ${line.quantity}${line.sku ? ` <small>(SKU ${escape(line.sku)})</small>` : ""}</li>`,
        )
        .join("")}
    </ul><p>Total ${escape(money(formatAmount(order.totals.total.shop)))}</p></section>
    <section class="card"><h2>Fulfilments</h2>${
      fulfilled.length === 0
        ? "<p>None yet.</p>"
        : `<ul>${fulfilled
            .map(
              (fulfillment) =>
                `<li>${escape(fulfillment.name)}${fulfillment.trackingNumber ? `: ${escape(fulfillment.trackingCompany ?? "")} ${escape(fulfillment.trackingNumber)}` : ""}</li>`,
            )
            .join("")}</ul>`
    }</section>
  </div>
  <div>
    ${blocks.map((block, index) => `<iframe class="block" title="${escape(nameOf(block))}" src="${escape(frame(block, index))}"></iframe>`).join("\n    ")}
    <section class="card"><h2>Tags</h2><p>${order.tags.length ? escape(order.tags.join(", ")) : "No tags"}</p></section>
  </div>
</main>
<script id="page-config" type="application/json">${scriptJson(page)}</script>
<script>${ORDER_PAGE_SCRIPT}</script>
</body></html>`;
}

const titleCase = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, " ");

function sendHtml(response: ServerResponse, html: string) {
  response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  response.end(html);
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  response.end(text);
}

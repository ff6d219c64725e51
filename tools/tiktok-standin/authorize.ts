import type { Reply, Route } from "./http-kit";
import type { StandinState } from "./state";

/**
 * The seller-facing authorization page TikTok shows when an app asks for access:
 *   GET /open/authorize?service_id=…&state=…                   lists the stand-in's seller shops, each with a
 *                                                               checkbox, to authorize in one go;
 *   GET /open/authorize/approve?shop_id=A&shop_id=B&state=…     issues one auth code for the checked shops and
 *                                                               sends the seller back to the app's redirect
 *                                                               URL with `code` and `state`.
 */
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize app · TikTok Shop</title>
<style>body{font:15px system-ui;max-width:520px;margin:60px auto;color:#161823}button{display:inline-block;
background:#fe2c55;color:#fff;padding:10px 18px;border:0;border-radius:6px;font:inherit;cursor:pointer}
ul{list-style:none;padding:0}li{margin:14px 0}label{cursor:pointer}</style>
</head><body>${body}</body></html>`;

const refused = (title: string, detail: string): Reply => ({
  status: 400,
  body: null,
  html: page(`<h1>${escape(title)}</h1><p>${escape(detail)}</p>`),
});

export function authorizeRoutes(state: StandinState): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/open\/authorize$/,
      handler: ({ url }) => {
        const stateParam = url.searchParams.get("state") ?? "";
        const shops = [...state.shops.values()];
        // Every shop is checked: a seller with a shop per market usually grants them all at once.
        const items = shops.map(
          (shop) =>
            `<li><label><input type="checkbox" name="shop_id" value="${escape(shop.id)}" checked> ` +
            `<strong>${escape(shop.name)}</strong> (${escape(shop.region)})</label></li>`,
        );
        // `state` comes after the checkboxes so the query reads shop_id=…&shop_id=…&state=….
        const form =
          `<form method="get" action="/open/authorize/approve"><ul>${items.join("")}</ul>` +
          `<input type="hidden" name="state" value="${escape(stateParam)}"><button type="submit">Authorize</button></form>`;
        const body = shops.length
          ? `<h1>Authorize this app</h1><p>It will read your orders and products.</p>${form}`
          : "<h1>No seller shops</h1><p>Create one with POST /_control/shops.</p>";
        return { status: 200, body: null, html: page(body) };
      },
    },
    {
      method: "GET",
      pattern: /^\/open\/authorize\/approve$/,
      handler: ({ url }) => {
        const shopIds = [...new Set(url.searchParams.getAll("shop_id"))];
        if (shopIds.length === 0) return refused("No shop selected", "Check at least one shop to authorize.");
        const unknown = shopIds.find((id) => !state.shops.has(id));
        if (unknown !== undefined) return refused("Unknown shop", `There is no shop ${unknown}.`);
        const { authCode: code } = state.issueAuthCode(shopIds);
        const redirect = state.config.redirectUrl;
        if (!redirect)
          return { status: 200, body: null, html: page(`<h1>Auth code</h1><p><code>${code}</code></p>`) };
        const target = new URL(redirect);
        target.searchParams.set("code", code);
        target.searchParams.set("state", url.searchParams.get("state") ?? "");
        return { status: 302, body: null, html: "", headers: { location: target.toString() } };
      },
    },
  ];
}

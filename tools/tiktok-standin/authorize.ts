import type { Route } from "./http-kit";
import type { StandinState } from "./state";

/**
 * The seller-facing authorization page TikTok shows when an app asks for access:
 *   GET /open/authorize?service_id=…&state=…           lists the stand-in's seller shops to authorize;
 *   GET /open/authorize/approve?shop_id=…&state=…       issues an auth code and sends the seller back to the
 *                                                        app's redirect URL with `code` and `state`.
 */
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize app · TikTok Shop</title>
<style>body{font:15px system-ui;max-width:520px;margin:60px auto;color:#161823}a.button{display:inline-block;
background:#fe2c55;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none}li{margin:14px 0}</style>
</head><body>${body}</body></html>`;

export function authorizeRoutes(state: StandinState): Route[] {
  return [
    {
      method: "GET",
      pattern: /^\/open\/authorize$/,
      handler: ({ url }) => {
        const stateParam = url.searchParams.get("state") ?? "";
        const shops = [...state.shops.values()];
        const items = shops.map((shop) => {
          const approve = `/open/authorize/approve?shop_id=${encodeURIComponent(shop.id)}&state=${encodeURIComponent(stateParam)}`;
          return `<li><strong>${escape(shop.name)}</strong> (${escape(shop.region)}) <a class="button" href="${approve}">Authorize</a></li>`;
        });
        const body = shops.length
          ? `<h1>Authorize this app</h1><p>It will read your orders and products.</p><ul>${items.join("")}</ul>`
          : "<h1>No seller shops</h1><p>Create one with POST /_control/shops.</p>";
        return { status: 200, body: null, html: page(body) };
      },
    },
    {
      method: "GET",
      pattern: /^\/open\/authorize\/approve$/,
      handler: ({ url }) => {
        const shopId = url.searchParams.get("shop_id") ?? "";
        if (!state.shops.has(shopId)) return { status: 404, body: null, html: page("<h1>Unknown shop</h1>") };
        const code = `TTP_${state.nextId("AC", 22)}`;
        state.authCodes.set(code, { shopId, expiresAt: state.now() + 600 });
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

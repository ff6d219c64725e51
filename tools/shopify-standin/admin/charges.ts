import type { IncomingMessage, ServerResponse } from "node:http";
import { approveSubscription, declineSubscription, findSubscription } from "../billing/subscriptions";
import { readBody } from "../http";
import { formatAmount } from "../money";
import type { ShopState, Store, SubscriptionRecord } from "../store";

/**
 * Shopify admin's page where the merchant approves or declines an app's subscription:
 *   GET  /store/<store>/charges/<id>/confirm   the charge, with Approve and Decline buttons;
 *   POST /store/<store>/charges/<id>/approve   it becomes the active subscription (the previous one is
 *                                              cancelled), then the merchant goes to its returnUrl;
 *   POST /store/<store>/charges/<id>/decline   it is declined, and the merchant goes to its returnUrl.
 * Both redirects add `charge_id`, as Shopify does. Returns false for any other path.
 */
export async function handleCharges(
  store: Store,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = /^\/store\/([^/]+)\/charges\/(\d+)\/(confirm|approve|decline)$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return false;
  const [, handle, id, step] = match;
  const shop = store.shops.get(handle.includes(".") ? handle : `${handle}.myshopify.com`);
  const subscription = shop && findSubscription(shop, id);
  if (!shop || !subscription) {
    sendHtml(response, 404, page("Charge not found", "<p>This store has no such charge.</p>"));
    return true;
  }
  const method = step === "confirm" ? "GET" : "POST";
  if (request.method !== method) {
    sendHtml(response, 405, page("Method not allowed", `<p>Use ${method}.</p>`));
    return true;
  }
  if (step === "confirm") {
    sendHtml(response, 200, confirmPage(shop, subscription, url.pathname.replace(/\/confirm$/, "")));
    return true;
  }
  await readBody(request);
  if (subscription.status !== "PENDING") {
    const status = subscription.status.toLowerCase();
    sendHtml(response, 409, page("Charge already answered", `<p>This charge is ${status}.</p>`));
    return true;
  }
  if (step === "approve") approveSubscription(shop, subscription);
  else declineSubscription(subscription);
  const back = new URL(subscription.returnUrl);
  back.searchParams.set("charge_id", String(subscription.id));
  response.writeHead(302, { Location: back.toString() });
  response.end();
  return true;
}

/** Where the merchant approves a charge, relative to the stand-in's address. */
export function confirmationPath(shop: ShopState, subscriptionId: number): string {
  return `/store/${shop.domain.replace(/\.myshopify\.com$/, "")}/charges/${subscriptionId}/confirm`;
}

function confirmPage(shop: ShopState, subscription: SubscriptionRecord, base: string): string {
  const lines = subscription.lineItems.map((line) =>
    line.kind === "recurring"
      ? `${money(line.price, line.currencyCode)} ${line.interval === "ANNUAL" ? "per year" : "every 30 days"}`
      : `Usage charges up to ${money(line.cappedAmount, line.currencyCode)} every 30 days: ${escape(line.terms)}`,
  );
  const trial = subscription.trialDays > 0 ? `<p>Free trial: ${subscription.trialDays} days.</p>` : "";
  const test = subscription.test
    ? `<p class="test">Test charge: ${escape(shop.name)} won't be billed.</p>`
    : "";
  const answered = subscription.status !== "PENDING";
  const buttons = answered
    ? `<p>This charge is ${subscription.status.toLowerCase()}.</p>`
    : `<form method="post" action="${base}/decline"><button>Decline</button></form>
       <form method="post" action="${base}/approve"><button class="primary">Approve</button></form>`;
  return page(
    `Approve subscription: ${escape(subscription.name)}`,
    `<p>${escape(shop.name)} (${escape(shop.domain)})</p>
     <ul>${lines.map((line) => `<li>${line}</li>`).join("")}</ul>${trial}${test}
     <div class="actions">${buttons}</div>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>
body{font:14px system-ui;background:#f1f1f1;margin:0;padding:48px}
main{max-width:520px;margin:auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px #0002}
h1{font-size:20px}.test{color:#8a6116}.actions{display:flex;gap:8px;justify-content:flex-end}
button{font:inherit;padding:6px 14px;border-radius:8px;border:1px solid #aaa;background:#fff;cursor:pointer}
button.primary{background:#303030;color:#fff;border-color:#303030}
</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
  });
  response.end(html);
}

function money(amount: bigint, currencyCode: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode }).format(
    Number(formatAmount(amount)),
  );
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? "",
  );
}

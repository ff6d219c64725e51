import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/**
 * Remix refuses a page's action sent from another site (an `Origin` that isn't this host) by throwing,
 * which it answers with a 500 and a stack trace in the log, for anyone who posts a form from anywhere.
 * server.ts runs the same check first and answers 403 in one line. Webhooks are resource routes, which
 * Remix doesn't check (Shopify and TikTok send no `Origin`): they keep their own signature checks. So are the
 * admin extensions' routes (`/api/extensions/`), which Shopify's extension host calls from its own origin by
 * design: each request carries the store's ID token in `Authorization`, which no browser adds by itself, so
 * another site can't make one (ADR 028).
 */

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// Resource routes that authenticate each request themselves, by signature or by ID token.
const CROSS_ORIGIN_BY_DESIGN = ["/webhooks/", "/api/extensions/"];

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;

/** Whether Remix would refuse this request as a cross-site action: its `Origin` names another host. */
export function isCrossSiteAction(method: string, path: string, headers: IncomingHttpHeaders): boolean {
  if (READS.has(method.toUpperCase()) || CROSS_ORIGIN_BY_DESIGN.some((prefix) => path.startsWith(prefix)))
    return false;
  const origin = first(headers.origin);
  if (origin === undefined) return false;
  // As Remix compares them: the forwarded host when a proxy sets one, else Host.
  const host = first(headers["x-forwarded-host"]) ?? first(headers.host);
  return origin === "null" || host === undefined || hostOf(origin) !== host;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** Express-style middleware: a cross-site action gets a 403 before Remix sees it. */
export function refuseCrossSiteActions(request: IncomingMessage, response: ServerResponse, next: () => void) {
  if (!isCrossSiteAction(request.method ?? "GET", request.url ?? "/", request.headers)) return next();
  const message = "This address takes actions from the app's own pages only, not from another site.";
  // The body is not read: the connection closes with the answer.
  response.writeHead(403, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(message),
    connection: "close",
  });
  response.end(message);
}

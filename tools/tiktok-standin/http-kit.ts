import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** What a route handler sees and returns; the server turns a Reply into a JSON response. */
export type RequestContext = {
  method: string;
  url: URL;
  rawBody: string;
  headers: IncomingHttpHeaders;
  /** Capture groups of the route's pattern. */
  params: string[];
};
/** A JSON reply; `html` replaces the JSON body with a page, `file` with bytes of their content type. */
export type Reply = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  html?: string;
  file?: { contentType: string; data: Buffer };
};
export type Handler = (context: RequestContext) => Reply | Promise<Reply>;
export type Route = { method: string; pattern: RegExp; handler: Handler };

/** TikTok's envelope: `{ code, message, request_id, data }`. */
export function ok(data: unknown): Reply {
  return { status: 200, body: { code: 0, message: "Success", request_id: requestId(), data } };
}

export function tiktokError(
  status: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { code, message, request_id: requestId(), data: null }, headers };
}

/** TikTok's answer to a request whose parameters or body it cannot use: 36009004 "Invalid param. …". */
export function invalidParam(detail: string): Reply {
  return tiktokError(400, 36009004, `Invalid param. ${detail}`);
}

/** Like TikTok's: a UTC timestamp followed by random hex, e.g. `20240710170328026B85572D809D2BFFC5`. */
export function requestId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}${randomBytes(10).toString("hex").toUpperCase()}`;
}

export function query(context: RequestContext): Record<string, string> {
  return Object.fromEntries(context.url.searchParams.entries());
}

/** Parses a JSON body; an empty body is `{}`. Returns undefined when it is not a JSON object. */
export function jsonObject(context: RequestContext): Record<string, unknown> | undefined {
  if (!context.rawBody.trim()) return {};
  try {
    const value: unknown = JSON.parse(context.rawBody);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The route for a request, "method" when the path exists under another method, or undefined. */
export function findRoute(routes: Route[], method: string, path: string) {
  let pathExists = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
    pathExists = true;
  }
  return pathExists ? ("method" as const) : undefined;
}

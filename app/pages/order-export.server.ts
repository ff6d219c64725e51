import { createHmac, timingSafeEqual } from "node:crypto";
import { data } from "@remix-run/node";
import { env } from "~/env.server";
import { findShopId } from "~/models/shop.server";
import { filterOf, parseOrdersQuery } from "./orders-query";
import { ordersCsv } from "./orders-csv.server";

/**
 * The Orders list as a CSV file. A browser download can't carry the embedded app's session token, so the
 * authenticated page hands out a link signed for the store and the filters, valid for a few minutes; the
 * download checks the signature and the time instead of a session.
 */
export const EXPORT_PATH = "/exports/orders.csv";
export const EXPORT_TTL_SECONDS = 300;
const FILTER_KEYS = ["tab", "reason", "stage", "attention", "q", "from", "to", "tz"] as const;

// A key of its own, derived from the app's secret: a signature made for exports is good for nothing else.
let exportKey: Buffer | null = null;
const key = () =>
  (exportKey ??= createHmac("sha256", env.SHOPIFY_API_SECRET).update("orders-export-link").digest());
const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

/** The page's action: a signed link to the CSV of the list as filtered now, or why it can't be made. */
export function createOrdersExport(shopDomain: string, listUrl: URL, now = new Date()) {
  const query = parseOrdersQuery(listUrl.searchParams);
  const wanted = filterOf(query);
  if ("problems" in wanted) {
    const error = wanted.problems.q ?? wanted.problems.placed ?? "These filters can't be exported.";
    return data({ error }, { status: 400 });
  }
  const params = new URLSearchParams({ shop: shopDomain });
  for (const name of FILTER_KEYS) {
    const value = query[name];
    if (value !== undefined) params.set(name, String(value));
  }
  params.set("expires", String(Math.floor(now.getTime() / 1000) + EXPORT_TTL_SECONDS));
  const payload = params.toString();
  return { url: `${EXPORT_PATH}?${payload}&sig=${sign(payload)}` };
}

const refused = (message: string) =>
  new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The download: the CSV, streamed from the database in batches, once the link's signature and time hold. */
export async function exportOrdersCsv(url: URL, now = new Date()): Promise<Response> {
  const signed = url.search.slice(1);
  const at = signed.lastIndexOf("&sig=");
  const payload = at < 0 ? "" : signed.slice(0, at);
  const given = Buffer.from(at < 0 ? "" : signed.slice(at + "&sig=".length));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refused("This export link isn't valid. Export the orders again from the Orders page.");
  const params = new URLSearchParams(payload);
  const expires = Number(params.get("expires"));
  if (!(expires * 1000 > now.getTime()))
    return refused("This export link has expired. Export the orders again from the Orders page.");

  const wanted = filterOf(parseOrdersQuery(params));
  const shopId = await findShopId(params.get("shop") ?? "");
  const filter = "filter" in wanted ? wanted.filter : null;
  const day = now.toISOString().slice(0, 10);
  return new Response(shopId && filter ? ordersCsv(shopId, filter) : ordersCsv(null, null), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tiktok-orders-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

import { data } from "@remix-run/node";
import { checkSignedLink, signedLink } from "~/lib/signed-link.server";
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

const PURPOSE = "orders-export-link";

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
  return { url: signedLink(PURPOSE, EXPORT_PATH, params, EXPORT_TTL_SECONDS, now) };
}

const refused = (message: string) =>
  new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The download: the CSV, streamed from the database in batches, once the link's signature and time hold. */
export async function exportOrdersCsv(url: URL, now = new Date()): Promise<Response> {
  const link = checkSignedLink(PURPOSE, url, now);
  if (!link.ok && link.reason === "invalid")
    return refused("This export link isn't valid. Export the orders again from the Orders page.");
  if (!link.ok) return refused("This export link has expired. Export the orders again from the Orders page.");
  const { params } = link;

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

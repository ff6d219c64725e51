import { data } from "@remix-run/node";
import { z } from "zod";
import { checkSignedLink, signedLink } from "~/lib/signed-link.server";
import { findPendingDataRequest, listDataRequests, takeDataRequestReport } from "~/models/privacy.server";

/**
 * Settings → Privacy requests: the reports Shopify's customers/data_request asked for, which the store owner
 * downloads once (the app then erases the report). The download is a plain link, which can't carry the
 * session token: the page signs it for the store and the request, for a few minutes.
 */
export const REPORT_PATH = "/exports/data-request.json";
const PURPOSE = "data-request-report-link";
const LINK_TTL_SECONDS = 300;

export type PrivacyRequestView = {
  id: string;
  receivedAt: string;
  orderCount: number;
  downloadedAt: string | null;
};

export async function loadPrivacyRequests(shopDomain: string): Promise<PrivacyRequestView[]> {
  const rows = await listDataRequests(shopDomain);
  return rows.map((row) => ({
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    orderCount: row.orderCount,
    downloadedAt: row.downloadedAt?.toISOString() ?? null,
  }));
}

// The app's ids (cuid): anything else names no request, and never reaches the database.
const downloadInput = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Download: a short-lived signed link to the report, or why there is none (another store's id, downloaded). */
export async function createReportDownload(shopDomain: string, input: unknown, now = new Date()) {
  const wanted = downloadInput.safeParse(input);
  if (!wanted.success) return data({ error: "Name the request whose report to download." }, { status: 400 });
  const pending = await findPendingDataRequest(shopDomain, wanted.data.id);
  if (!pending)
    return data(
      { error: "That report isn't here: it was downloaded already, or never was." },
      { status: 404 },
    );
  const params = new URLSearchParams({ shop: shopDomain, id: pending.id });
  return { url: signedLink(PURPOSE, REPORT_PATH, params, LINK_TTL_SECONDS, now) };
}

const refused = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/** The download: the report as JSON, once; the link's signature and time stand in for the session. */
export async function downloadDataReport(url: URL, now = new Date()): Promise<Response> {
  const link = checkSignedLink(PURPOSE, url, now);
  if (!link.ok && link.reason === "invalid")
    return refused(403, "This download link isn't valid. Download the report again from the app's Settings.");
  if (!link.ok)
    return refused(403, "This download link has expired. Download the report again from the app's Settings.");
  const shop = link.params.get("shop") ?? "";
  const id = link.params.get("id") ?? "";
  const report = await takeDataRequestReport(shop, id, now);
  if (!report)
    return refused(410, "This report was downloaded already: the app erased it then, and keeps no copy.");
  const body = JSON.stringify({ shop, downloadedAt: now.toISOString(), orders: report.orders }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="customer-data-request-${id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

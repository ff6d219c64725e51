import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { keepDataRequest, reportCustomerData } from "~/models/privacy.server";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { receiveOrder } from "../../test/sync-world";
import { createReportDownload, downloadDataReport, loadPrivacyRequests } from "./privacy-requests.server";

const APP = "https://order-sync.example.test";
const NOW = new Date("2026-12-06T12:00:00Z");

/** A store with one TikTok order of buyer@example.com's, and the data request Shopify sent for them. */
async function storeWithRequest(domain: string) {
  const shop = await prisma.shop.create({ data: { domain } });
  await receiveOrder(shop.id, buildTikTokOrder({ buyer_email: "buyer@example.com" }));
  const report = await reportCustomerData(domain, { email: "buyer@example.com", shopifyOrderIds: [] });
  await keepDataRequest(domain, { shopifyCustomerId: "42", report }, NOW);
  const [request] = await loadPrivacyRequests(domain);
  if (!request) throw new Error("no request kept");
  return request;
}

async function linkFor(domain: string, id: string, now = NOW) {
  const result = await createReportDownload(domain, { id }, now);
  if (!("url" in result)) throw new Error("no link");
  return new URL(result.url, APP);
}

describe("Settings → Privacy requests", () => {
  it("lists the request, hands its report over once, then says it was downloaded", async () => {
    const request = await storeWithRequest("privacy-once.myshopify.com");
    expect(request).toMatchObject({ orderCount: 1, receivedAt: NOW.toISOString(), downloadedAt: null });
    const link = await linkFor("privacy-once.myshopify.com", request.id);

    const response = await downloadDataReport(link, NOW);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="customer-data-request-${request.id}.json"`,
    );
    const report = (await response.json()) as { shop: string; orders: { personalData: object }[] };
    expect(report.shop).toBe("privacy-once.myshopify.com");
    expect(report.orders).toHaveLength(1);
    expect(report.orders[0]?.personalData).toMatchObject({ buyer_email: "buyer@example.com" });

    const again = await downloadDataReport(link, NOW);
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/downloaded already/);
    const [after] = await loadPrivacyRequests("privacy-once.myshopify.com");
    expect(after?.downloadedAt).toBe(NOW.toISOString());
    // A downloaded request has no link any more.
    expect(await createReportDownload("privacy-once.myshopify.com", { id: request.id })).toMatchObject({
      init: { status: 404 },
    });
  });

  it("refuses an expired or altered link, and leaves the report to download", async () => {
    const request = await storeWithRequest("privacy-links.myshopify.com");
    const link = await linkFor("privacy-links.myshopify.com", request.id);
    expect((await downloadDataReport(link, new Date(NOW.getTime() + 301_000))).status).toBe(403);
    const altered = new URL(link);
    altered.searchParams.set("expires", String(Number(link.searchParams.get("expires")) + 3600));
    expect((await downloadDataReport(altered, NOW)).status).toBe(403);
    expect((await loadPrivacyRequests("privacy-links.myshopify.com"))[0]?.downloadedAt).toBeNull();
  });

  it("gives no link for another store's request or for input that names none", async () => {
    const request = await storeWithRequest("privacy-theirs.myshopify.com");
    await prisma.shop.create({ data: { domain: "privacy-mine.myshopify.com" } });
    expect(await createReportDownload("privacy-mine.myshopify.com", { id: request.id })).toMatchObject({
      init: { status: 404 },
    });
    for (const input of [null, {}, { id: 7 }, { id: "" }])
      expect(await createReportDownload("privacy-mine.myshopify.com", input)).toMatchObject({
        init: { status: 400 },
      });
  });
});

import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { buildLineItem, buildRecipientAddress, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { receiveOrder } from "../../test/sync-world";
import { createOrdersExport, exportOrdersCsv, EXPORT_TTL_SECONDS } from "./order-export.server";
import { CSV_COLUMNS, csvCell, EXPORT_BATCH } from "./orders-csv.server";
import { loadOrdersPage, parseOrdersQuery } from "./orders.server";

const APP = "https://order-sync.example.test";
const NOW = new Date("2026-12-06T12:00:00Z");

/** The signed link the Orders page hands out for `listQuery`, as a URL of the app. */
function linkFor(shop: string, listQuery: string, now = NOW): URL {
  const result = createOrdersExport(shop, new URL(`${APP}/app/orders?${listQuery}`), now);
  if (!("url" in result)) throw new Error("no link");
  return new URL(result.url, APP);
}

/** The CSV's rows as arrays of cells (the export quotes no cell these tests make). */
async function rowsOf(response: Response): Promise<string[][]> {
  const text = await response.text();
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(","));
}

async function storeWithOrders(domain: string, count: number) {
  const shop = await prisma.shop.create({ data: { domain } });
  const orders = Array.from({ length: count }, (_, i) =>
    buildTikTokOrder({
      create_time: 1_800_000_000 + i * 60,
      recipient_address: buildRecipientAddress({ name: i % 2 ? "Ava Reyes" : "David Kong" }),
      line_items: [buildLineItem({ seller_sku: i % 3 ? "SERUM-30" : "KIT-TRAVEL" })],
    }),
  );
  for (const order of orders) await receiveOrder(shop.id, order);
  return { shop, orders };
}

describe("the Orders CSV export", () => {
  it("downloads the filtered list, newest first, with the list's columns and no buyer data", async () => {
    const { shop, orders } = await storeWithOrders("export-rows.myshopify.com", 6);
    await prisma.tikTokOrder.updateMany({
      where: { shopId: shop.id, tiktokOrderId: orders[5]?.id },
      data: { syncStatus: "BLOCKED", reasonCode: "PRODUCT_NOT_LINKED", reasonStage: 6 },
    });
    const response = await exportOrdersCsv(linkFor("export-rows.myshopify.com", "q=ava"), NOW);

    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="tiktok-orders-.*\.csv"$/,
    );
    const [header, ...rows] = await rowsOf(response);
    expect(header).toEqual([...CSV_COLUMNS]);
    const listed = await loadOrdersPage(
      "export-rows.myshopify.com",
      parseOrdersQuery(new URLSearchParams("q=ava")),
    );
    expect(rows.map((row) => row[0])).toEqual(listed.orders.map((order) => order.tiktokOrderId));
    const newest = orders[5];
    expect(rows[0]).toEqual([
      newest?.id,
      new Date((newest?.create_time ?? 0) * 1000).toISOString(),
      "Blocked",
      "PRODUCT_NOT_LINKED",
      "Product not linked to Shopify",
      "6",
      newest?.payment.total_amount,
      "USD",
      "",
    ]);
    const text = rows.flat().join(" ");
    for (const personal of ["Ava", "Reyes", "@", "Coleman", "(+1)"]) expect(text).not.toContain(personal);
  });

  it("streams a list of any size in batches, every order once", async () => {
    const count = EXPORT_BATCH * 2 + 7;
    const shop = await prisma.shop.create({ data: { domain: "export-big.myshopify.com" } });
    // Orders of the same second too: the batches continue by (time, id), not by time alone.
    const orders = Array.from({ length: count }, (_, i) =>
      buildTikTokOrder({ create_time: 1_800_000_000 + (i >> 2) }),
    );
    const { upsertTikTokOrders } = await import("~/models/tiktok-order.server");
    await upsertTikTokOrders(shop.id, orders);
    const [, ...rows] = await rowsOf(await exportOrdersCsv(linkFor("export-big.myshopify.com", ""), NOW));
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row[0])).size).toBe(count);
  });

  it("refuses a link that was changed, signed for another store, or has expired, with 403", async () => {
    await storeWithOrders("export-a.myshopify.com", 2);
    await storeWithOrders("export-b.myshopify.com", 2);
    const link = linkFor("export-a.myshopify.com", "tab=all");
    const changed = (name: string, value: string) => {
      const url = new URL(link);
      url.searchParams.set(name, value);
      return url;
    };
    const attempts = [
      changed("shop", "export-b.myshopify.com"),
      changed("tab", "blocked"),
      changed("expires", String(Number(link.searchParams.get("expires")) + 3600)),
      changed("sig", "x".repeat(43)),
      new URL(link.toString().replace(/&sig=.*$/, "")),
      new URL(`${link.toString()}&shop=export-b.myshopify.com`),
    ];
    for (const url of attempts) {
      const response = await exportOrdersCsv(url, NOW);
      expect(response.status, url.search).toBe(403);
      expect(await response.text()).toMatch(/Export the orders again/);
    }
    const later = new Date(NOW.getTime() + EXPORT_TTL_SECONDS * 1000 + 1000);
    const expired = await exportOrdersCsv(link, later);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
  });

  it("exports only the signed store's orders", async () => {
    const a = await storeWithOrders("export-mine.myshopify.com", 2);
    await storeWithOrders("export-theirs.myshopify.com", 3);
    const [, ...rows] = await rowsOf(await exportOrdersCsv(linkFor("export-mine.myshopify.com", ""), NOW));
    expect(rows.map((row) => row[0]).sort()).toEqual(a.orders.map((order) => order.id).sort());
  });

  it("refuses to sign filters that can't be used, with the reason", () => {
    const result = createOrdersExport(
      "x.myshopify.com",
      new URL(`${APP}/app/orders?from=2026-12-09&to=2026-12-01`),
    );
    expect(result).toMatchObject({ init: { status: 400 }, data: { error: expect.stringMatching(/after/) } });
  });

  it("neutralises cells a spreadsheet would read as a formula", () => {
    expect(["=1+1", "+1", "-2", "@SUM(A1)", "\t=x", "TT-1", "#1001"].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\t=x",
      "TT-1",
      "#1001",
    ]);
    expect(csvCell('say "hi", =x')).toBe('"say ""hi"", =x"');
    expect(csvCell("=cmd|' /C calc'!A0,")).toBe(`"'=cmd|' /C calc'!A0,"`);
    expect(csvCell(null)).toBe("");
  });
});

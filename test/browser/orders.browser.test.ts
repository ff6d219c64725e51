import { readFileSync } from "node:fs";
import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { describeReason, REASON_CODES } from "~/sync/reasons";
import { settled, sharedDemo } from "./journey";

// The overview and the Orders list on the demo, as a merchant uses them: the first open, a count that opens
// its orders, the search, the dates, the position, the CSV export and a phone-sized screen.
let page: Page;
// No new order arrives mid-journey: the journeys compare lists read at different moments.
const journey = sharedDemo({
  shots: "orders",
  open: false,
  newOrders: false,
  ready: (started) => ({ page } = started),
});

const soon = { timeout: 30_000 };
const shoot = journey.shoot;
const nav = (name: string) => page.locator("ui-nav-menu").getByRole("link", { name, exact: true });
const rows = () => page.locator("tbody tr");
const search = () => page.getByPlaceholder("Search by order ID, order name, buyer or SKU");
const position = () => page.getByText(/^\d+–\d+ of \d+\+?$|^No orders$/);
/** The TikTok order ids the table shows, top to bottom. */
const shownIds = async () =>
  Promise.all(
    (await rows().all()).map(async (row) => (await row.getByRole("link").first().innerText()).trim()),
  );
const TITLES = REASON_CODES.map((code) => describeReason(code).title);
const placedDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    year: "numeric",
  });
const localDay = (iso: string) => new Date(iso).toLocaleDateString("en-CA");

/** The whole Orders list, from the navigation menu. */
async function openOrders() {
  await nav("Orders").click();
  // The list may be the one shown already (its address unchanged): wait for the navigation to finish, or
  // its answer re-renders the filters under the next click.
  await settled(page);
  await expect.poll(() => new URL(page.url()).search, soon).toBe("");
  await page.getByRole("columnheader", { name: "Reason for failure" }).waitFor(soon);
  await expect.poll(() => rows().count(), soon).toBeGreaterThan(1);
  // Remix changes the address before React has rendered the new list (a transition): the whole list is the
  // one with synced orders among its rows, which no list filtered for problems has.
  const syncedBadge = page.locator(".Polaris-Badge", { hasText: "Synced" });
  await expect.poll(() => rows().filter({ has: syncedBadge }).count(), soon).toBeGreaterThan(0);
}

/** The search and the filters, opened from their button unless they show already. */
async function openFilterBar() {
  if (!(await search().isVisible()))
    await page.getByRole("button", { name: "Search and filter results" }).click();
}

/** Types into the search box, as a merchant does, and waits for the list to show what it found. */
async function searchFor(text: string) {
  await openFilterBar();
  await search().fill(text);
  await expect.poll(() => page.url(), soon).toContain(`q=${encodeURIComponent(text).replace(/%20/g, "+")}`);
  await page.waitForLoadState("networkidle");
}

describe("the overview and the Orders list", () => {
  it("opens on the overview: the setup checklist and the orders that need a look", async () => {
    await page.goto(journey.demo.url);
    await page.getByRole("heading", { name: "Overview" }).waitFor(soon);
    const steps = page.getByRole("list", { name: "Setup steps" }).getByRole("listitem");
    await expect.poll(() => steps.count(), soon).toBe(4);
    const step = (title: string) => steps.filter({ hasText: title });
    // The demo's store is connected and on a plan with auto-sync on; the Travel Kit isn't linked.
    expect(await step("Connect your TikTok shop").getByText("Done").count()).toBe(1);
    expect(await step("Link your products").getByText("To do").count()).toBe(1);
    expect(await step("Choose a plan").getByText("Done").count()).toBe(1);
    expect(await step("Turn on auto-sync").getByText("Done").count()).toBe(1);
    expect(await step("Link your products").getByRole("link", { name: "Open Products" }).count()).toBe(1);
    expect(await step("Choose a plan").getByRole("link", { name: "Open Plan" }).count()).toBe(1);
    for (const count of ["Failed", "Needs your action", "Waiting"])
      expect(await page.getByRole("link", { name: new RegExp(`^${count}\\s*\\d+`) }).count()).toBe(1);
    await page.getByText(/orders? placed on TikTok/).waitFor(soon);
    await shoot("overview");
  });

  it("opens the Orders list of the blocked orders that need the merchant from their count", async () => {
    const count = page.getByRole("link", { name: /^Needs your action/ });
    const shown = Number(/(\d+)/.exec(await count.innerText())?.[1]);
    expect(shown).toBeGreaterThan(0);
    await count.click();
    await page.getByRole("columnheader", { name: "Reason for failure" }).waitFor(soon);
    await expect.poll(() => rows().count(), soon).toBeGreaterThanOrEqual(shown);
    expect(await rows().filter({ hasText: "Blocked" }).count()).toBe(await rows().count());
    // Left out on purpose, not the merchant's to fix.
    for (const skipped of ["Fulfilled by TikTok", "Cancelled on TikTok"])
      expect(await rows().filter({ hasText: skipped }).count()).toBe(0);
    expect(await rows().filter({ hasText: "Product not linked to Shopify" }).count()).toBeGreaterThan(0);
    // The list says it is filtered.
    expect(await page.getByRole("button", { name: /^Needs your action/ }).count()).toBe(1);
    const listed = await rows().count();
    expect(await position().innerText()).toBe(`1–${listed} of ${listed}`);
    await shoot("needs-action");
  });

  it("narrows the list by buyer name, Shopify order name and SKU, and says when nothing matches", async () => {
    await openOrders();
    // The list is taller than the window: the pagination follows its last row instead of covering rows.
    const last = await rows().last().boundingBox();
    const pagination = await page.getByRole("navigation", { name: "Pagination" }).boundingBox();
    expect((last?.y ?? 0) + (last?.height ?? 0)).toBeGreaterThan(1000);
    expect(pagination?.y ?? 0).toBeGreaterThanOrEqual((last?.y ?? 0) + (last?.height ?? 0) - 1);
    const synced = rows().filter({ hasText: "Synced" }).first();
    const orderName = (await synced.getByRole("link", { name: /^TT-/ }).innerText()).trim();
    const syncedId = (await synced.getByRole("link").first().innerText()).trim();

    await searchFor("Ava Reyes");
    await expect.poll(() => rows().count(), soon).toBe(1);
    expect(await rows().first().innerText()).toContain("Ava Reyes");
    expect(await position().innerText()).toBe("1–1 of 1");

    await searchFor(orderName.toLowerCase());
    await expect.poll(() => shownIds(), soon).toEqual([syncedId]);

    await searchFor("KIT-TRAVEL");
    await expect.poll(() => rows().count(), soon).toBeGreaterThan(0);
    const kits = await rows().count();
    expect(await rows().filter({ hasText: "Travel Kit" }).count()).toBe(kits);
    await shoot("search-sku");

    await searchFor("no-such-order");
    await page.getByText("No orders match “no-such-order”").waitFor(soon);
    expect(await rows().count()).toBe(0);
    await page.getByRole("button", { name: "Clear" }).first().click();
    // Cleared once the list has loaded again without the search.
    await expect.poll(() => new URL(page.url()).searchParams.has("q"), soon).toBe(false);
    await page.waitForLoadState("networkidle");
  });

  it("narrows the list to the orders placed between two dates, and exports them as CSV", async () => {
    await openOrders();
    // Each row's "Created" cell (the first is the checkbox's).
    const times = await Promise.all(
      (await rows().all()).map(
        async (row) => (await row.locator("td").nth(2).locator("time").getAttribute("datetime")) ?? "",
      ),
    );
    const oldest = times.map(localDay).sort()[0] ?? "";
    const ids = await shownIds();
    const expected = ids.filter((_, i) => localDay(times[i] ?? "") === oldest);
    expect(expected.length).toBeGreaterThan(0);

    await openFilterBar();
    await page.getByRole("button", { name: "Add filter" }).click();
    await page.getByText("Placed", { exact: true }).click();
    await page.getByLabel("From", { exact: true }).fill(oldest);
    await expect.poll(() => page.url(), soon).toContain(`from=${oldest}`);
    // The list loads again under the open filter; its pill opens it again if it closed.
    if (!(await page.getByLabel("To", { exact: true }).isVisible()))
      await page.getByRole("button", { name: /^Placed/ }).click();
    await page.getByLabel("To", { exact: true }).fill(oldest);
    await expect.poll(() => page.url(), soon).toContain(`to=${oldest}`);
    await expect.poll(() => shownIds(), soon).toEqual(expected);
    expect(await position().innerText()).toBe(`1–${expected.length} of ${expected.length}`);
    // The filter shows as a pill, with the dates chosen.
    const pill = page.getByRole("button", { name: `Placed on ${placedDay(oldest)}` });
    await pill.waitFor(soon);
    await page.getByRole("heading", { name: "Orders" }).click();
    await shoot("placed");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tiktok-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toBe(
      "TikTok order ID,Created at,Status,Reason code,Reason,Stage,Total,Currency,Shopify order",
    );
    expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(expected);
  });

  it("shows each row's status, reason and Sync on a 390 px wide phone, without scrolling sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${journey.demo.url}/app/orders?tab=blocked`);
    const items = page.locator(".Polaris-IndexTable__CondensedList > li");
    await expect.poll(() => items.count(), soon).toBeGreaterThan(0);
    for (const item of await items.all()) {
      const text = await item.innerText();
      const reason = TITLES.find((title) => text.includes(title)) ?? "no reason shown";
      for (const part of [
        item.getByText("Blocked", { exact: true }),
        item.getByText(reason, { exact: true }),
        item.getByRole("button", { name: "Sync" }),
      ]) {
        const box = await part.boundingBox();
        expect(box, await item.innerText()).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
        expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
      }
    }
    const list = await page.locator(".Polaris-IndexTable__CondensedList").boundingBox();
    expect((list?.x ?? 0) + (list?.width ?? 0)).toBeLessThanOrEqual(390);
    await shoot("phone");
  });
});

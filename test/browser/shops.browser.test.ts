import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sharedDemo } from "./journey";

// The demo's two TikTok shops, as a merchant meets them: the Orders list's TikTok shop column and its shop
// and currency filters, a UK order in GBP booked in the store's USD at the merchant's rate, the rate changed
// in Settings, and one shop's auto-sync set apart from the store's.
let page: Page;
const journey = sharedDemo({ shots: "shops", open: false, ready: (started) => ({ page } = started) });

const soon = { timeout: 30_000 };
const shoot = journey.shoot;
const UK = "Demo TikTok Shop UK";
const rows = () => page.locator("tbody tr");
const toast = (text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const nav = (name: string) => page.locator("ui-nav-menu").getByRole("link", { name, exact: true });
/** Each shown row's TikTok shop and total, as the table shows them. */
const shownRows = async () =>
  Promise.all(
    (await rows().all()).map(async (row) => {
      const cells = await row.locator("td").allInnerTexts();
      return { shop: cells[3]?.trim() ?? "", total: cells[6]?.trim() ?? "" };
    }),
  );

async function openSettings() {
  await page.goto(`${journey.demo.url}/app/settings`);
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor(soon);
  await page.waitForLoadState("networkidle");
}

/** Picks `choice` in the Orders list's filter `filter`, from Add filter, as a merchant does. */
async function filterBy(filter: string, choice: string) {
  if (!(await page.getByRole("button", { name: "Add filter" }).isVisible()))
    await page.getByRole("button", { name: "Search and filter results" }).click();
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.locator(".Polaris-Popover").getByText(filter, { exact: true }).click();
  await page.locator(".Polaris-Popover").getByText(choice, { exact: true }).click();
  // The filter shows as a pill once the list has loaded with it; only then does a click beside the open
  // filter close it (a click while nothing is applied yet would fold the filter bar away, pill and all).
  await page.getByRole("button", { name: `${filter}: ${choice}` }).waitFor(soon);
  await page.getByRole("heading", { name: "Orders" }).click();
}

describe("two TikTok shops in one store", () => {
  it("lists each order's TikTok shop and filters the list by shop and by currency", async () => {
    await page.goto(journey.demo.url);
    await nav("Orders").click();
    await page.getByRole("columnheader", { name: "TikTok shop" }).waitFor(soon);
    await expect.poll(() => rows().count(), soon).toBeGreaterThan(2);
    const shops = new Set((await shownRows()).map((row) => row.shop));
    expect(shops).toEqual(new Set(["Demo TikTok Shop", UK]));

    await filterBy("TikTok shop", UK);
    await expect.poll(() => new URL(page.url()).searchParams.get("shop"), soon).not.toBeNull();
    await expect
      .poll(async () => new Set((await shownRows()).map((row) => row.shop)), soon)
      .toEqual(new Set([UK]));
    const ukRows = await shownRows();
    expect(ukRows.length).toBe(2);
    // They wait for the merchant's rate: the store is in USD.
    expect(await page.getByText("No exchange rate for this currency").count()).toBe(2);
    for (const row of ukRows) expect(row.total).toMatch(/ GBP$/);
    await page.getByRole("button", { name: `TikTok shop: ${UK}` }).waitFor(soon);
    await shoot("uk-orders");

    // The currency filter, instead of the shop's: the same orders.
    await page.getByRole("button", { name: "Clear all" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("shop"), soon).toBeNull();
    await filterBy("Currency", "GBP");
    await expect.poll(() => new URL(page.url()).searchParams.get("currency"), soon).toBe("GBP");
    await expect
      .poll(async () => (await shownRows()).map((row) => row.total), soon)
      .toEqual(ukRows.map((row) => row.total));
  });

  it("sets the GBP rate in Settings: the UK orders that waited for it sync, and it reads back after a reload", async () => {
    await openSettings();
    const rate = () => page.getByLabel("1 GBP in USD", { exact: true });
    expect(await rate().inputValue()).toBe("");
    expect(await page.getByText("Orders in GBP wait for this rate.").count()).toBe(1);
    // A wrong rate first: an inline error, nothing saved.
    await rate().fill("one point two");
    await page.getByRole("button", { name: "Save rate for GBP" }).click();
    await page.getByText("Enter the rate as a number with at most six decimals, such as 1.27.").waitFor(soon);
    await shoot("rate-invalid");
    await openSettings();
    expect(await rate().inputValue()).toBe("");

    await rate().fill("1.27");
    await page.getByRole("button", { name: "Save rate for GBP" }).click();
    await expect.poll(() => toast("Rate for GBP saved. 2 orders are syncing now.").count(), soon).toBe(1);
    await openSettings();
    expect(await rate().inputValue()).toBe("1.27");
    await shoot("rate-saved");
  });

  it("shows a UK order in GBP, booked in Shopify in USD at the merchant's rate", async () => {
    await nav("Orders").click();
    await filterBy("TikTok shop", UK);
    const synced = rows().filter({ has: page.locator(".Polaris-Badge", { hasText: "Synced" }) });
    await expect.poll(() => synced.count(), soon).toBe(2);
    await synced.first().getByRole("link").first().click();
    await page.getByText(`Shop: ${UK}`).waitFor(soon);
    await page
      .getByText(/at 1 GBP = 1\.27 USD/)
      .first()
      .waitFor(soon);
    await shoot("uk-order");
  });

  it("sets one shop's auto-sync apart from the store's, both ways, each read back after a reload", async () => {
    await openSettings();
    const select = () => page.getByLabel(`Auto-sync for ${UK}`, { exact: true });
    expect(await select().inputValue()).toBe("store");
    for (const [value, said] of [
      ["off", "Auto-sync off for this TikTok shop"],
      ["on", "Auto-sync on for this TikTok shop"],
      ["store", "Auto-sync on for this TikTok shop"],
    ] as const) {
      await select().selectOption(value);
      await expect.poll(() => toast(said).count(), soon).toBeGreaterThan(0);
      await openSettings();
      expect(await select().inputValue(), `after choosing ${value}`).toBe(value);
    }
    await shoot("auto-sync");
  });
});

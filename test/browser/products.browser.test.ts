import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sharedDemo } from "./journey";

// Linking by hand and unlinking on the Products page, through clicks: the demo's Travel Kit is not linked
// and has a blocked order; linking it syncs that order, and unlinking asks first.
let page: Page;
const journey = sharedDemo({ shots: "products", ready: (started) => ({ page } = started) });

const soon = { timeout: 20_000 };
const travelKit = () => page.locator("tr", { hasText: "Travel Kit" });
const openProducts = async () => {
  await page.locator("ui-nav-menu").getByRole("link", { name: "Products", exact: true }).click();
  await travelKit().first().waitFor({ timeout: 30_000 });
};

describe("linking products", () => {
  it("links the Travel Kit by hand, and its blocked order is queued to sync", async () => {
    await openProducts();
    expect(await travelKit().getByText("Not linked").count()).toBe(1);
    await travelKit()
      .getByRole("button", { name: /^Link Travel Kit/ })
      .click();
    const dialog = page.getByRole("dialog");
    // The search starts from the SKU's seller SKU; searching by the product's title finds it too.
    await expect.poll(() => dialog.getByLabel("Search Shopify variants").inputValue()).toBe("KIT-TRAVEL");
    await dialog.getByLabel("Search Shopify variants").fill("Travel");
    await dialog.getByText("Travel Kit - Default Title").click({ timeout: 15_000 });
    await expect
      .poll(() => page.getByText(/^Linked; 1 blocked order queued to sync again$/).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect
      .poll(() => travelKit().getByText("Linked", { exact: true }).count(), { timeout: 30_000 })
      .toBe(1);
    await journey.shoot("linked");

    // The order that waited on it: synced, and its attempts say a link started the sync (opened again until
    // the worker has synced it, as a merchant would look again).
    await expect
      .poll(
        async () => {
          await page.locator("ui-nav-menu").getByRole("link", { name: "Orders", exact: true }).click();
          await page.locator("tr", { hasText: "Travel Kit" }).first().getByRole("link").first().click();
          await page.getByRole("heading", { name: "Sync attempts" }).waitFor(soon);
          return page.getByText("A product was linked", { exact: true }).count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await openProducts();
  });

  it("asks before unlinking: Cancel keeps the link, Unlink removes it", async () => {
    await travelKit()
      .getByRole("button", { name: /^Unlink Travel Kit/ })
      .click();
    const dialog = page.getByRole("dialog", { name: /^Unlink Travel Kit/ });
    await expect.poll(() => dialog.getByText(/will wait as Blocked/).count()).toBe(1);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await travelKit().getByText("Linked", { exact: true }).count()).toBe(1);

    await travelKit()
      .getByRole("button", { name: /^Unlink Travel Kit/ })
      .click();
    await page
      .getByRole("dialog", { name: /^Unlink Travel Kit/ })
      .getByRole("button", { name: "Unlink" })
      .click();
    await expect.poll(() => page.getByText("Unlinked", { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => travelKit().getByText("Not linked").count(), { timeout: 30_000 }).toBe(1);
    // What is stored: the page loaded again, as the admin opens it, says the same.
    await page.goto(`${journey.demo.url}/app/products`);
    await travelKit().first().waitFor({ timeout: 30_000 });
    expect(await travelKit().getByText("Not linked").count()).toBe(1);
  });

  it("logged no error", () => {
    expect(journey.consoleErrors()).toEqual([]);
  });
});

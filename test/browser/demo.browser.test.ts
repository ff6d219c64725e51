import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sharedDemo } from "./journey";

// The README's run command, driven in Debian's Chromium as a merchant would use it. The screenshots go to
// test-results/ (git-ignored), to look at after a run; `npm run screenshots` refreshes the README's.
let page: Page;
const journey = sharedDemo({ shots: "demo", open: false, ready: (started) => ({ page } = started) });

const row = (text: string) => page.locator("tr", { hasText: text });
const shoot = journey.shoot;

describe("the demo in a browser", () => {
  it("shows the Orders tab with its reasons and counts", async () => {
    await page.goto(`${journey.demo.url}/app/orders`);
    await expect
      .poll(() => page.getByRole("columnheader", { name: "Reason for failure" }).count(), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => row("Product not linked to Shopify").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const blockedTab = await page.getByRole("tab").filter({ hasText: "Blocked" }).innerText();
    expect(blockedTab).toMatch(/^Blocked[\s\S]*\b\d+$/);
    await shoot("orders");
  });

  it("syncs an on-hold order when Sync is clicked", async () => {
    const onHold = row("On hold at TikTok").first();
    const orderId = (await onHold.locator("td").nth(1).innerText()).trim();
    await onHold.getByRole("button", { name: "Sync" }).click();
    // Sync forces an on-hold order past its check: it asks first, saying the order is created without an address.
    await page.getByRole("dialog").getByRole("button", { name: "Create without address" }).click();
    await expect.poll(async () => row(orderId).getByText("Synced").count(), { timeout: 30_000 }).toBe(1);
  });

  it("links a product and the orders blocked on it sync", async () => {
    await page.getByRole("link", { name: "Products" }).first().click();
    await page.getByRole("button", { name: "Auto-link by SKU" }).click();
    await page.getByRole("button", { name: /^Link \d+ SKUs?$/ }).click();
    await shoot("products");
    await page.getByRole("link", { name: "Orders" }).first().click();
    await expect
      .poll(
        async () => {
          await page.getByRole("link", { name: "Orders" }).first().click();
          return row("Travel Kit").filter({ hasText: "Synced" }).count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(await row("Product not linked to Shopify").count()).toBe(0);
  });

  it("shows an inline error for an invalid setting and saves nothing", async () => {
    await page.getByRole("link", { name: "Settings" }).first().click();
    await page.getByLabel("Order name format").fill("TikTok order");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const error = page.getByText("The order name format must contain {id}, the TikTok order id.");
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shoot("settings");
    // Leave and come back: the page loads what is stored.
    await page.getByRole("link", { name: "Orders" }).first().click();
    await page.getByRole("link", { name: "Settings" }).first().click();
    await expect
      .poll(() => page.getByLabel("Order name format").inputValue(), { timeout: 15_000 })
      .toBe("TT-{id}");
  });

  it("shows the plan, and changes it through Shopify's approval page", async () => {
    await page.goto(`${journey.demo.url}/app/plan`);
    const current = page.getByRole("button", { name: "Current plan" });
    await expect.poll(() => current.count(), { timeout: 30_000 }).toBe(1);
    await shoot("plan");
    await page.getByRole("button", { name: "Choose Standard Annual" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Approve subscription: Standard Annual" }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    // The store's plan has no trial left: a switch doesn't grant a new one.
    expect(await page.getByText(/^Free trial/).count()).toBe(0);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(() => page.getByText("Standard Annual is active.").count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByText(/^Free trial until/).count()).toBe(0);
  });
});

import AxeBuilder from "@axe-core/playwright";
import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { settled, sharedDemo } from "./journey";

// Every page of the app, reached through its navigation as a merchant would: axe-core finds no serious or
// critical accessibility violation, each page has a title and one main landmark, no page logs an error, and
// at a phone's width (390 px) nothing needs scrolling sideways.
let page: Page;
const journey = sharedDemo({ shots: "mobile", ready: (started) => ({ page } = started) });

const PAGES = [
  { nav: "Overview", title: /^Overview · TikTok Order Sync$/ },
  { nav: "Orders", title: /^Orders · TikTok Order Sync$/ },
  { nav: "Products", title: /^Products · TikTok Order Sync$/ },
  { nav: "Settings", title: /^Settings · TikTok Order Sync$/ },
  { nav: "Plan", title: /^Plan · TikTok Order Sync$/ },
];

/** Opens the page by its navigation link and waits until it is that page (its title), not the one before. */
async function open(nav: string) {
  await page.locator("ui-nav-menu").getByRole("link", { name: nav, exact: true }).click();
  await settled(page);
  await expect.poll(() => page.title()).toBe(`${nav} · TikTok Order Sync`);
  await page.waitForLoadState("networkidle");
}

async function seriousViolations() {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

describe("every page, for every merchant", () => {
  it.each(PAGES)("$nav has a title, one main landmark and no serious accessibility violation", async (p) => {
    await open(p.nav);
    await expect.poll(() => page.title()).toMatch(p.title);
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it("an order's page too, opened from the Orders list", async () => {
    await open("Orders");
    const first = page.locator("a[href^='/app/orders/']").first();
    const id = (await first.innerText()).trim();
    await first.click();
    await expect.poll(() => page.title()).toBe(`Order ${id} · TikTok Order Sync`);
    expect(await seriousViolations()).toEqual([]);
  });

  it("fits a phone's width on every page, with each page's main controls in reach", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of PAGES) {
      await open(p.nav);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${p.nav} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await journey.shoot(p.nav.toLowerCase());
    }
    await open("Products");
    const link = page.getByRole("button", { name: /^(Link|Change) / }).first();
    const box = await link.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it("logged no error on any page", () => {
    expect(journey.consoleErrors()).toEqual([]);
  });
});

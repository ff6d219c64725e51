import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The README's run command, driven in Debian's Chromium as a merchant would use it.
const PORT = 3917 + Math.floor(Math.random() * 500);
let demo: ChildProcess;
let browser: BrowserContext;
let page: Page;
let appUrl = "";

beforeAll(async () => {
  demo = spawn("npm", ["run", "demo"], {
    // The demo's own defaults, not the test environment's (which names an app URL that doesn't resolve).
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(PORT),
      DEMO_DATA_DIR: mkdtempSync(path.join(tmpdir(), "demo-")),
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  appUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    demo.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open the app as Shopify admin would:\s+(\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    demo.on("exit", (code) => reject(new Error(`The demo stopped (${code}): ${output.slice(-2000)}`)));
  });
  browser = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "chromium-")), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    viewport: { width: 1400, height: 1000 },
    // Headless Chromium announces itself as a bot, which Shopify's library answers with 410 Gone.
    userAgent:
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (demo?.pid) process.kill(-demo.pid, "SIGTERM");
});

const row = (text: string) => page.locator("tr", { hasText: text });
const screenshot = (name: string) =>
  page.screenshot({ path: path.join("docs", "screenshots", `${name}.png`), fullPage: true });

describe("the demo in a browser", () => {
  it("shows the Orders tab with its reasons and counts", async () => {
    await page.goto(appUrl);
    await expect
      .poll(() => page.getByRole("columnheader", { name: "Reason for failure" }).count(), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => row("Product not linked to Shopify").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const blockedTab = await page.getByRole("tab").filter({ hasText: "Blocked" }).innerText();
    expect(blockedTab).toMatch(/^Blocked[\s\S]*\b\d+$/);
    await screenshot("orders");
  });

  it("syncs an on-hold order when Sync is clicked", async () => {
    const onHold = row("On hold at TikTok").first();
    const orderId = (await onHold.locator("td").nth(1).innerText()).trim();
    await onHold.getByRole("button", { name: "Sync" }).click();
    await expect.poll(async () => row(orderId).getByText("Synced").count(), { timeout: 30_000 }).toBe(1);
  });

  it("links a product and the orders blocked on it sync", async () => {
    await page.getByRole("link", { name: "Products" }).first().click();
    await page.getByRole("button", { name: "Auto-link by SKU" }).click();
    await page.getByRole("button", { name: /^Link \d+ SKUs?$/ }).click();
    await screenshot("products");
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
    await page.getByRole("button", { name: "Save" }).click();
    const error = page.getByText("The order name format must contain {id}, the TikTok order id.");
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot("settings");
    // Leave and come back: the page loads what is stored.
    await page.getByRole("link", { name: "Orders" }).first().click();
    await page.getByRole("link", { name: "Settings" }).first().click();
    await expect
      .poll(() => page.getByLabel("Order name format").inputValue(), { timeout: 15_000 })
      .toBe("TT-{id}");
  });

  it("shows the plan, and changes it through Shopify's approval page", async () => {
    await page.goto(`${appUrl}/app/plan`);
    const current = page.getByRole("button", { name: "Current plan" });
    await expect.poll(() => current.count(), { timeout: 30_000 }).toBe(1);
    await screenshot("plan");
    await page.getByRole("button", { name: "Choose Standard Annual" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Approve subscription: Standard Annual" }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(() => page.getByText("Standard Annual is active.").count(), { timeout: 30_000 })
      .toBe(1);
  });
});

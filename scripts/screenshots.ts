// npm run screenshots: refreshes the README's screenshots (docs/screenshots/*.png) on purpose. It starts the
// demo (npm run demo) on free ports, opens its Orders, Products, Settings and Plan pages in Debian's Chromium
// (CHROMIUM_PATH to use another) as the browser test does, writes one PNG per page, and stops both.
// The browser test writes its own screenshots to test-results/screenshots/, which git ignores.
import path from "node:path";
import { type Locator } from "playwright-core";
import { openBrowser, screenshot, startDemo, type Browser, type Demo } from "../test/browser/demo-session";

const dir = path.resolve(import.meta.dirname, "..", "docs", "screenshots");
const visible = (locator: Locator) => locator.first().waitFor({ timeout: 30_000 });

let demo: Demo | undefined;
let browser: Browser | undefined;
let stopping: Promise<void> | undefined;
const stop = () => (stopping ??= closeAll());
async function closeAll() {
  try {
    await browser?.close();
  } finally {
    await demo?.stop();
  }
}
// Ctrl-C: the demo runs in a process group of its own, so it would outlive this one. (Interrupted while
// the demo starts, exiting is enough: startDemo stops the demo when this process exits.)
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.once(name, () => void stop().finally(() => process.exit(130)));
}

try {
  console.log("Starting the demo…");
  demo = await startDemo();
  browser = await openBrowser();
  const { page } = browser;
  const shoot = async (name: string) => {
    await screenshot(page, dir, name);
    console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, `${name}.png`))}`);
  };

  // Orders: the demo's Blocked and Failed orders, each with its reason.
  await page.goto(demo.url);
  await visible(page.getByRole("columnheader", { name: "Reason for failure" }));
  await visible(page.locator("tr", { hasText: "Product not linked to Shopify" }));
  await shoot("orders");

  // Products: the TikTok SKUs and their links, one of them not linked.
  await page.getByRole("link", { name: "Products" }).first().click();
  await visible(page.getByRole("button", { name: "Auto-link by SKU" }));
  await visible(page.locator("tr", { hasText: "Not linked" }));
  await shoot("products");

  // Settings: an invalid order name format, refused with its inline error (nothing is saved).
  await page.getByRole("link", { name: "Settings" }).first().click();
  await page.getByLabel("Order name format").fill("TikTok order");
  await page.getByRole("button", { name: "Save" }).click();
  await visible(page.getByText("The order name format must contain {id}, the TikTok order id."));
  await shoot("settings");

  // Plan: the plans, the current one marked.
  await page.goto(`${demo.url}/app/plan`);
  await visible(page.getByRole("button", { name: "Current plan" }));
  await shoot("plan");
} finally {
  await stop();
}

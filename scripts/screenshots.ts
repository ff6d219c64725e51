// npm run screenshots: refreshes the README's screenshots (docs/screenshots/*.png) on purpose. It starts the
// demo (npm run demo) on free ports, opens its Overview, Orders, an order, Products, Settings and Plan pages,
// an order's page in Shopify admin (the stand-in's, with the app's block), and Orders at a phone's width, in
// Debian's Chromium (CHROMIUM_PATH to use another) as the browser test does, writes one PNG per page, and
// stops both.
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

  const nav = (name: string) => page.locator("ui-nav-menu").getByRole("link", { name, exact: true }).click();

  // Overview: where the setup stands and what needs attention.
  await page.goto(demo.url);
  await visible(page.getByRole("heading", { name: "Overview" }));
  await page.waitForLoadState("networkidle");
  await shoot("overview");

  // Orders: the demo's Blocked and Failed orders, each with its reason.
  await nav("Orders");
  await visible(page.getByRole("columnheader", { name: "Reason for failure" }));
  await visible(page.locator("tr", { hasText: "Product not linked to Shopify" }));
  await shoot("orders");

  // An order: why it is blocked, what to do, and every attempt.
  await page
    .locator("tr", { hasText: "Product not linked to Shopify" })
    .first()
    .getByRole("link")
    .first()
    .click();
  await visible(page.getByRole("heading", { name: /^Order / }));
  await page.waitForLoadState("networkidle");
  await shoot("order");

  // Products: the TikTok SKUs and their links, one of them not linked.
  await nav("Products");
  await visible(page.getByRole("button", { name: "Auto-link by SKU" }));
  await visible(page.locator("tr", { hasText: "Not linked" }));
  await shoot("products");

  // Settings, as saved.
  await nav("Settings");
  await visible(page.getByLabel("Order name format"));
  await shoot("settings");

  // Plan: the plans, the current one marked.
  await nav("Plan");
  await visible(page.getByRole("button", { name: "Current plan" }));
  await shoot("plan");

  // Shopify admin's order page (the Shopify stand-in's) of an order the app created: the app's block beside
  // it, and Sync from TikTok under More actions.
  const [created] = await demo.shopify.listOrders("demo-store.myshopify.com");
  const number = created?.id.split("/").pop();
  if (!number) throw new Error("The demo store has no Shopify order to show.");
  await page.goto(`${new URL(demo.url).origin}/store/demo-store/orders/${number}`);
  await visible(page.frameLocator("iframe[title='TikTok order']").getByText("Open in TikTok Order Sync"));
  await page.getByRole("button", { name: "More actions" }).click();
  await visible(page.getByRole("menuitem", { name: "Sync from TikTok" }));
  await shoot("shopify-order");

  // Orders on a phone: each row condensed to its order, status, reason and Sync.
  await page.goto(demo.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await nav("Orders");
  await visible(page.getByText("Product not linked to Shopify"));
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(dir, "orders-mobile.png") });
  console.log("Wrote docs/screenshots/orders-mobile.png");
} finally {
  await stop();
}

import { type Locator, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { StandinControl } from "../../tools/shopify-standin/control/client";
import { sharedDemo } from "./journey";

// Sync in the demo, driven in Chromium as a merchant would: what each order says (a problem, a choice or
// a wait), the confirmation before Sync forces an order, and what every Sync says it did.
let page: Page;
const journey = sharedDemo({ shots: "sync", ready: (started) => ({ page } = started) });

const soon = { timeout: 20_000 };
const shoot = journey.shoot;
const row = (text: string | RegExp) => page.locator("tr", { hasText: text }).first();
const toast = (text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
/** Waits for a toast that says `text`; a failure lists the toasts that were shown instead. */
const saysToast = (text: RegExp) =>
  expect
    .poll(() => page.getByRole("status").allInnerTexts(), soon)
    .toContainEqual(expect.stringMatching(text));
const dialog = () => page.getByRole("dialog");
const nav = (name: string) => page.locator("ui-nav-menu").getByRole("link", { name, exact: true });
const toneOf = async (badge: Locator) => /tone(\w+)/.exec((await badge.getAttribute("class")) ?? "")?.[1];
const badgeIn = (where: Locator, label: string) =>
  where.locator(".Polaris-Badge", { hasText: label }).first();

/** The Orders list, reached as a merchant does: from the navigation menu. */
async function openOrders() {
  await nav("Orders").click();
  await page.getByRole("columnheader", { name: "Reason for failure" }).waitFor(soon);
}

/** The TikTok order id of a row, from its first cell. */
const orderIdOf = async (found: Locator) => (await found.locator("td").nth(1).innerText()).trim();

async function saveSettings(autoSync: boolean) {
  await nav("Settings").click();
  const box = page.getByRole("checkbox", { name: "Sync TikTok orders automatically" });
  await box.waitFor(soon);
  await page.waitForLoadState("networkidle");
  if ((await box.isChecked()) !== autoSync) await box.click();
  await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
  await expect.poll(() => toast(/^Settings saved/).count(), soon).toBeGreaterThan(0);
}

describe("Sync in a browser", () => {
  it("asks before creating an order on hold, then says it was created without an address", async () => {
    await openOrders();
    const onHold = row("On hold at TikTok");
    await onHold.waitFor(soon);
    const id = await orderIdOf(onHold);
    expect(await onHold.getByText(/^Until about /).count()).toBe(1);
    expect(await toneOf(badgeIn(onHold, "Waiting"))).toBe("Info");
    await onHold.getByRole("button", { name: "Sync" }).click();
    await dialog().getByText("without a shipping address").first().waitFor(soon);
    await shoot("confirm-on-hold");
    await dialog().getByRole("button", { name: "Create without address" }).click();
    await saysToast(/^Created in Shopify as \S+ without an address; tagged 'TikTok address pending'/);
    await expect.poll(() => row(id).getByText("Synced").count(), soon).toBe(1);
  });

  it("asks before Sync selected forces orders, and sums up why the others are still blocked", async () => {
    const select = (text: string) => row(text).getByRole("checkbox").check();
    const cancelledId = await orderIdOf(row("Cancelled on TikTok"));
    const reasons = [
      "Placed before your TikTok shop was connected",
      "Fulfilled by TikTok",
      "Product not linked to Shopify",
    ];
    for (const reason of ["Cancelled on TikTok", ...reasons]) await select(reason);
    await page.getByRole("button", { name: "Sync selected" }).click();
    await dialog().getByRole("heading", { name: "Sync 4 orders?" }).waitFor(soon);
    const cancelling = "1 order is cancelled on TikTok: it is created in Shopify and cancelled at once";
    expect(await dialog().getByText(cancelling).count()).toBe(1);
    const early = "1 order is placed before TikTok was connected: it is created in Shopify like a new order";
    expect(await dialog().getByText(early).count()).toBe(1);
    await shoot("confirm-bulk");
    await dialog().getByRole("button", { name: "Cancel", exact: true }).click();
    await expect.poll(() => dialog().count(), soon).toBe(0);
    await page.waitForTimeout(1000);
    expect(await page.getByText("Sync finished").count()).toBe(0);
    expect(await row(cancelledId).getByText("Blocked").count()).toBe(1);

    for (const reason of reasons) await select(reason);
    await page.getByRole("button", { name: "Sync selected" }).click();
    await dialog().getByRole("button", { name: "Sync 3 orders" }).click();
    const summary = page.getByText(
      "1 synced · 2 still blocked: 1 Product not linked to Shopify, 1 Fulfilled by TikTok",
    );
    await expect.poll(() => summary.count(), { timeout: 30_000 }).toBe(1);
    await shoot("bulk-summary");
  });

  it("asks before creating a cancelled order: Cancel does nothing, confirming creates and cancels it", async () => {
    const cancelled = row("Cancelled on TikTok");
    const id = await orderIdOf(cancelled);
    expect(await toneOf(badgeIn(cancelled, "Skipped on purpose"))).toBeUndefined();
    expect(await toneOf(badgeIn(row("Product not linked to Shopify"), "Needs your action"))).toBe("Warning");
    await cancelled.getByRole("button", { name: "Sync" }).click();
    await dialog().getByRole("heading", { name: "Create this cancelled order in Shopify?" }).waitFor(soon);
    expect(
      await dialog()
        .getByText(/cancelled at once, as on TikTok/)
        .count(),
    ).toBe(1);
    await dialog().getByRole("button", { name: "Cancel", exact: true }).click();
    await expect.poll(() => dialog().count(), soon).toBe(0);
    await page.waitForTimeout(1000);
    expect(await row(id).getByText("Blocked").count()).toBe(1);
    expect(await toast(/ and cancelled, as on TikTok/).count()).toBe(0);

    await row(id).getByRole("button", { name: "Sync" }).click();
    await dialog().getByRole("button", { name: "Create and cancel" }).click();
    await saysToast(/^Created in Shopify as \S+ and cancelled, as on TikTok \(stock restored\)$/);
    await expect.poll(() => row(id).getByText("Created and cancelled, as on TikTok").count(), soon).toBe(1);
  });

  it("shows what Shopify refused in plain words, in the toast, the row and the order page", async () => {
    const plain = "Shopify doesn't have enough stock of Jade Roller for this order.";
    const stock = row("Not enough stock in Shopify");
    expect(await stock.getByText(plain).count()).toBe(1);
    const zip = "Shopify refused the ZIP code '9021' of the shipping address.";
    expect(await row("Shopify refused a value in the order").getByText(zip).count()).toBe(1);
    await stock.getByRole("button", { name: "Sync" }).click();
    await expect.poll(() => toast(`Not synced: ${plain}`).count(), soon).toBe(1);
    await shoot("failed-row");

    await stock.getByRole("link").first().click();
    const card = page.getByRole("alert").filter({ hasText: "Not enough stock in Shopify" });
    await card.waitFor(soon);
    expect(await card.getByText(plain).count()).toBe(1);
    expect(await toneOf(badgeIn(card, "Needs your action"))).toBe("Critical");
    expect(await page.getByText("order.lineItems: Line items Unable to reserve inventory").count()).toBe(2);
    expect(await page.getByText("Sync clicked", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText("Status: Awaiting shipment").count()).toBe(1);
    expect(await page.getByText("AWAITING_SHIPMENT", { exact: false }).isVisible()).toBe(false);
    // Money in the merchant's words: TikTok's field names only on hover.
    for (const field of ["total_amount", "sub_total", "original_total_product_price"])
      expect(await page.getByText(field, { exact: true }).count(), field).toBe(0);
    expect(await page.getByText("Products at original prices").count()).toBe(1);
    await shoot("failed-order");
  });

  it("gives a skipped order a plain card, and a link in a warning banner that reads as a link", async () => {
    await openOrders();
    await row("Fulfilled by TikTok").getByRole("link").first().click();
    const skipped = badgeIn(page.locator("main"), "Skipped on purpose");
    await skipped.waitFor(soon);
    expect(await toneOf(skipped)).toBeUndefined();
    expect(await page.getByRole("alert").count()).toBe(0);

    await openOrders();
    await row("Linked Shopify product was deleted").getByRole("link").first().click();
    const fix = page.getByRole("alert").getByRole("link", { name: "Fix in Products" });
    await fix.waitFor(soon);
    expect(await fix.evaluate((link) => getComputedStyle(link).textDecorationLine)).toBe("underline");
    await fix.click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor(soon);
  });

  it("says when a wait ends, and when a fixed cause lets Sync through", async () => {
    await openOrders();
    const sample = row("Sample order waiting to be combined");
    expect(await sample.getByText(/^Until /).count()).toBe(1);
    expect(await toneOf(badgeIn(sample, "Waiting"))).toBe("Info");

    const autoSync = row("Auto-sync is turned off");
    const id = await orderIdOf(autoSync);
    expect(await autoSync.getByText("Fixed — click Sync").count()).toBe(1);
    await saveSettings(false);
    await openOrders();
    expect(await row(id).getByText("Fix in Settings").count()).toBe(1);
    expect(await row(id).getByRole("button", { name: /^Sync/ }).isDisabled()).toBe(true);
    await saveSettings(true);
    // The order is queued again and the worker syncs it: the list shows it once it has (opened again until
    // then, as a merchant would look again).
    await expect
      .poll(
        async () => {
          await openOrders();
          return row(id).getByText("Synced").count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(1);

    // On the Blocked tab the synced order leaves the list with its Sync button: what it did is still said.
    await page.getByRole("tab").filter({ hasText: "Blocked" }).click();
    const samples = row("Sample orders are set not to sync");
    await samples.waitFor(soon);
    expect(await samples.getByText("Fixed — click Sync").count()).toBe(1);
    const sampleId = await orderIdOf(samples);
    await samples.getByRole("button", { name: "Sync" }).click();
    await saysToast(/^Created in Shopify as \S+$/);
    await expect.poll(() => row(sampleId).count(), soon).toBe(0);
  });

  it("says how an order is received and sold: a pick-up point, a pre-order, a replacement, also on a phone", async () => {
    const orders = await journey.demo.tiktok.listOrders();
    const idOf = (found: (order: (typeof orders)[number]) => boolean) =>
      orders.find(found)?.id ?? "no such order in the demo";
    const cases = [
      {
        id: idOf((order) => order.delivery_type === "COLLECTION_POINT"),
        says: "Delivery: Collected by the buyer at a pick-up point",
      },
      {
        id: idOf((order) => order.order_type === "PRE_ORDER"),
        says: "Order type: Pre-order: it ships later than TikTok's usual handling time",
      },
      {
        id: idOf((order) => order.is_replacement_order === true),
        says: "Replacement for TikTok order 576461413038785001: the buyer was not charged again.",
      },
    ];
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 400 ? 1000 : 844 });
      for (const { id, says } of cases) {
        // A phone shows the list as condensed rows, without the table's headers: the order's link is there.
        await nav("Orders").click();
        await page.getByRole("link", { name: id, exact: true }).click();
        const line = page.getByText(says, { exact: true });
        await line.waitFor(soon);
        expect(await line.isVisible()).toBe(true);
        // Nothing needs scrolling sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      await shoot(`order-details-${width}`);
    }
  });

  it("shows a cash-on-delivery order unpaid until TikTok reports it delivered, then paid", async () => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const cod = (await journey.demo.tiktok.listOrders()).find((order) => order.is_cod === true);
    const id = cod?.id ?? "no COD order in the demo";
    const openOrder = async () => {
      await openOrders();
      await page.getByRole("link", { name: id, exact: true }).click();
      await page.getByText(/^Payment: /).waitFor(soon);
    };
    await openOrders();
    await row(id).getByText("Cash on delivery: unpaid until delivered").waitFor(soon);
    await openOrder();
    expect(await page.getByText("Payment: Cash on delivery").count()).toBe(1);
    await page
      .getByText(/^Cash on delivery: unpaid in Shopify until TikTok reports the order delivered/)
      .waitFor(soon);
    await shoot("cod-unpaid");

    // The courier delivers it and collects the cash: TikTok says so, and the app records the payment.
    await journey.demo.tiktok.setOrderStatus(id, "DELIVERED");
    await expect
      .poll(
        async () => {
          await openOrder();
          return page.getByText(/^Paid on delivery: the cash the courier collected is recorded/).count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(1);
    await shoot("cod-paid");
    const shopify = new StandinControl(new URL(journey.demo.url).origin);
    const inShopify = (await shopify.listOrders("demo-store.myshopify.com")).find(
      (order) => order.sourceIdentifier === id,
    );
    expect(inShopify?.financialStatus).toBe("PAID");
    expect(inShopify?.transactions.map((transaction) => transaction.gateway)).toEqual([
      "Cash on Delivery (COD)",
    ]);
  });
});

import { readFileSync } from "node:fs";
import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { StandinControl } from "../../tools/shopify-standin/control/client";
import { openBrowser } from "./demo-session";
import { sharedDemo } from "./journey";

// The Settings page of the demo, driven in Chromium as a merchant would: Shopify admin's save bar (the
// App Bridge stand-in's), every field saved and read back, and the demo's two TikTok shops (US and UK)
// disconnected one by one and connected again through the TikTok stand-in's authorization page and the
// choice of shops it leads to.
let page: Page;
const journey = sharedDemo({ shots: "settings", open: false, ready: (started) => ({ page } = started) });

const shoot = journey.shoot;
const saveBar = () => page.locator("ui-save-bar");
const field = (label: string) => page.getByLabel(label, { exact: true });
const checkbox = (label: string) => page.getByRole("checkbox", { name: label });
const toast = (text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const soon = { timeout: 20_000 };

/** Open (or reload) Settings as Shopify admin does, and wait until the page answers clicks. */
async function openSettings() {
  await page.goto(`${journey.demo.url}/app/settings`);
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor(soon);
  await page.waitForLoadState("networkidle");
}

/** Save through the save bar: it closes, and the toast says so. */
async function saveWithSaveBar(said: string | RegExp = "Settings saved") {
  expect(await saveBar().isVisible()).toBe(true);
  await saveBar().getByRole("button", { name: "Save" }).click();
  await expect.poll(() => saveBar().isVisible(), soon).toBe(false);
  await expect.poll(() => toast(said).count(), soon).toBeGreaterThan(0);
}

const values = async () => ({
  sampleOrders: await field("Sample orders").inputValue(),
  combineWindow: await field("Combine window (minutes)").inputValue(),
  sampleTag: await field("Sample order tag").inputValue(),
  onHold: await field("Orders on hold").inputValue(),
  orderTags: await field("Order tags").inputValue(),
  nameFormat: await field("Order name format").inputValue(),
  inventory: await field("Inventory").inputValue(),
});

/** "Synced 12" → 12, from the Orders page's tab. */
async function syncedCount(): Promise<number> {
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  const tab = page.getByRole("tab").filter({ hasText: "Synced" });
  await tab.waitFor(soon);
  return Number(/(\d+)\s*$/.exec(await tab.innerText())?.[1] ?? Number.NaN);
}

const US = "Demo TikTok Shop";
const UK = "Demo TikTok Shop UK";
const disconnectButton = (shop: string) =>
  page.getByRole("button", { name: `Disconnect ${shop}`, exact: true });

/**
 * From Settings through TikTok's authorization page (both demo shops offered, both granted) back to
 * Settings, where the merchant picks which of them to connect.
 */
async function authorizeBothShops(button: "Connect TikTok Shop" | "Connect again") {
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(/\/open\/authorize\?/, soon);
  await page.getByRole("heading", { name: "Authorize this app" }).waitFor(soon);
  for (const shop of [US, UK])
    expect(await page.getByRole("checkbox", { name: new RegExp(`^${shop} \\(`) }).isChecked()).toBe(true);
  await shoot(`tiktok-authorize-${button === "Connect again" ? "again" : "new"}`);
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL(/\/app\/settings\?tiktok=choose/, soon);
  await page.getByText("Choose the TikTok shops to connect").waitFor(soon);
}

/** The choice TikTok's grant left in Settings: `pick` stay checked, the others are unchecked; then Connect. */
async function chooseShops(pick: readonly string[]) {
  for (const shop of [US, UK]) {
    const box = page.getByRole("checkbox", { name: new RegExp(`^${shop} \\(`) });
    if ((await box.isChecked()) !== pick.includes(shop)) await box.click();
  }
  await shoot(`choose-${pick.length}`);
  await page
    .getByRole("button", { name: pick.length === 1 ? "Connect 1 shop" : `Connect ${pick.length} shops` })
    .click();
  await expect.poll(() => toast(`Connected ${pick.join(" and ")}.`).count(), soon).toBe(1);
  await expect.poll(() => page.getByText("Choose the TikTok shops to connect").count(), soon).toBe(0);
}

describe("the Settings page in a browser", () => {
  it("delivers a customer's data request to the store owner: a banner, then the report, downloaded once", async () => {
    // Shopify tells the app a customer asked for their data: the buyer of the first order on the list.
    await page.goto(`${journey.demo.url}/app/orders`);
    const firstId = (await page.locator("tbody tr").first().locator("td").nth(1).innerText()).trim();
    const shopify = new StandinControl(new URL(journey.demo.url).origin);
    const payload = {
      shop_id: 1,
      shop_domain: "demo-store.myshopify.com",
      customer: { id: 42, email: `v1${firstId.slice(-10)}@scs2.tiktok.com` },
      orders_requested: [],
      data_request: { id: 7 },
    };
    expect(await shopify.sendWebhook("customers/data_request", "demo-store.myshopify.com", payload)).toEqual({
      status: 200,
    });

    await page.goto(journey.demo.url);
    const banner = page.locator(".Polaris-Banner", { hasText: "A customer asked for their data" });
    await banner.waitFor(soon);
    await banner.getByRole("link", { name: "Open Privacy requests" }).click();
    // The link lands on the section's heading.
    const section = page.locator(".Polaris-Layout__AnnotatedSection", {
      has: page.locator("h2#privacy-requests"),
    });
    await section.getByText("The report covers 1 TikTok order held for the customer.").waitFor(soon);
    await shoot("privacy-request");
    const download = page.waitForEvent("download");
    await section.getByRole("button", { name: /^Download the report/ }).click();
    const report = JSON.parse(readFileSync((await (await download).path()) ?? "", "utf8")) as {
      orders: { tiktokOrderId: string }[];
    };
    expect(report.orders.map((order) => order.tiktokOrderId)).toEqual([firstId]);
    await section.getByText(/the app no longer keeps the report/).waitFor(soon);
    expect(await section.getByRole("button", { name: /^Download the report/ }).count()).toBe(0);

    await page.goto(journey.demo.url);
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor(soon);
    expect(await page.getByText("A customer asked for their data").count()).toBe(0);
  });

  it("opens with its title and no save bar, and shows the combine window only for Combine", async () => {
    await openSettings();
    expect(await saveBar().isVisible()).toBe(false);
    const rule = await field("Sample orders").inputValue();
    for (const [choice, combineWindow, sampleTag] of [
      ["COMBINE", 1, 1],
      ["SKIP", 0, 0],
      ["SYNC", 0, 1],
    ] as const) {
      await field("Sample orders").selectOption(choice);
      expect(await field("Combine window (minutes)").count()).toBe(combineWindow);
      expect(await field("Sample order tag").count()).toBe(sampleTag);
      expect(await saveBar().isVisible()).toBe(choice !== rule);
    }
    await field("Sample orders").selectOption(rule);
    expect(await saveBar().isVisible()).toBe(false);
  });

  it("saves every field through the save bar, and shows them again after a reload", async () => {
    await field("Sample orders").selectOption("COMBINE");
    await field("Combine window (minutes)").fill("90");
    await field("Sample order tag").fill("Free sample");
    await field("Orders on hold").selectOption("SYNC");
    await field("Order tags").fill("TikTok Shop, Creator run");
    await field("Order name format").fill("TK-{id}");
    await field("Inventory").selectOption("BYPASS");
    expect(await saveBar().getByRole("button", { name: "Discard" }).isVisible()).toBe(true);
    await shoot("save-bar");
    // Orders on hold waiting for their address now sync: the toast counts those queued again.
    await saveWithSaveBar(/^Settings saved\. \d+ waiting orders? (is|are) syncing now$/);
    await shoot("saved");
    const saved = {
      sampleOrders: "COMBINE",
      combineWindow: "90",
      sampleTag: "Free sample",
      onHold: "SYNC",
      orderTags: "TikTok Shop, Creator run",
      nameFormat: "TK-{id}",
      inventory: "BYPASS",
    };
    expect(await values()).toEqual(saved);
    await openSettings();
    expect(await values()).toEqual(saved);
    expect(await saveBar().isVisible()).toBe(false);
  });

  it("turns each checkbox off and on again, each saved and read back after a reload", async () => {
    for (const label of [
      "Sync TikTok orders automatically",
      "Send Shopify's order confirmation to the buyer",
      "Restock the items of a TikTok return when it is refunded",
      "Offer to cancel on TikTok the orders I cancel in Shopify",
    ]) {
      const initially = await checkbox(label).isChecked();
      for (const checked of [!initially, initially]) {
        await checkbox(label).click();
        expect(await checkbox(label).isChecked()).toBe(checked);
        await saveWithSaveBar();
        await openSettings();
        expect(await checkbox(label).isChecked(), `${label} after a reload`).toBe(checked);
      }
    }
  });

  it("discards changes with the save bar's Discard", async () => {
    const before = await values();
    const autoSync = await checkbox("Sync TikTok orders automatically").isChecked();
    await field("Order name format").fill("Changed-{id}");
    await checkbox("Sync TikTok orders automatically").click();
    await saveBar().getByRole("button", { name: "Discard" }).click();
    expect(await saveBar().isVisible()).toBe(false);
    expect(await values()).toEqual(before);
    expect(await checkbox("Sync TikTok orders automatically").isChecked()).toBe(autoSync);
    await openSettings();
    expect(await values()).toEqual(before);
  });

  it("shows an inline error for an invalid value, keeps the save bar and saves nothing", async () => {
    await field("Order name format").fill("TikTok order");
    await saveBar().getByRole("button", { name: "Save" }).click();
    const error = page.getByText("The order name format must contain {id}, the TikTok order id.");
    await expect.poll(() => error.count(), soon).toBe(1);
    expect(await toast("Nothing was saved: fix Order name format").count()).toBe(1);
    expect(
      await page.getByRole("heading", { name: "Nothing was saved: fix Order name format" }).count(),
    ).toBe(1);
    expect(await saveBar().isVisible()).toBe(true);
    await shoot("invalid");
    // Settings in the navigation menu starts again from what is saved, as a reload does.
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await expect.poll(() => field("Order name format").inputValue(), soon).toBe("TK-{id}");
    expect(await saveBar().isVisible()).toBe(false);
    await openSettings();
    expect(await field("Order name format").inputValue()).toBe("TK-{id}");
  });

  it("asks before disconnecting a shop: Cancel keeps it, Disconnect disconnects that shop only", async () => {
    await openSettings();
    const dialog = page.getByRole("dialog", { name: `Disconnect ${UK}?` });
    await disconnectButton(UK).click();
    await dialog.getByText("Your other TikTok shops are not affected.", { exact: false }).waitFor(soon);
    expect(await dialog.getByText("Nothing already synced is touched", { exact: false }).count()).toBe(1);
    await shoot("disconnect");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count(), soon).toBe(0);
    await openSettings();
    expect(await disconnectButton(UK).count()).toBe(1);

    await disconnectButton(UK).click();
    await dialog.getByRole("button", { name: "Disconnect" }).click();
    await expect.poll(() => toast(`${UK} disconnected`).count(), soon).toBe(1);
    await expect.poll(() => dialog.count(), soon).toBe(0);
    await openSettings();
    expect(await disconnectButton(UK).count()).toBe(0);
    expect(await disconnectButton(US).count()).toBe(1);

    // The last shop too: the card offers to connect one.
    await disconnectButton(US).click();
    await page
      .getByRole("dialog", { name: `Disconnect ${US}?` })
      .getByRole("button", { name: "Disconnect" })
      .click();
    await page.getByRole("button", { name: "Connect TikTok Shop" }).waitFor(soon);
    await openSettings();
    expect(await page.getByRole("button", { name: "Connect TikTok Shop" }).count()).toBe(1);
  });

  it("connects the shops the merchant picks from TikTok's grant, with new orders arriving", async () => {
    await authorizeBothShops("Connect TikTok Shop");
    await chooseShops([US]);
    await openSettings();
    expect(await disconnectButton(US).count()).toBe(1);
    expect(await disconnectButton(UK).count()).toBe(0);
    await shoot("connected");
    const synced = await syncedCount();
    // The demo places an order every 20 seconds: one placed now is synced.
    await expect.poll(syncedCount, { timeout: 60_000, interval: 3_000 }).toBeGreaterThan(synced);
  }, 90_000);

  it("connects the second market's shop with Connect again; the first stays as it was", async () => {
    await openSettings();
    await authorizeBothShops("Connect again");
    // The shop already connected is marked so; both stay checked.
    expect(await page.getByRole("checkbox", { name: `${US} (US) · connected` }).isChecked()).toBe(true);
    await chooseShops([US, UK]);
    await openSettings();
    for (const shop of [US, UK]) expect(await disconnectButton(shop).count()).toBe(1);
    // The choice is made: it is offered no more.
    expect(await page.getByText("Choose the TikTok shops to connect").count()).toBe(0);
  });

  it("connects only in the browser that clicked Connect, and only once", async () => {
    await openSettings();
    await page.getByRole("button", { name: "Connect again" }).click();
    await page.getByRole("heading", { name: "Authorize this app" }).waitFor(soon);
    // The authorization page's link, sent to somebody else who authorizes in their own browser: refused.
    const elsewhere = await openBrowser();
    try {
      await elsewhere.page.goto(page.url());
      await elsewhere.page.getByRole("button", { name: "Authorize" }).click();
      await elsewhere.page.getByRole("heading", { name: "TikTok Shop was not connected" }).waitFor(soon);
      expect(await elsewhere.page.getByText(/started in another browser/).count()).toBe(1);
    } finally {
      await elsewhere.close();
    }
    // The merchant's own browser still connects, once: TikTok's link back, opened again, connects nothing.
    const back = page.waitForRequest(/\/tiktok\/callback\?/);
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.getByText("Choose the TikTok shops to connect").waitFor(soon);
    await page.goto((await back).url());
    await page.getByRole("heading", { name: "TikTok Shop was not connected" }).waitFor(soon);
    expect(await page.getByText(/used already/).count()).toBe(1);
    await shoot("connect-replayed");
    // The choice the first visit left is still the merchant's to make, once.
    await openSettings();
    await chooseShops([US, UK]);
  });
});

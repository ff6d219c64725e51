import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { settled, sharedDemo } from "./journey";

// The way back, as a merchant meets it: orders fulfilled in Shopify (the demo fulfils two as it starts, one
// with USPS, one with DHL Express), their tracking sent to TikTok or waiting for a carrier mapping, the
// mapping made in Settings > Carriers and removed again, and a tracking number TikTok refuses, corrected in
// Shopify. What the merchant does in Shopify admin goes through the Shopify stand-in's control API.
let page: Page;
const journey = sharedDemo({
  shots: "tracking",
  open: false,
  fulfilments: true,
  ready: (started) => ({ page } = started),
});

const soon = { timeout: 30_000 };
const shoot = journey.shoot;
const SHOP = "demo-store.myshopify.com";
const rows = () => page.locator("tbody tr");
const toast = (text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const nav = (name: string) => page.locator("ui-nav-menu").getByRole("link", { name, exact: true });

/** Opens the app's page again as Shopify admin does (a reload of the admin's address), and waits for it. */
async function reopen() {
  const { pathname } = new URL(page.url());
  await page.goto(`${journey.demo.url}${pathname.slice(pathname.indexOf("/app"))}`);
  await page.waitForLoadState("networkidle");
}

/** Reloads until `text` shows: the app sends fulfilments to TikTok from its queue, a moment after Shopify. */
async function reloadUntil(text: string | RegExp) {
  await expect
    .poll(
      async () => {
        if ((await page.getByText(text).count()) > 0) return true;
        await reopen();
        return (await page.getByText(text).count()) > 0;
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(true);
}

async function openOrders() {
  await page.goto(journey.demo.url);
  await nav("Orders").click();
  await settled(page);
  await page.getByRole("heading", { name: "Orders" }).waitFor(soon);
}

/** Opens the order of the Orders list's row showing `text`, by its link. */
async function openOrderShowing(text: string) {
  const row = rows().filter({ hasText: text }).first();
  const id = (await row.locator("a").first().innerText()).trim();
  await row.locator("a").first().click();
  await page.getByRole("heading", { name: `Order ${id}` }).waitFor(soon);
  return id;
}

describe("tracking back to TikTok", () => {
  it("sends a USPS fulfilment by itself, and a DHL Express one once its carrier is mapped in Settings", async () => {
    await openOrders();
    await page.getByRole("columnheader", { name: "Tracking to TikTok" }).waitFor(soon);
    await reloadUntil("Not sent: carrier not mapped");
    await reloadUntil("Sent to TikTok");
    await shoot("orders");

    const tiktokOrderId = await openOrderShowing("Not sent: carrier not mapped");
    await page.getByRole("heading", { name: "Tracking to TikTok" }).waitFor(soon);
    await page.getByText("Tracking in Shopify: DHL Express JD014600003828520000").waitFor(soon);
    await shoot("carrier-not-mapped");

    // The order in Shopify admin (the stand-in's order page): the app's block shows its TikTok side, and
    // More actions offers Sync from TikTok, which syncs it there; the block's link leads back to the app.
    await page.getByRole("link", { name: `TT-${tiktokOrderId}`, exact: true }).click();
    await page.getByRole("heading", { name: `TT-${tiktokOrderId}`, level: 1 }).waitFor(soon);
    const block = page.frameLocator("iframe[title='TikTok order']");
    await block.getByText(`TikTok order ${tiktokOrderId}`).waitFor(soon);
    await block.getByText("Not sent: carrier not mapped").waitFor(soon);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Sync from TikTok" }).click();
    const action = page.frameLocator("iframe[title='Sync from TikTok']");
    await action.getByRole("button", { name: "Sync", exact: true }).click();
    await action.getByText(`TT-${tiktokOrderId} is in Shopify and up to date with TikTok`).waitFor(soon);
    await shoot("shopify-order-page");
    await action.getByRole("button", { name: "Close" }).click();
    // The action asked to close; Shopify admin closes its modal.
    await page.locator("iframe[title='Sync from TikTok']").waitFor({ state: "detached", ...soon });
    await block.getByRole("link", { name: "Open in TikTok Order Sync" }).click();
    await page.getByRole("heading", { name: `Order ${tiktokOrderId}` }).waitFor(soon);

    await page.getByRole("link", { name: "Fix in Settings > Carriers" }).click();

    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor(soon);
    await page.getByText("Fulfilments wait for a carrier mapping").waitFor(soon);
    await page.getByRole("button", { name: "Map DHL Express" }).click();
    // The demo store has a US and a UK TikTok shop: each has its carriers; the waiting one is the US shop's.
    const carrier = page.getByLabel("Carrier in Shopify (Demo TikTok Shop)", { exact: true });
    expect(await carrier.inputValue()).toBe("DHL Express");
    await page
      .getByLabel("TikTok shipping provider (Demo TikTok Shop)", { exact: true })
      .selectOption({ label: "DHL eCommerce" });
    await page.getByRole("button", { name: "Save mapping for Demo TikTok Shop", exact: true }).click();
    await toast("DHL Express ship as DHL eCommerce on TikTok. 1 fulfilment is being sent now.").waitFor(soon);
    await reopen();
    await page.getByText("DHL Express → DHL eCommerce").waitFor(soon);
    expect(await page.getByText("Fulfilments wait for a carrier mapping").count()).toBe(0);
    await shoot("carriers");

    await nav("Orders").click();
    await settled(page);
    await page.getByRole("link", { name: tiktokOrderId, exact: true }).click();
    await page.getByRole("heading", { name: `Order ${tiktokOrderId}` }).waitFor(soon);
    await reloadUntil(/shipped with DHL eCommerce/);
    await page.getByText("Sent to TikTok", { exact: true }).waitFor(soon);
    await shoot("sent");
    const [sent] = await journey.demo.tiktok.getOrderPackages(tiktokOrderId);
    expect(sent).toMatchObject({
      tracking_number: "JD014600003828520000",
      shipping_provider_name: "DHL eCommerce",
    });

    // The mapping can go again: removed, and it stays removed after a reload.
    await nav("Settings").click();
    await page.getByText("DHL Express → DHL eCommerce").waitFor(soon);
    await page.getByRole("button", { name: "Remove the mapping of DHL Express" }).click();
    await toast("Mapping removed").waitFor(soon);
    await reopen();
    await page.getByRole("heading", { name: "Carriers" }).waitFor(soon);
    expect(await page.getByText("DHL Express → DHL eCommerce").count()).toBe(0);
  });

  it("shows TikTok's refusal of a tracking number, and sends it once the merchant corrects it in Shopify", async () => {
    // A new order arrives from TikTok (of a product an earlier order has), and the app syncs it; the merchant
    // fulfils it in Shopify admin, with the number mistyped.
    const { shopify, tiktok } = journey.demo;
    const earlier = (await tiktok.listOrders()).find(
      (candidate) => candidate.status === "AWAITING_SHIPMENT" && candidate.shipping_type === "SELLER",
    );
    const skuId = (earlier?.line_items as { sku_id: string }[] | undefined)?.[0]?.sku_id;
    if (!skuId) throw new Error("The demo has no seller-shipped order to copy a product from");
    const placed = await tiktok.createOrder({ lines: [{ skuId, quantity: 1 }] });
    const shopifyOrder = async () =>
      (await shopify.listOrders(SHOP)).find((candidate) => candidate.sourceIdentifier === placed.order.id);
    await expect.poll(shopifyOrder, soon).toBeDefined();
    const order = await shopifyOrder();
    if (!order) throw new Error("The new order was not synced");
    const { fulfillment } = await shopify.fulfill(SHOP, order.id, {
      trackingCompany: "USPS",
      trackingNumber: "94-00",
    });

    await openOrders();
    await reloadUntil("Not sent: TikTok refused the tracking");
    const tiktokOrderId = await openOrderShowing("Not sent: TikTok refused the tracking");
    await page.getByText(/TikTok said: “The tracking number is invalid/).waitFor(soon);
    await page.getByRole("button", { name: `Sync ${fulfillment.name} to TikTok` }).click();
    await toast(/TikTok refused it: The tracking number is invalid/).waitFor(soon);
    await shoot("refused");

    await shopify.updateFulfillmentTracking(SHOP, order.id, fulfillment.id, {
      trackingNumber: "9400111899223197428491",
    });
    await reloadUntil(/shipped with USPS/);
    await page.getByText("Tracking in Shopify: USPS 9400111899223197428491").waitFor(soon);
    expect(await page.getByRole("button", { name: `Sync ${fulfillment.name} to TikTok` }).count()).toBe(0);
    const [shipped] = await tiktok.getOrderPackages(tiktokOrderId);
    expect(shipped).toMatchObject({
      tracking_number: "9400111899223197428491",
      shipping_provider_name: "USPS",
    });
    expect(journey.consoleErrors()).toEqual([]);
  });

  it("arranges a TikTok-shipped order's pickup or drop-off, prints its label, and writes its tracking into Shopify", async () => {
    // Two new orders TikTok ships (its carrier, the buyer's details masked), synced by the app.
    const { shopify, tiktok } = journey.demo;
    const earlier = (await tiktok.listOrders()).find(
      (candidate) => candidate.status === "AWAITING_SHIPMENT" && candidate.shipping_type === "SELLER",
    );
    const skuId = (earlier?.line_items as { sku_id: string }[] | undefined)?.[0]?.sku_id;
    if (!skuId) throw new Error("The demo has no order to copy a product from");
    const pickup = (await tiktok.createOrder({ lines: [{ skuId, quantity: 2 }], masked: true })).order.id;
    const dropOff = (await tiktok.createOrder({ lines: [{ skuId, quantity: 1 }], masked: true })).order.id;
    const shopifyOrderOf = async (id: string) =>
      (await shopify.listOrders(SHOP)).find((candidate) => candidate.sourceIdentifier === id);
    await expect.poll(() => shopifyOrderOf(pickup), soon).toBeDefined();
    await expect.poll(() => shopifyOrderOf(dropOff), soon).toBeDefined();

    // The pickup: TikTok's first window, chosen in the dialog.
    await openOrders();
    await page.getByRole("link", { name: pickup, exact: true }).click();
    await page.getByRole("heading", { name: "TikTok Shipping" }).waitFor(soon);
    await page.getByText(/^To arrange: TikTok's carrier takes it/).waitFor(soon);
    await page.getByRole("button", { name: "Arrange shipment" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Pickup window").waitFor(soon);
    expect(await dialog.getByLabel("Pickup: TikTok's carrier collects it").isChecked()).toBe(true);
    // Drop-off shows where to take it; back to pickup, the windows show again.
    await dialog.getByText("Drop-off: you take it to a drop-off point").click();
    await dialog.getByRole("link", { name: "Find a drop-off point" }).waitFor(soon);
    expect(await dialog.getByText("Pickup window").count()).toBe(0);
    await dialog.getByText("Pickup: TikTok's carrier collects it").click();
    // TikTok's windows, as "Tue, Dec 8, 1:00 PM – 5:00 PM": the last one chosen.
    const windows = dialog.getByText(/\d:\d\d [AP]M – \d/);
    await expect.poll(() => windows.count(), soon).toBeGreaterThan(0);
    await windows.last().click();
    expect(await dialog.getByRole("radio", { checked: true }).count()).toBe(2);
    await shoot("arrange-pickup");
    await dialog.getByRole("button", { name: "Book pickup" }).click();
    await toast(/^Pickup booked: USPS tracking number TT\d+; print the label/).waitFor(soon);
    expect(await page.getByRole("dialog").count()).toBe(0);
    const [arranged] = await tiktok.getOrderPackages(pickup);
    expect(arranged).toMatchObject({ status: "FULFILLING", shipping_provider_name: "USPS" });
    const number = String(arranged?.tracking_number);
    await reopen();
    await page.getByText(`Arranged: USPS ${number}`).waitFor(soon);
    expect(await page.getByRole("button", { name: "Arrange shipment" }).count()).toBe(0);

    // The label: a PDF from TikTok, opened from its link.
    await page.getByRole("button", { name: "Print label" }).click();
    await toast("Shipping label ready: open it to print (the link works for 24 hours)").waitFor(soon);
    const link = page.getByRole("link", { name: "Open the shipping label (PDF)" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/\/_documents\/[0-9a-f]+\.pdf$/);
    const pdf = await page.request.get(href);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await shoot("label");

    // TikTok's tracking reaches Shopify as a fulfilment, without e-mailing the buyer.
    await expect
      .poll(async () => {
        const fulfillments = (await shopifyOrderOf(pickup))?.fulfillments ?? [];
        return fulfillments.map((f) => [f.trackingCompany, f.trackingNumber, f.notifyCustomer]);
      }, soon)
      .toEqual([["USPS", number, false]]);
    await reloadUntil("Tracking from TikTok Shipping");

    // The drop-off, for the other order.
    await nav("Orders").click();
    await settled(page);
    await page.getByRole("link", { name: dropOff, exact: true }).click();
    await page.getByRole("button", { name: "Arrange shipment" }).click();
    await page.getByRole("dialog").getByText("Drop-off: you take it to a drop-off point").click();
    await page.getByRole("dialog").getByRole("button", { name: "Arrange drop-off" }).click();
    await toast(/^Drop-off arranged: USPS tracking number TT\d+/).waitFor(soon);
    await reopen();
    await page.getByText(/^Arranged: USPS TT\d+$/).waitFor(soon);
    expect(journey.consoleErrors()).toEqual([]);
  });

  it("asks, once the store offers it, whether to cancel on TikTok an order cancelled in Shopify, and cancels it there", async () => {
    const { shopify, tiktok } = journey.demo;
    // Off by default: the merchant turns it on in Settings.
    await page.goto(journey.demo.url);
    await nav("Settings").click();
    const offer = page.getByRole("checkbox", {
      name: "Offer to cancel on TikTok the orders I cancel in Shopify",
    });
    await offer.waitFor(soon);
    expect(await offer.isChecked()).toBe(false);
    await offer.click();
    await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    await toast(/^Settings saved/).waitFor(soon);

    // A new order, synced; the merchant cancels it in Shopify admin.
    const earlier = (await tiktok.listOrders()).find(
      (candidate) => candidate.status === "AWAITING_SHIPMENT" && candidate.shipping_type === "SELLER",
    );
    const skuId = (earlier?.line_items as { sku_id: string }[] | undefined)?.[0]?.sku_id;
    if (!skuId) throw new Error("The demo has no order to copy a product from");
    const placed = (await tiktok.createOrder({ lines: [{ skuId, quantity: 1 }] })).order.id;
    const shopifyOrder = async () =>
      (await shopify.listOrders(SHOP)).find((candidate) => candidate.sourceIdentifier === placed);
    await expect.poll(shopifyOrder, soon).toBeDefined();
    await shopify.cancelOrder(SHOP, (await shopifyOrder())?.id ?? "");

    await openOrders();
    await reloadUntil("Cancelled in Shopify only");
    await page.getByRole("link", { name: placed, exact: true }).click();
    await page.getByText("Cancelled in Shopify: cancel it on TikTok too?").waitFor(soon);
    const cancel = page.getByRole("button", { name: "Cancel on TikTok" });
    expect(await cancel.isDisabled()).toBe(true);
    await page.getByLabel("Reason for TikTok").selectOption({ label: "Out of stock" });
    await shoot("cancel-on-tiktok");
    await cancel.click();
    await toast("Cancelled on TikTok too: TikTok refunds the buyer").waitFor(soon);
    await reopen();
    await page.getByText("Cancelled in Shopify and on TikTok").waitFor(soon);
    expect((await tiktok.getOrder(placed)).status).toBe("CANCELLED");

    // Turned off again, saved and read back.
    await nav("Settings").click();
    await offer.waitFor(soon);
    expect(await offer.isChecked()).toBe(true);
    await offer.click();
    await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    await toast(/^Settings saved/).waitFor(soon);
    await reopen();
    expect(await offer.isChecked()).toBe(false);
    expect(journey.consoleErrors()).toEqual([]);
  });

  it("flags the orders near or past TikTok's ship-by time on the list, and says what to do on the order", async () => {
    await openOrders();
    const late = rows().filter({ hasText: /Past TikTok's ship-by time by \d+ hours?/ });
    await expect.poll(() => late.count(), soon).toBe(1);
    expect(
      await rows()
        .filter({ hasText: /Ship within \d+ hours?/ })
        .count(),
    ).toBe(1);
    await shoot("ship-by");
    await late.locator("a").first().click();
    await page.getByRole("heading", { name: "Past TikTok's ship-by time" }).waitFor(soon);
    await page
      .getByText(
        /^First resolve what keeps it from Shopify \(above\) and Sync it\. TikTok counts the order late/,
      )
      .waitFor(soon);
    await shoot("past-ship-by");
  });

  it("answers a buyer's cancellation request on the order, and shows TikTok's refund once Shopify has made it", async () => {
    const { shopify, tiktok } = journey.demo;
    const earlier = (await tiktok.listOrders()).find(
      (candidate) => candidate.status === "AWAITING_SHIPMENT" && candidate.shipping_type === "SELLER",
    );
    const skuId = (earlier?.line_items as { sku_id: string }[] | undefined)?.[0]?.sku_id;
    if (!skuId) throw new Error("The demo has no order to copy a product from");
    const asking = (await tiktok.createOrder({ lines: [{ skuId, quantity: 1 }] })).order.id;
    const refunded = (await tiktok.createOrder({ lines: [{ skuId, quantity: 2 }] })).order.id;
    const shopifyOrderOf = async (id: string) =>
      (await shopify.listOrders(SHOP)).find((candidate) => candidate.sourceIdentifier === id);
    await expect.poll(() => shopifyOrderOf(asking), soon).toBeDefined();
    await expect.poll(() => shopifyOrderOf(refunded), soon).toBeDefined();

    // The buyer asks to cancel on TikTok: the list and the order say so; the merchant approves.
    await tiktok.requestCancellation(asking, { reason: "Ordered by mistake" });
    await openOrders();
    await reloadUntil("Buyer asked to cancel");
    await page.getByRole("link", { name: asking, exact: true }).click();
    await page.getByText("The buyer asked to cancel this order").waitFor(soon);
    await shoot("cancel-request");
    await page.getByRole("button", { name: "Approve cancellation" }).click();
    await toast(/^Cancellation approved/).waitFor(soon);
    expect((await tiktok.getOrder(asking)).status).toBe("CANCELLED");
    // TikTok's cancellation comes back, and the app cancels the order in Shopify too.
    await expect.poll(async () => (await shopifyOrderOf(asking))?.cancelledAt ?? null, soon).not.toBeNull();

    // The other is fulfilled in Shopify (and so shipped on TikTok); the buyer is refunded on TikTok without a
    // return: the same is refunded in Shopify.
    const toRefund = await shopifyOrderOf(refunded);
    await shopify.fulfill(SHOP, toRefund?.id ?? "", {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428492",
    });
    await expect.poll(async () => (await tiktok.getOrder(refunded)).status, soon).toBe("IN_TRANSIT");
    const { returnOrder } = await tiktok.requestReturn(refunded, { type: "REFUND" });
    await tiktok.completeReturn(returnOrder.return_id);
    await expect.poll(async () => (await shopifyOrderOf(refunded))?.refunds.length ?? 0, soon).toBe(1);
    await nav("Orders").click();
    await settled(page);
    await page.getByRole("link", { name: refunded, exact: true }).click();
    await page.getByRole("heading", { name: `Order ${refunded}` }).waitFor(soon);
    await reloadUntil(new RegExp(`refunded in Shopify for TikTok refund ${returnOrder.return_id}`));
    await page.getByText(`Refund ${returnOrder.return_id}: refunded by TikTok`).waitFor(soon);
    await shoot("refund");
    expect(journey.consoleErrors()).toEqual([]);
  });

  it("fits the way back's cards, banners and buttons on a 390 px wide phone, without scrolling sideways", async () => {
    const { tiktok } = journey.demo;
    const earlier = (await tiktok.listOrders()).find(
      (candidate) => candidate.status === "AWAITING_SHIPMENT" && candidate.shipping_type === "SELLER",
    );
    const skuId = (earlier?.line_items as { sku_id: string }[] | undefined)?.[0]?.sku_id;
    if (!skuId) throw new Error("The demo has no order to copy a product from");
    const placed = (await tiktok.createOrder({ lines: [{ skuId }], masked: true, shipByHours: 3 })).order.id;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openOrders();
      await reloadUntil("Ship within 2 hours");
      await page.getByRole("link", { name: placed, exact: true }).click();
      await page.getByRole("heading", { name: "TikTok Shipping" }).waitFor(soon);
      for (const part of [
        page.getByRole("button", { name: "Arrange shipment" }),
        page.getByText("Ship within 2 hours", { exact: true }),
        page.getByRole("heading", { name: "TikTok Shipping" }),
      ]) {
        const box = await part.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByRole("button", { name: "Arrange shipment" }).click();
      const book = page.getByRole("dialog").getByRole("button", { name: "Book pickup" });
      await book.waitFor(soon);
      const box = await book.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
      await shoot("phone-arrange");
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

      // The same order in Shopify admin, on the phone: the app's block fits the width, and leads back.
      await page.getByRole("link", { name: `TT-${placed}`, exact: true }).click();
      await page.getByRole("heading", { name: `TT-${placed}`, level: 1 }).waitFor(soon);
      const block = page.locator("iframe[title='TikTok order']");
      await page
        .frameLocator("iframe[title='TikTok order']")
        .getByText(`TikTok order ${placed}`)
        .waitFor(soon);
      const frame = await block.boundingBox();
      expect((frame?.x ?? 0) + (frame?.width ?? 0)).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shoot("phone-shopify-order");
      await page
        .frameLocator("iframe[title='TikTok order']")
        .getByRole("link", { name: "Open in TikTok Order Sync" })
        .click();
      await page.getByRole("heading", { name: "TikTok Shipping" }).waitFor(soon);
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });
});

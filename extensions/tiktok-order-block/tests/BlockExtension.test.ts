import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setUpExtension, type Extension } from "../../../test/admin-extension";

// The block on Shopify's order page, run as Shopify admin runs it, with the app's backend answered here as
// the route answers (test/admin-extensions.db.test.ts checks the route's side of the same answer).
const EXTENSION = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ORDER = "gid://shopify/Order/5512345678901";

const tiktokOrder = {
  tiktokOrderId: "576461413038785752",
  tiktokShop: "Glow Labs US",
  tiktokStatus: "Awaiting shipment",
  sync: { status: "SYNCED", label: "Synced", tone: "success", detail: null },
  fulfilments: [
    { name: "#1001-F1", text: "Sent to TikTok", tone: "success" },
    { name: "#1001-F2", text: "Not sent: carrier not mapped", tone: "warning" },
  ],
  combinedWith: [],
};
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

let extension: Extension<"admin.order-details.block.render">;
beforeEach(() => {
  extension = setUpExtension(EXTENSION, "admin.order-details.block.render", ORDER);
});
afterEach(() => extension.tearDown());

const block = () => document.body.querySelector("s-admin-block");
const texts = () =>
  [...document.body.querySelectorAll("s-text, s-badge, s-link")].map((el) => el.textContent);
/** Until the block has asked the backend and every step after its answer has run. */
async function settled() {
  await vi.waitFor(() => expect(extension.fetch).toHaveBeenCalled());
  await new Promise((done) => setTimeout(done, 50));
}

describe("the TikTok order block", () => {
  it("shows a TikTok order's id, shop, TikTok status, sync state and fulfilments, with a link to its page", async () => {
    extension.fetch.mockResolvedValue(answer(200, { order: tiktokOrder }));
    await extension.run();
    await vi.waitFor(() => expect(block()).not.toBeNull());

    expect(extension.fetch).toHaveBeenCalledWith("/api/extensions/orders/5512345678901");
    expect(block()?.getAttribute("heading")).toBe("TikTok order");
    expect(texts()).toEqual([
      "TikTok order 576461413038785752",
      "Shop: Glow Labs US",
      "On TikTok: Awaiting shipment",
      "Sync",
      "Synced",
      "Fulfilment to TikTok",
      "#1001-F1",
      "Sent to TikTok",
      "#1001-F2",
      "Not sent: carrier not mapped",
      "Open in TikTok Order Sync",
    ]);
    const badges = [...document.body.querySelectorAll("s-badge")].map((el) => el.getAttribute("tone"));
    expect(badges).toEqual(["success", "success", "warning"]);
    expect(document.body.querySelector("s-link")?.getAttribute("href")).toBe(
      "app:app/orders/576461413038785752",
    );
  });

  it("says why a blocked order waits, and that nothing was fulfilled yet", async () => {
    const blocked = {
      ...tiktokOrder,
      tiktokShop: null,
      sync: { status: "BLOCKED", label: "Blocked", tone: "warning", detail: "Product not linked to Shopify" },
      fulfilments: [],
      combinedWith: ["576461413038785753"],
    };
    extension.fetch.mockResolvedValue(answer(200, { order: blocked }));
    await extension.run();
    await vi.waitFor(() => expect(block()).not.toBeNull());

    expect(texts()).toEqual([
      "TikTok order 576461413038785752",
      "On TikTok: Awaiting shipment",
      "Combined with sample orders 576461413038785753",
      "Sync",
      "Blocked",
      "Product not linked to Shopify",
      "Fulfilment to TikTok",
      "Nothing fulfilled yet: tracking is sent to TikTok once the order is fulfilled here.",
      "Open in TikTok Order Sync",
    ]);
    expect(document.body.querySelector("s-badge")?.getAttribute("tone")).toBe("warning");
  });

  it("renders nothing for an order that isn't from TikTok (the backend doesn't know it)", async () => {
    extension.fetch.mockResolvedValue(answer(404, { error: "This order didn't come from TikTok." }));
    await extension.run();
    await settled();

    expect(extension.fetch).toHaveBeenCalledWith("/api/extensions/orders/5512345678901");
    expect(document.body.innerHTML).toBe("");
  });

  it("says so when the app can't answer, instead of showing nothing", async () => {
    extension.fetch.mockResolvedValue(answer(500, "Internal Server Error"));
    await extension.run();
    await settled();

    expect(texts()).toEqual([
      "TikTok Order Sync couldn't load this order's TikTok details. Reload the page to try again.",
    ]);
  });

  it("asks nothing and renders nothing on a page whose resource isn't an order", async () => {
    extension.shopify.data.selected = [{ id: "gid://shopify/DraftOrder/7" }];
    await extension.run();
    await new Promise((done) => setTimeout(done, 50));

    expect(extension.fetch).not.toHaveBeenCalled();
    expect(document.body.innerHTML).toBe("");
  });
});

import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setUpExtension, type Extension } from "../../../test/admin-extension";

// "Sync from TikTok" on Shopify's order page, run as Shopify admin runs it, with the app's backend answered
// here as the route answers (test/admin-extensions.db.test.ts checks the route's side of the same answers).
const EXTENSION = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ORDER = "gid://shopify/Order/5512345678901";
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

let extension: Extension<"admin.order-details.action.render">;
beforeEach(() => {
  extension = setUpExtension(EXTENSION, "admin.order-details.action.render", ORDER);
});
afterEach(() => extension.tearDown());

const action = () => document.body.querySelector("s-admin-action");
const button = (slot: string) => document.body.querySelector<HTMLElement>(`s-button[slot="${slot}"]`);
const banner = () => document.body.querySelector("s-banner");

async function opened() {
  await extension.run();
  await vi.waitFor(() => expect(action()).not.toBeNull());
}

describe("Sync from TikTok", () => {
  it("says what it does, and syncs nothing until the merchant clicks Sync", async () => {
    await opened();
    expect(action()?.getAttribute("heading")).toBe("Sync from TikTok");
    expect(document.body.querySelector("s-text")?.textContent).toMatch(
      /^Syncs this order again from TikTok now/,
    );
    expect(button("primary-action")?.textContent).toBe("Sync");
    expect(button("secondary-actions")?.textContent).toBe("Close");
    expect(extension.fetch).not.toHaveBeenCalled();
    expect(banner()).toBeNull();
  });

  it("asks the app to sync the order and shows what came of it", async () => {
    extension.fetch.mockResolvedValue(
      answer(200, { ok: true, outcome: "synced", message: "Created in Shopify as #1001", tone: "success" }),
    );
    await opened();
    button("primary-action")?.click();

    await vi.waitFor(() => expect(banner()?.textContent).toBe("Created in Shopify as #1001"));
    expect(banner()?.getAttribute("tone")).toBe("success");
    expect(extension.fetch).toHaveBeenCalledExactlyOnceWith("/api/extensions/orders/5512345678901/sync", {
      method: "POST",
    });
  });

  it("shows an outcome that isn't a success in its own tone, and can sync again", async () => {
    extension.fetch
      .mockResolvedValueOnce(
        answer(200, {
          ok: true,
          outcome: "failed",
          message: "Not synced: Not enough stock in Shopify. It is tried again shortly.",
          tone: "critical",
        }),
      )
      .mockResolvedValueOnce(
        answer(200, { ok: true, outcome: "busy", message: "This order is syncing right now", tone: "info" }),
      );
    await opened();
    button("primary-action")?.click();
    await vi.waitFor(() => expect(banner()?.getAttribute("tone")).toBe("critical"));
    expect(banner()?.textContent).toBe("Not synced: Not enough stock in Shopify. It is tried again shortly.");

    button("primary-action")?.click();
    await vi.waitFor(() => expect(banner()?.textContent).toBe("This order is syncing right now"));
    expect(banner()?.getAttribute("tone")).toBe("info");
    expect(extension.fetch).toHaveBeenCalledTimes(2);
  });

  it("shows the app's refusal in its words, and a sentence of its own when the app can't be reached", async () => {
    extension.fetch
      .mockResolvedValueOnce(answer(404, { error: "This order didn't come from TikTok." }))
      .mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await opened();
    button("primary-action")?.click();
    await vi.waitFor(() => expect(banner()?.textContent).toBe("This order didn't come from TikTok."));
    expect(banner()?.getAttribute("tone")).toBe("critical");

    button("primary-action")?.click();
    await vi.waitFor(() =>
      expect(banner()?.textContent).toBe("TikTok Order Sync couldn't be reached. Try again in a moment."),
    );
  });

  it("closes when the merchant clicks Close", async () => {
    await opened();
    button("secondary-actions")?.click();
    expect(extension.shopify.close).toHaveBeenCalledOnce();
    expect(extension.fetch).not.toHaveBeenCalled();
  });
});

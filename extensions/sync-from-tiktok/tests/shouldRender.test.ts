import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setUpExtension, type Extension } from "../../../test/admin-extension";

// Whether "Sync from TikTok" appears in the order's More actions: only where the app's backend knows the
// order as one it brought in from TikTok.
const EXTENSION = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ORDER = "gid://shopify/Order/5512345678901";

let extension: Extension<"admin.order-details.action.should-render">;
beforeEach(() => {
  extension = setUpExtension(EXTENSION, "admin.order-details.action.should-render", ORDER);
});
afterEach(() => extension.tearDown());

describe("when Sync from TikTok is offered", () => {
  it("hides it on an order that isn't from TikTok (the backend doesn't know it)", async () => {
    extension.fetch.mockResolvedValue(new Response(null, { status: 404 }));
    expect(await extension.run()).toEqual({ display: false });
    expect(extension.fetch).toHaveBeenCalledExactlyOnceWith("/api/extensions/orders/5512345678901", {
      method: "HEAD",
    });
  });

  it("shows it on an order that came from TikTok", async () => {
    extension.fetch.mockResolvedValue(new Response(null, { status: 204 }));
    expect(await extension.run()).toEqual({ display: true });
  });

  it("hides it when the app can't be reached or can't answer", async () => {
    extension.fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    expect(await extension.run()).toEqual({ display: false });
    extension.fetch.mockResolvedValueOnce(new Response("Internal Server Error", { status: 500 }));
    expect(await extension.run()).toEqual({ display: false });
  });

  it("hides it, asking nothing, where the selected resource isn't an order", async () => {
    extension.shopify.data.selected = [];
    expect(await extension.run()).toEqual({ display: false });
    expect(extension.fetch).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title";

describe("the document title", () => {
  it("names the page and the app", () => {
    expect(pageTitle("/app/products")).toBe("Products · TikTok Order Sync");
    expect(pageTitle("/app")).toBe("Overview · TikTok Order Sync");
    expect(pageTitle("/app/orders/")).toBe("Orders · TikTok Order Sync");
  });

  it("names the order on an order's page", () => {
    expect(pageTitle("/app/orders/576400000000000065")).toBe("Order 576400000000000065 · TikTok Order Sync");
  });

  it("falls back to the app's name for a page it doesn't know", () => {
    expect(pageTitle("/auth/login")).toBe("TikTok Order Sync");
  });
});

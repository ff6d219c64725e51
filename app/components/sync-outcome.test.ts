import { describe, expect, it } from "vitest";
import { describeReason } from "~/sync/reasons";
import { describeSyncOutcome } from "./sync-outcome";
import { productsActionNotice } from "./product-link-messages";

describe("the message after Sync", () => {
  it("names the Shopify order an order was synced as", () => {
    expect(
      describeSyncOutcome({
        status: "synced",
        shopifyOrderId: "gid://shopify/Order/1",
        shopifyOrderName: "TT-1",
        adopted: false,
      }),
    ).toEqual({
      message: "Synced as TT-1",
      tone: "success",
    });
  });

  it("names a block by the catalogue's title", () => {
    expect(describeSyncOutcome({ status: "blocked", reason: "PRODUCT_DELETED", stage: 6 }).message).toBe(
      `Still blocked: ${describeReason("PRODUCT_DELETED").title}`,
    );
  });

  it("keeps Shopify's message for a failure that isn't retried, and says when it is", () => {
    const failure = {
      status: "failed",
      code: "OUT_OF_STOCK",
      message: "Not enough stock for SERUM-30",
    } as const;
    expect(describeSyncOutcome({ ...failure, retryAt: null })).toEqual({
      message: `${describeReason("OUT_OF_STOCK").title}: Not enough stock for SERUM-30`,
      tone: "critical",
    });
    expect(describeSyncOutcome({ ...failure, retryAt: new Date() }).message).toMatch(/retrying shortly/);
  });
});

describe("the message after linking", () => {
  it("says how many blocked orders sync again", () => {
    expect(productsActionNotice({ ok: true, intent: "link", linked: 1, requeued: 3 }).message).toBe(
      "Linked; 3 blocked orders queued to sync again",
    );
    expect(productsActionNotice({ ok: true, intent: "autoLink", linked: 2, requeued: 1 }).message).toBe(
      "Linked 2 SKUs; 1 blocked order queued to sync again",
    );
    expect(productsActionNotice({ ok: true, intent: "autoLink", linked: 0, requeued: 0 }).tone).toBe("info");
    expect(productsActionNotice({ ok: false, status: 422, error: "Gone" })).toEqual({
      message: "Gone",
      tone: "critical",
    });
  });
});

import { describe, expect, it } from "vitest";
import { describeReason } from "~/sync/reasons";
import { describeBulkRun, describeSyncOutcome } from "./sync-outcome";
import { productsActionNotice } from "./product-link-messages";

describe("the message after Sync", () => {
  const synced = {
    status: "synced",
    shopifyOrderId: "gid://shopify/Order/1",
    shopifyOrderName: "TT-576",
    adopted: false,
  } as const;

  it("says the order was created in Shopify, under its name", () => {
    expect(describeSyncOutcome(synced)).toEqual({ message: "Created in Shopify as TT-576", tone: "success" });
  });

  it("says a cancelled order was created and cancelled, and whether its stock came back", () => {
    const created = {
      cancelled: true,
      cancelledByMerchant: false,
      restocked: true,
      addressPending: false,
      codUnpaid: false,
    };
    expect(describeSyncOutcome(synced, { failure: null, created }).message).toBe(
      "Created in Shopify as TT-576 and cancelled, as on TikTok (stock restored)",
    );
    expect(
      describeSyncOutcome(synced, { failure: null, created: { ...created, restocked: false } }).message,
    ).toBe("Created in Shopify as TT-576 and cancelled, as on TikTok (no stock was taken)");
    // Cancelled by the merchant in Shopify, not as on TikTok: whatever they chose for the stock.
    expect(
      describeSyncOutcome(synced, { failure: null, created: { ...created, cancelledByMerchant: true } })
        .message,
    ).toBe("Created in Shopify as TT-576; you cancelled it there since");
  });

  it("says an order already in Shopify was brought up to date, not created again", () => {
    const existing = { ...synced, existing: true } as const;
    const none = {
      cancelled: false,
      cancelledByMerchant: false,
      restocked: false,
      addressPending: false,
      codUnpaid: false,
    };
    expect(describeSyncOutcome(existing, { failure: null, created: none })).toEqual({
      message: "TT-576 is in Shopify and up to date with TikTok",
      tone: "success",
    });
    expect(
      describeSyncOutcome(existing, { failure: null, created: { ...none, cancelled: true, restocked: true } })
        .message,
    ).toBe("TT-576 is cancelled in Shopify, as on TikTok (stock restored)");
    expect(
      describeSyncOutcome(existing, {
        failure: null,
        created: { ...none, cancelled: true, cancelledByMerchant: true },
      }).message,
    ).toBe("TT-576 is in Shopify and up to date with TikTok");
  });

  it("says an order on hold was created without an address, and how it is marked", () => {
    const created = {
      cancelled: false,
      cancelledByMerchant: false,
      restocked: false,
      addressPending: true,
      codUnpaid: false,
    };
    expect(describeSyncOutcome(synced, { failure: null, created }).message).toBe(
      "Created in Shopify as TT-576 without an address; tagged 'TikTok address pending' until TikTok sends it",
    );
  });

  it("says a cash-on-delivery order was created unpaid until TikTok reports it delivered", () => {
    const created = {
      cancelled: false,
      cancelledByMerchant: false,
      restocked: false,
      addressPending: false,
      codUnpaid: true,
    };
    expect(describeSyncOutcome(synced, { failure: null, created }).message).toBe(
      "Created in Shopify as TT-576, unpaid until TikTok reports it delivered (cash on delivery)",
    );
  });

  it("says an order found in Shopify was not created twice", () => {
    expect(describeSyncOutcome({ ...synced, adopted: true }).message).toMatch(/^Found in Shopify as TT-576/);
  });

  it("names a block by the catalogue's title", () => {
    expect(describeSyncOutcome({ status: "blocked", reason: "PRODUCT_DELETED", stage: 6 })).toEqual({
      message: `Still blocked: ${describeReason("PRODUCT_DELETED").title}`,
      tone: "critical",
    });
  });

  it("says in plain words what Shopify refused, and when it is tried again", () => {
    const failure = {
      status: "failed",
      code: "INVALID_FIELD",
      message: "order.shippingAddress.zip: Zip is invalid",
    } as const;
    const plain = { failure: "Shopify refused the ZIP code '9021' of the shipping address.", created: null };
    expect(describeSyncOutcome({ ...failure, retryAt: null }, plain)).toEqual({
      message: "Not synced: Shopify refused the ZIP code '9021' of the shipping address.",
      tone: "critical",
    });
    expect(describeSyncOutcome({ ...failure, retryAt: new Date() }, plain).message).toMatch(
      /It is tried again shortly\.$/,
    );
    expect(describeSyncOutcome({ ...failure, retryAt: null }).message).toBe(
      `Not synced: ${describeReason("INVALID_FIELD").title}.`,
    );
  });
});

describe("the sum-up of Sync selected", () => {
  const progress = { running: 0, synced: 2, blocked: 7, failed: 1, pending: 0, done: true };

  it("says why orders are still blocked or failed, by reason, most frequent first", () => {
    const reasons = [
      { code: "PRODUCT_NOT_LINKED", count: 4 },
      { code: "FULFILLED_BY_TIKTOK", count: 3 },
      { code: "OUT_OF_STOCK", count: 1 },
    ] as const;
    expect(describeBulkRun({ ...progress, reasons: [...reasons] }, { alreadySynced: 1, notFound: 0 })).toBe(
      "2 synced · 7 still blocked: 4 Product not linked to Shopify, 3 Fulfilled by TikTok · " +
        "1 failed: 1 Not enough stock in Shopify · 1 already synced",
    );
  });

  it("says which synced orders were forced", () => {
    const run = { ...progress, blocked: 0, failed: 0, forced: { cancelled: 1, withoutAddress: 1 } };
    expect(describeBulkRun(run, { alreadySynced: 0, notFound: 0 })).toBe(
      "2 synced (1 created and cancelled, as on TikTok; 1 without an address)",
    );
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

import { describe, expect, it } from "vitest";
import { buildSyncContext, linkEverySku } from "../../test/factories/sync-context";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { evaluateOrder } from "./evaluate";

const manual = { manual: true };
const PLACED_AT_MS = 1_800_000_000 * 1000;
const hoursAfterPlacing = (hours: number) => new Date(PLACED_AT_MS + hours * 3_600_000);

describe("manual Sync on a reason it forces", () => {
  it("creates an order placed before the connection, skipping the check", () => {
    const order = buildTikTokOrder();
    const ctx = buildSyncContext(order, { connectedAt: hoursAfterPlacing(1) });
    const verdict = evaluateOrder(order, ctx, manual);
    expect(verdict.ok).toBe(true);
    expect("stages" in verdict && verdict.stages[0]).toEqual({
      stage: 1,
      status: "skipped",
      skipped: ["ORDER_BEFORE_CONNECTION"],
    });
  });

  it("creates a cancelled order, recording that stage 2 was skipped", () => {
    const order = buildTikTokOrder({ status: "CANCELLED" });
    const verdict = evaluateOrder(order, buildSyncContext(order), manual);
    expect(verdict.ok).toBe(true);
    expect("stages" in verdict && verdict.stages[1]).toEqual({
      stage: 2,
      status: "skipped",
      skipped: ["ORDER_CANCELLED"],
    });
  });

  it("creates an on-hold order although the rule is to wait", () => {
    const order = buildTikTokOrder({ status: "ON_HOLD", recipient_address: undefined });
    expect(evaluateOrder(order, buildSyncContext(order), manual).ok).toBe(true);
  });

  it("still stops at a later stage that it cannot force", () => {
    const order = buildTikTokOrder({ status: "CANCELLED" });
    const verdict = evaluateOrder(order, buildSyncContext(order, { planActive: false }), manual);
    expect(verdict).toMatchObject({ ok: false, stage: 7, reason: "PLAN_INACTIVE" });
  });
});

describe("manual Sync on an order placed before its products were linked", () => {
  it("skips the check once every line is linked", () => {
    const order = buildTikTokOrder();
    const ctx = buildSyncContext(order, { links: linkEverySku(order, { linkedAt: hoursAfterPlacing(1) }) });
    expect(evaluateOrder(order, ctx).ok).toBe(false);
    expect(evaluateOrder(order, ctx, manual).ok).toBe(true);
  });

  it("still blocks while a line is unlinked", () => {
    const linked = buildLineItem({ sku_id: "linked-late" });
    const order = buildTikTokOrder({ line_items: [linked, buildLineItem({ sku_id: "never-linked" })] });
    const links = linkEverySku({ ...order, line_items: [linked] }, { linkedAt: hoursAfterPlacing(1) });
    const verdict = evaluateOrder(order, buildSyncContext(order, { links }), manual);
    expect(verdict).toMatchObject({ ok: false, stage: 1, reason: "ORDER_BEFORE_PRODUCT_LINKED" });
  });

  it("records both skipped reasons when the order also predates the connection", () => {
    const order = buildTikTokOrder();
    const ctx = buildSyncContext(order, {
      connectedAt: hoursAfterPlacing(1),
      links: linkEverySku(order, { linkedAt: hoursAfterPlacing(2) }),
    });
    const verdict = evaluateOrder(order, ctx, manual);
    expect("stages" in verdict && verdict.stages[0]?.skipped).toEqual([
      "ORDER_BEFORE_CONNECTION",
      "ORDER_BEFORE_PRODUCT_LINKED",
    ]);
  });
});

describe("manual Sync on a reason that stays until fixed", () => {
  it("keeps a sample order waiting until its combining window has ended, then passes", () => {
    const order = buildTikTokOrder({ is_sample_order: true });
    const settings = { sampleOrderRule: "combine", combineWindowMinutes: 120 } as const;
    const during = buildSyncContext(order, { settings, now: hoursAfterPlacing(1) });
    const after = buildSyncContext(order, { settings, now: hoursAfterPlacing(2) });
    expect(evaluateOrder(order, during, manual)).toMatchObject({
      ok: false,
      reason: "SAMPLE_PENDING_COMBINATION",
    });
    expect(evaluateOrder(order, after, manual).ok).toBe(true);
  });

  it.each([
    ["AUTO_SYNC_DISABLED", { settings: { autoSync: false } }],
    ["SAMPLE_SYNC_DISABLED", { settings: { sampleOrderRule: "skip" } }],
    ["PRODUCT_NOT_LINKED", { links: new Map() }],
    ["PLAN_INACTIVE", { planActive: false }],
  ] as const)("still blocks with %s", (reason, overrides) => {
    const order = buildTikTokOrder({ is_sample_order: reason === "SAMPLE_SYNC_DISABLED" });
    expect(evaluateOrder(order, buildSyncContext(order, overrides), manual)).toMatchObject({
      ok: false,
      reason,
    });
  });

  it("still blocks with PRODUCT_DELETED", () => {
    const order = buildTikTokOrder();
    const ctx = buildSyncContext(order, { links: linkEverySku(order, { variantExists: false }) });
    expect(evaluateOrder(order, ctx, manual)).toMatchObject({ ok: false, reason: "PRODUCT_DELETED" });
  });
});

describe("manual Sync on an order TikTok fulfils", () => {
  it("never syncs it", () => {
    const order = buildTikTokOrder({ fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    expect(evaluateOrder(order, buildSyncContext(order), manual)).toMatchObject({
      ok: false,
      stage: 4,
      reason: "FULFILLED_BY_TIKTOK",
    });
  });
});

describe("manual Sync on an unpaid order", () => {
  it("still waits for payment", () => {
    const order = buildTikTokOrder({ status: "UNPAID" });
    expect(evaluateOrder(order, buildSyncContext(order), manual)).toEqual({
      ok: false,
      pending: "AWAITING_PAYMENT",
    });
  });
});

import { describe, expect, it } from "vitest";
import { buildSyncContext, linkEverySku } from "../../test/factories/sync-context";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { describeReason, FAILURE_CODES } from "./reasons";
import { causeGone, syncButtonState } from "./sync-button";

const hoursAfterPlacing = (hours: number) => new Date((1_800_000_000 + hours * 3600) * 1000);

describe("the Sync button", () => {
  it("is enabled for a reason manual Sync forces, naming what it forces so the merchant confirms it", () => {
    const cancelled = buildTikTokOrder({ status: "CANCELLED" });
    expect(syncButtonState("ORDER_CANCELLED", cancelled, buildSyncContext(cancelled))).toEqual({
      enabled: true,
      forces: ["ORDER_CANCELLED"],
    });
    const onHold = buildTikTokOrder({ status: "ON_HOLD" });
    expect(syncButtonState("ORDER_ON_HOLD", onHold, buildSyncContext(onHold))).toEqual({
      enabled: true,
      forces: ["ORDER_ON_HOLD"],
    });
  });

  it("forces nothing once the hold is over, nor when a later check blocks the order anyway", () => {
    const released = buildTikTokOrder({ status: "AWAITING_SHIPMENT" });
    expect(syncButtonState("ORDER_ON_HOLD", released, buildSyncContext(released))).toEqual({ enabled: true });
    const unlinked = buildTikTokOrder({ status: "CANCELLED" });
    const ctx = buildSyncContext(unlinked, { links: new Map() });
    expect(syncButtonState("ORDER_CANCELLED", unlinked, ctx)).toEqual({ enabled: true });
  });

  it("knows when the cause of a stored reason is gone, and when it isn't", () => {
    const order = buildTikTokOrder();
    const off = buildSyncContext(order, { settings: { autoSync: false } });
    expect(causeGone("AUTO_SYNC_DISABLED", order, off)).toBe(false);
    expect(causeGone("AUTO_SYNC_DISABLED", order, buildSyncContext(order))).toBe(true);
    const cancelled = buildTikTokOrder({ status: "CANCELLED" });
    expect(causeGone("ORDER_CANCELLED", cancelled, buildSyncContext(cancelled))).toBe(false);
  });

  it("is disabled for an order TikTok fulfils, and says why", () => {
    const order = buildTikTokOrder({ fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    expect(syncButtonState("FULFILLED_BY_TIKTOK", order, buildSyncContext(order))).toEqual({
      enabled: false,
      because: describeReason("FULFILLED_BY_TIKTOK").syncDisabledBecause,
    });
  });

  it("stays disabled while auto-sync is off and is enabled once it is on", () => {
    const order = buildTikTokOrder();
    const off = buildSyncContext(order, { settings: { autoSync: false } });
    expect(syncButtonState("AUTO_SYNC_DISABLED", order, off)).toMatchObject({ enabled: false });
    expect(syncButtonState("AUTO_SYNC_DISABLED", order, buildSyncContext(order))).toEqual({ enabled: true });
  });

  it("is enabled for an order placed before its products were linked once every line is linked", () => {
    const late = buildLineItem({ sku_id: "late" });
    const order = buildTikTokOrder({ line_items: [late, buildLineItem({ sku_id: "missing" })] });
    const partly = linkEverySku({ ...order, line_items: [late] }, { linkedAt: hoursAfterPlacing(1) });
    const fully = linkEverySku(order, { linkedAt: hoursAfterPlacing(1) });
    const before = syncButtonState(
      "ORDER_BEFORE_PRODUCT_LINKED",
      order,
      buildSyncContext(order, { links: partly }),
    );
    expect(before).toEqual({ enabled: false, because: expect.stringMatching(/every product/) });
    const after = syncButtonState(
      "ORDER_BEFORE_PRODUCT_LINKED",
      order,
      buildSyncContext(order, { links: fully }),
    );
    expect(after).toEqual({ enabled: true });
  });

  it("is enabled for a sample order only after its combining window", () => {
    const order = buildTikTokOrder({ is_sample_order: true });
    const settings = { sampleOrderRule: "combine", combineWindowMinutes: 60 } as const;
    const during = buildSyncContext(order, { settings, now: hoursAfterPlacing(0.5) });
    const after = buildSyncContext(order, { settings, now: hoursAfterPlacing(1) });
    expect(syncButtonState("SAMPLE_PENDING_COMBINATION", order, during)).toMatchObject({ enabled: false });
    expect(syncButtonState("SAMPLE_PENDING_COMBINATION", order, after)).toEqual({ enabled: true });
  });

  it("is enabled once a deleted product is restored", () => {
    const order = buildTikTokOrder();
    const deleted = buildSyncContext(order, { links: linkEverySku(order, { variantExists: false }) });
    expect(syncButtonState("PRODUCT_DELETED", order, deleted)).toMatchObject({ enabled: false });
    expect(syncButtonState("PRODUCT_DELETED", order, buildSyncContext(order))).toEqual({ enabled: true });
  });

  it("is enabled for a failed order, to retry", () => {
    const order = buildTikTokOrder();
    for (const code of FAILURE_CODES) {
      expect(syncButtonState(code, order, buildSyncContext(order))).toEqual({ enabled: true });
    }
  });
});

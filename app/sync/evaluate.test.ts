import { describe, expect, it } from "vitest";
import type { TikTokOrder } from "~/tiktok/types";
import { buildSyncContext, linkEverySku } from "../../test/factories/sync-context";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { evaluateOrder, isAwaitingPayment } from "./evaluate";
import { BLOCK_REASON_CODES, type BlockReasonCode, type StageNumber } from "./reasons";
import { isBlocked, isPending, type SyncContext } from "./types";

const PLACED_AT = new Date(1_800_000_000 * 1000);
const hoursAfterPlacing = (hours: number) => new Date(PLACED_AT.getTime() + hours * 3_600_000);

type Case = [BlockReasonCode, StageNumber, string, (order: TikTokOrder) => [TikTokOrder, SyncContext]];

// Each case starts from an order that passes every stage and changes exactly one fact.
const CASES: Case[] = [
  [
    "AUTO_SYNC_DISABLED",
    1,
    "auto-sync is off",
    (o) => [o, buildSyncContext(o, { settings: { autoSync: false } })],
  ],
  [
    "ORDER_BEFORE_CONNECTION",
    1,
    "the order was placed before the shop was connected",
    (o) => [o, buildSyncContext(o, { connectedAt: hoursAfterPlacing(1) })],
  ],
  [
    "ORDER_BEFORE_PRODUCT_LINKED",
    1,
    "a line was linked after the order was placed",
    (o) => [o, buildSyncContext(o, { links: linkEverySku(o, { linkedAt: hoursAfterPlacing(1) }) })],
  ],
  ["ORDER_CANCELLED", 2, "TikTok cancelled the order", (o) => withOrder({ ...o, status: "CANCELLED" })],
  [
    "SAMPLE_PENDING_COMBINATION",
    3,
    "a sample order's combining window is still open",
    (o) => {
      const sample = { ...o, is_sample_order: true };
      const settings = { sampleOrderRule: "combine", combineWindowMinutes: 60 } as const;
      return [sample, buildSyncContext(sample, { settings, now: hoursAfterPlacing(0.5) })];
    },
  ],
  [
    "SAMPLE_SYNC_DISABLED",
    3,
    "sample orders are set not to sync",
    (o) => {
      const sample = { ...o, is_sample_order: true };
      return [sample, buildSyncContext(sample, { settings: { sampleOrderRule: "skip" } })];
    },
  ],
  [
    "FULFILLED_BY_TIKTOK",
    4,
    "TikTok fulfils the order",
    (o) => withOrder({ ...o, fulfillment_type: "FULFILLMENT_BY_TIKTOK" }),
  ],
  [
    "FULFILLED_BY_TOKOPEDIA",
    4,
    "Tokopedia's warehouse fulfils the order",
    (o) => withOrder({ ...o, fulfillment_type: "FULFILLMENT_BY_DILAYANI_TOKOPEDIA" }),
  ],
  [
    "ORDER_ON_HOLD",
    5,
    "the order is on hold and the rule is to wait",
    (o) => withOrder({ ...o, status: "ON_HOLD", is_on_hold_order: true, recipient_address: undefined }),
  ],
  [
    "PRODUCT_NOT_LINKED",
    6,
    "a line's SKU has no link",
    (o) => {
      const order = { ...o, line_items: [...o.line_items, buildLineItem({ sku_id: "unlinked-sku" })] };
      return [order, buildSyncContext(order, { links: linkEverySku(o) })];
    },
  ],
  [
    "PRODUCT_DELETED",
    6,
    "a linked variant was deleted",
    (o) => [o, buildSyncContext(o, { links: linkEverySku(o, { variantExists: false }) })],
  ],
  ["PLAN_INACTIVE", 7, "the plan is not active", (o) => [o, buildSyncContext(o, { planActive: false })]],
];

function withOrder(order: TikTokOrder): [TikTokOrder, SyncContext] {
  return [order, buildSyncContext(order)];
}

describe("evaluateOrder", () => {
  it("lets through a paid order that passes every stage", () => {
    const order = buildTikTokOrder();
    const verdict = evaluateOrder(order, buildSyncContext(order));
    expect(verdict).toEqual({
      ok: true,
      stages: [1, 2, 3, 4, 5, 6, 7].map((stage) => ({ stage, status: "passed" })),
    });
  });

  it("has a case for every block reason", () => {
    expect(CASES.map(([reason]) => reason).sort()).toEqual([...BLOCK_REASON_CODES].sort());
  });

  it.each(CASES)("blocks with %s at stage %i when %s", (reason, stage, _when, arrange) => {
    const [order, ctx] = arrange(buildTikTokOrder());
    const verdict = evaluateOrder(order, ctx);
    expect(verdict).toMatchObject({ ok: false, stage, reason });
  });

  it("records the failed stage and marks the later ones not reached", () => {
    const order = buildTikTokOrder({ fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    const verdict = evaluateOrder(order, buildSyncContext(order));
    expect(isBlocked(verdict) && verdict.stages).toEqual([
      { stage: 1, status: "passed" },
      { stage: 2, status: "passed" },
      { stage: 3, status: "passed" },
      { stage: 4, status: "failed", reason: "FULFILLED_BY_TIKTOK" },
      { stage: 5, status: "not_reached" },
      { stage: 6, status: "not_reached" },
      { stage: 7, status: "not_reached" },
    ]);
  });

  it("does not evaluate an unpaid order: it waits for payment without a reason", () => {
    const order = buildTikTokOrder({ status: "UNPAID", paid_time: undefined, recipient_address: undefined });
    const verdict = evaluateOrder(order, buildSyncContext(order, { planActive: false }));
    expect(verdict).toEqual({ ok: false, pending: "AWAITING_PAYMENT" });
    expect(isPending(verdict)).toBe(true);
    expect(isAwaitingPayment(order)).toBe(true);
  });

  it("judges an order in a status TikTok added later on what it knows: paid goes through, unpaid waits", () => {
    const paid = buildTikTokOrder({ status: "AWAITING_PICKUP_CONFIRMATION" });
    expect(evaluateOrder(paid, buildSyncContext(paid))).toMatchObject({ ok: true });
    const unpaid = { ...paid, paid_time: undefined };
    expect(evaluateOrder(unpaid, buildSyncContext(unpaid))).toEqual({
      ok: false,
      pending: "AWAITING_PAYMENT",
    });
  });

  it("lets a sample order through once its combining window has ended", () => {
    const order = buildTikTokOrder({ is_sample_order: true });
    const settings = { sampleOrderRule: "combine", combineWindowMinutes: 60 } as const;
    const open = buildSyncContext(order, { settings, sampleGroupWindowEndsAt: hoursAfterPlacing(3) });
    expect(evaluateOrder(order, open)).toMatchObject({ ok: false, reason: "SAMPLE_PENDING_COMBINATION" });
    expect(evaluateOrder(order, { ...open, now: hoursAfterPlacing(3) })).toMatchObject({ ok: true });
  });

  it("syncs a sample order at once under the rule to sync samples", () => {
    const order = buildTikTokOrder({ is_sample_order: true });
    expect(evaluateOrder(order, buildSyncContext(order, { settings: { sampleOrderRule: "sync" } })).ok).toBe(
      true,
    );
  });

  it("lets an on-hold order through when the on-hold rule is to sync", () => {
    const order = buildTikTokOrder({ status: "ON_HOLD", recipient_address: undefined });
    expect(evaluateOrder(order, buildSyncContext(order, { settings: { onHoldRule: "sync" } })).ok).toBe(true);
  });

  it("judges the hold by the current status, not by the on-hold flag", () => {
    const order = buildTikTokOrder({ status: "AWAITING_SHIPMENT", is_on_hold_order: true });
    expect(evaluateOrder(order, buildSyncContext(order)).ok).toBe(true);
  });

  it("leaves an unlinked line to stage 6 rather than calling it linked too late", () => {
    const order = buildTikTokOrder();
    expect(evaluateOrder(order, buildSyncContext(order, { links: new Map() }))).toMatchObject({
      stage: 6,
      reason: "PRODUCT_NOT_LINKED",
    });
  });
});

describe("the order of the stages", () => {
  it("blocks an FBT order that is also unlinked at stage 4, not 6", () => {
    const order = buildTikTokOrder({ fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    const verdict = evaluateOrder(order, buildSyncContext(order, { links: new Map() }));
    expect(verdict).toMatchObject({ ok: false, stage: 4, reason: "FULFILLED_BY_TIKTOK" });
  });

  it("blocks a cancelled on-hold order at stage 2", () => {
    const order = buildTikTokOrder({
      status: "CANCELLED",
      is_on_hold_order: true,
      recipient_address: undefined,
    });
    const verdict = evaluateOrder(order, buildSyncContext(order));
    expect(verdict).toMatchObject({ ok: false, stage: 2, reason: "ORDER_CANCELLED" });
  });

  it("reports auto-sync being off before anything else", () => {
    const order = buildTikTokOrder({ status: "CANCELLED", fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    const ctx = buildSyncContext(order, {
      settings: { autoSync: false },
      planActive: false,
      links: new Map(),
    });
    expect(evaluateOrder(order, ctx)).toMatchObject({ stage: 1, reason: "AUTO_SYNC_DISABLED" });
  });

  it("reports an unlinked SKU before a deleted variant within stage 6", () => {
    const order = buildTikTokOrder({
      line_items: [buildLineItem({ sku_id: "a" }), buildLineItem({ sku_id: "b" })],
    });
    const links = linkEverySku(order, { variantExists: false });
    links.delete("b");
    expect(evaluateOrder(order, buildSyncContext(order, { links }))).toMatchObject({
      reason: "PRODUCT_NOT_LINKED",
    });
  });

  it("reports a plan problem only for an order that passes everything else", () => {
    const order = buildTikTokOrder({ status: "ON_HOLD" });
    const verdict = evaluateOrder(order, buildSyncContext(order, { planActive: false }));
    expect(verdict).toMatchObject({ stage: 5, reason: "ORDER_ON_HOLD" });
  });
});

import { ORDER_STATUSES, type TikTokOrder } from "~/tiktok/types";
import { manualSyncRule, type BlockReasonCode } from "./reasons";
import { STAGES, type StageCheck } from "./stages";
import type { StageTrace, SyncContext, Verdict } from "./types";

export interface EvaluateOptions {
  /** True when the merchant clicked Sync: the manual-sync rules of the reasons apply. */
  manual?: boolean;
}

const AWAITING_PAYMENT: Verdict = { ok: false, pending: "AWAITING_PAYMENT" };

/**
 * An UNPAID order (or one in a status the app doesn't know yet, without a payment) is not evaluated at all.
 * It is not blocked (nothing is wrong), so it gets no stage and no reason: `evaluateOrder` answers `{ ok: false, pending: "AWAITING_PAYMENT" }` and the order waits as Pending
 * until TikTok reports it paid.
 */
export function isAwaitingPayment(order: TikTokOrder): boolean {
  if (order.status === "UNPAID") return true;
  // A status TikTok added since the app was written: judged on the payment TikTok reports.
  return !KNOWN_STATUSES.has(order.status) && order.paid_time === undefined;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(ORDER_STATUSES);

/**
 * Runs the seven stages in order; the first check that blocks decides. Pure: everything it needs, the clock
 * included, is in `order` and `ctx`.
 */
export function evaluateOrder(order: TikTokOrder, ctx: SyncContext, opts: EvaluateOptions = {}): Verdict {
  if (isAwaitingPayment(order)) return AWAITING_PAYMENT;
  const manual = opts.manual === true;
  const stages: StageTrace[] = [];
  for (const { stage, checks } of STAGES) {
    let skipped: BlockReasonCode[] | undefined;
    for (const check of checks) {
      if (!check.blocks(order, ctx)) continue;
      if (manual && manualSyncSkips(check, order, ctx)) {
        (skipped ??= []).push(check.reason);
        continue;
      }
      stages.push({ stage, status: "failed", reason: check.reason });
      for (const later of STAGES.slice(stage)) stages.push({ stage: later.stage, status: "not_reached" });
      return { ok: false, stage, reason: check.reason, stages };
    }
    stages.push(skipped ? { stage, status: "skipped", skipped } : { stage, status: "passed" });
  }
  return { ok: true, stages };
}

/** Whether manual Sync goes past a check that blocks, by the reason's manual-sync rule. */
export function manualSyncSkips(check: StageCheck, order: TikTokOrder, ctx: SyncContext): boolean {
  switch (manualSyncRule(check.reason)) {
    case "force":
      return true;
    case "enabledAfterFix":
      return check.fixedForManualSync?.(order, ctx) ?? false;
    case "disabledUntilFixed":
    case "never":
      return false;
  }
}

import type { TikTokOrder } from "~/tiktok/types";
import { evaluateOrder } from "./evaluate";
import {
  isBlockReason,
  isForcedReason,
  REASONS,
  type BlockReasonCode,
  type ForcedReasonCode,
  type ReasonCode,
} from "./reasons";
import { CHECKS } from "./stages";
import type { SyncContext } from "./types";

/**
 * The Sync button of an order. Enabled, it names the checks Sync would force past (a cancelled order, one on
 * hold), which the merchant confirms first; disabled, it says why.
 */
export type SyncButtonState =
  { enabled: true; forces?: ForcedReasonCode[] } | { enabled: false; because: string };

/**
 * Whether the Sync button is enabled for an order stored with `code`, judged on the current facts (the
 * merchant may have fixed the cause since), and why not. Failed orders can always be retried.
 */
export function syncButtonState(code: ReasonCode, order: TikTokOrder, ctx: SyncContext): SyncButtonState {
  if (isBlockReason(code) && !causeGone(code, order, ctx)) {
    const reason = REASONS[code];
    if (reason.manualSync !== "force") return { enabled: false, because: reason.syncDisabledBecause };
  }
  return enabledFor(order, ctx);
}

/**
 * Whether the cause a block reason was stored for is gone on today's facts, so that Sync goes through
 * without forcing anything: auto-sync is on again, every product is now linked, the window has ended.
 */
export function causeGone(code: BlockReasonCode, order: TikTokOrder, ctx: SyncContext): boolean {
  const check = CHECKS[code];
  return !check.blocks(order, ctx) || (check.fixedForManualSync?.(order, ctx) ?? false);
}

/**
 * An enabled Sync, with the checks a manual sync of the order would force past today. Nothing is forced
 * when a later check blocks the order anyway.
 */
export function enabledFor(order: TikTokOrder, ctx: SyncContext): SyncButtonState {
  const verdict = evaluateOrder(order, ctx, { manual: true });
  const skipped = verdict.ok ? verdict.stages.flatMap((stage) => stage.skipped ?? []) : [];
  const forces = skipped.filter(isForcedReason);
  return forces.length > 0 ? { enabled: true, forces } : { enabled: true };
}

import type { TikTokOrder } from "~/tiktok/types";
import { isBlockReason, REASONS, type ReasonCode } from "./reasons";
import { CHECKS } from "./stages";
import type { SyncContext } from "./types";

export type SyncButtonState = { enabled: true } | { enabled: false; because: string };

const ENABLED: SyncButtonState = { enabled: true };

/**
 * Whether the Sync button is enabled for an order stored with `code`, judged on the current facts (the
 * merchant may have fixed the cause since), and why not. Failed orders can always be retried.
 */
export function syncButtonState(code: ReasonCode, order: TikTokOrder, ctx: SyncContext): SyncButtonState {
  if (!isBlockReason(code)) return ENABLED;
  const reason = REASONS[code];
  const check = CHECKS[code];
  switch (reason.manualSync) {
    case "force":
      return ENABLED;
    case "never":
      return { enabled: false, because: reason.syncDisabledBecause };
    case "enabledAfterFix": {
      const fixed = !check.blocks(order, ctx) || (check.fixedForManualSync?.(order, ctx) ?? false);
      return fixed ? ENABLED : { enabled: false, because: reason.syncDisabledBecause };
    }
    case "disabledUntilFixed":
      return check.blocks(order, ctx) ? { enabled: false, because: reason.syncDisabledBecause } : ENABLED;
  }
}

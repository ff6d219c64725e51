import type { Prisma, SyncTrigger } from "@prisma/client";
import { onFlowNoticeDue } from "~/lib/signals.server";
import { markBlocked, markFailed, recordAttempt } from "~/models/sync-run.server";
import { needsMerchant } from "./attention";
import { retryAt, type Failure, type RetryPolicy } from "./failures";
import type { BlockReasonCode, FailureCode, StageNumber } from "./reasons";
import type { ClaimedOrder, SyncOutcome } from "./types";

/**
 * Blocked at a stage: shown with its reason; a sample group waiting on its window is due when it ends. A
 * reason the merchant acts on is also noted for Shopify Flow, once per order and reason, and sent afterwards
 * by the Flow notifier (flow-notices.server.ts), off this path.
 */
export async function recordBlocked(
  row: ClaimedOrder,
  trigger: SyncTrigger,
  reason: BlockReasonCode,
  stage: StageNumber,
  stages: Prisma.InputJsonValue,
  dueAt: Date | null,
): Promise<void> {
  const notice = needsMerchant({ kind: "blocked", reason });
  await markBlocked(row.id, { reasonCode: reason, stage, dueAt, notice });
  await recordAttempt(row.id, trigger, stages, { outcome: "BLOCKED", reasonCode: reason });
  if (notice) onFlowNoticeDue.emit();
}

/**
 * A failure after the checks: transient ones are retried by themselves with backoff while the order stays
 * Pending; the rest, and transient ones that kept failing, are shown as Failed with the message verbatim —
 * and noted for Shopify Flow, once per order and failure, as a block is.
 */
export async function recordFailure(
  row: ClaimedOrder,
  trigger: SyncTrigger,
  failure: Failure,
  now: Date,
  options: { attemptRecorded?: boolean; stages?: Prisma.InputJsonValue; retry?: RetryPolicy } = {},
): Promise<SyncOutcome> {
  const attempt = row.attemptCount + 1;
  const due = retryAt(failure, attempt, now, options.retry ?? row.retry);
  const notice = needsMerchant({ kind: "failed", final: due === null });
  await markFailed(row.id, { code: failure.code, attempt, retryAt: due, notice });
  if (!options.attemptRecorded) {
    await recordAttempt(row.id, trigger, options.stages ?? [], {
      outcome: "FAILED",
      reasonCode: failure.code,
      errorDetail: failure.message,
    });
  }
  if (notice) onFlowNoticeDue.emit();
  return { status: "failed", code: failure.code, message: failure.message, retryAt: due };
}

/** The order can't even be put to Shopify (a field the mapping needs is missing): no retry helps. */
export function recordFailureBeforeCreate(
  row: ClaimedOrder,
  trigger: SyncTrigger,
  failure: { code: FailureCode; message: string },
  stages?: Prisma.InputJsonValue,
): Promise<SyncOutcome> {
  const fatal: Failure = { ...failure, transient: false, uncertain: false };
  return recordFailure(row, trigger, fatal, new Date(), stages ? { stages } : {});
}

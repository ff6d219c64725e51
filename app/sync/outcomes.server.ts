import type { Prisma, SyncTrigger } from "@prisma/client";
import { markBlocked, markFailed, recordAttempt } from "~/models/sync-run.server";
import { retryAt, type Failure, type RetryPolicy } from "./failures";
import type { BlockReasonCode, FailureCode, StageNumber } from "./reasons";
import type { ClaimedOrder, SyncOutcome } from "./types";

/** Blocked at a stage: shown with its reason; a sample group waiting on its window is due when it ends. */
export async function recordBlocked(
  row: ClaimedOrder,
  trigger: SyncTrigger,
  reason: BlockReasonCode,
  stage: StageNumber,
  stages: Prisma.InputJsonValue,
  dueAt: Date | null,
): Promise<void> {
  await markBlocked(row.id, { reasonCode: reason, stage, dueAt });
  await recordAttempt(row.id, trigger, stages, { outcome: "BLOCKED", reasonCode: reason });
}

/**
 * A failure after the checks: transient ones are retried by themselves with backoff while the order stays
 * Pending; the rest, and transient ones that kept failing, are shown as Failed with the message verbatim.
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
  await markFailed(row.id, { code: failure.code, attempt, retryAt: due });
  if (!options.attemptRecorded) {
    await recordAttempt(row.id, trigger, options.stages ?? [], {
      outcome: "FAILED",
      reasonCode: failure.code,
      errorDetail: failure.message,
    });
  }
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

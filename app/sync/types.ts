import type { BlockReasonCode, StageNumber } from "./reasons";

/** A TikTok SKU's link to a Shopify variant, as the checks see it. */
export interface SkuLink {
  variantId: string;
  linkedAt: Date;
  /** False once the linked variant was deleted in Shopify. */
  variantExists: boolean;
}

export type SampleOrderRule = "sync" | "combine" | "skip";
export type OnHoldRule = "wait" | "sync";

/** Everything the checks need besides the order, loaded by the caller. The clock is passed in as `now`. */
export interface SyncContext {
  now: Date;
  settings: {
    autoSync: boolean;
    sampleOrderRule: SampleOrderRule;
    combineWindowMinutes: number;
    onHoldRule: OnHoldRule;
  };
  connectedAt: Date;
  /** Keyed by TikTok `sku_id`. */
  links: ReadonlyMap<string, SkuLink>;
  planActive: boolean;
  /** For a sample order under the "combine" rule: when its group's window ends. */
  sampleGroupWindowEndsAt?: Date;
}

/** How one stage went, for the attempt record. "skipped": the check failed but manual Sync forced past it. */
export type StageStatus = "passed" | "failed" | "skipped" | "not_reached";

export interface StageTrace {
  stage: StageNumber;
  status: StageStatus;
  /** On a failed stage: the reason that blocked. */
  reason?: BlockReasonCode;
  /** On a skipped stage: the reasons manual Sync forced past (stage 1 can have two). */
  skipped?: BlockReasonCode[];
}

/**
 * The evaluator's answer. `{ ok: true }` and `{ ok: false, stage, reason }` are the contract; `stages` adds
 * the per-stage trace. An UNPAID order is not evaluated: it gets the third shape, which has no reason because
 * nothing is wrong, and the caller keeps the order Pending until TikTok reports it paid.
 */
export type Verdict =
  | { ok: true; stages: StageTrace[] }
  | { ok: false; stage: StageNumber; reason: BlockReasonCode; stages: StageTrace[] }
  | { ok: false; pending: "AWAITING_PAYMENT" };

export type BlockedVerdict = Extract<Verdict, { reason: BlockReasonCode }>;
export type PendingVerdict = Extract<Verdict, { pending: string }>;

export function isPending(verdict: Verdict): verdict is PendingVerdict {
  return "pending" in verdict;
}

export function isBlocked(verdict: Verdict): verdict is BlockedVerdict {
  return "reason" in verdict;
}

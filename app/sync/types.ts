import type { SyncTrigger } from "@prisma/client";
import type { ClaimedRow } from "~/models/sync-run.server";
import type { RetryPolicy } from "./failures";
import type { BlockReasonCode, FailureCode, StageNumber } from "./reasons";

/**
 * The types the sync's orchestrator (`sync-order.server.ts`) and its helpers (create, outcomes, address)
 * share. They live here, below all of them, so every module of the core imports downward only.
 */

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

/** What started a sync, as callers name it; stored in upper case (`SyncTrigger`) on the attempt. */
export type SyncTriggerName = "webhook" | "poll" | "manual" | "requeue" | "linked";

const STORED_TRIGGERS = {
  webhook: "WEBHOOK",
  poll: "POLL",
  manual: "MANUAL",
  requeue: "REQUEUE",
  linked: "LINKED",
} as const satisfies Record<SyncTriggerName, SyncTrigger>;

const TRIGGER_NAMES = {
  WEBHOOK: "webhook",
  POLL: "poll",
  MANUAL: "manual",
  REQUEUE: "requeue",
  LINKED: "linked",
} as const satisfies Record<SyncTrigger, SyncTriggerName>;

/** The stored trigger of a sync started as `name`. */
export const storedTrigger = (name: SyncTriggerName): SyncTrigger => STORED_TRIGGERS[name];

/** The trigger a queued order is synced with: what queued it, or a re-queue when nothing says. */
export const queuedTriggerName = (queued: SyncTrigger | null): SyncTriggerName =>
  TRIGGER_NAMES[queued ?? "REQUEUE"];

/** What one sync of an order came to, for the worker, the Sync button and bulk sync. */
export type SyncOutcome =
  | { status: "busy" }
  | {
      status: "synced";
      shopifyOrderId: string;
      shopifyOrderName: string | null;
      adopted: boolean;
      /** The Shopify order existed before this sync, which brought it up to date with TikTok's. */
      existing?: true;
    }
  | { status: "blocked"; reason: BlockReasonCode; stage: StageNumber }
  | { status: "pending" }
  | { status: "failed"; code: FailureCode; message: string; retryAt: Date | null }
  | { status: "missing" };

/**
 * An order this run holds the lease of, with how its transient failures are retried. `lease.released` is
 * set when a statement that recorded the outcome also ended the lease, so it is not ended again.
 */
export type ClaimedOrder = ClaimedRow & { holder: string; retry: RetryPolicy; lease: { released: boolean } };

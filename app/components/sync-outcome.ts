import { describeReason } from "~/sync/reasons";
import type { SyncOutcome } from "~/sync/types";

export type Notice = { message: string; tone: "success" | "critical" | "info" };

/** One sentence for the toast after Sync: reason titles come from the catalogue. */
export function describeSyncOutcome(outcome: SyncOutcome): Notice {
  switch (outcome.status) {
    case "synced":
      return { message: `Synced as ${outcome.shopifyOrderName ?? "a Shopify order"}`, tone: "success" };
    case "blocked":
      return { message: `Still blocked: ${describeReason(outcome.reason).title}`, tone: "critical" };
    case "failed":
      return {
        message: outcome.retryAt
          ? `${describeReason(outcome.code).title}: retrying shortly`
          : `${describeReason(outcome.code).title}: ${outcome.message}`,
        tone: "critical",
      };
    case "pending":
      return { message: "Waiting for TikTok to report the order paid", tone: "info" };
    case "busy":
      return { message: "This order is syncing right now", tone: "info" };
    case "missing":
      return { message: "This order no longer exists", tone: "critical" };
  }
}

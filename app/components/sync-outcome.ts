import type { BulkProgress, SyncFollowUp } from "~/pages/manual-sync.server";
import { describeReason, isBlockReason } from "~/sync/reasons";
import type { SyncOutcome } from "~/sync/types";

export type Notice = { message: string; tone: "success" | "critical" | "info" };

const NOTHING_FOLLOWED: SyncFollowUp = { failure: null, created: null };

/**
 * One sentence for the toast after Sync: what was created in Shopify and what followed, or why not, in plain
 * words (a failure names the field Shopify refused). Reason titles come from the catalogue.
 */
export function describeSyncOutcome(outcome: SyncOutcome, followUp = NOTHING_FOLLOWED): Notice {
  switch (outcome.status) {
    case "synced":
      return { message: createdSentence(outcome, followUp.created), tone: "success" };
    case "blocked": {
      const reason = describeReason(outcome.reason);
      return {
        message: `Still blocked: ${reason.title}`,
        tone: reason.attention === "action" ? "critical" : "info",
      };
    }
    case "failed": {
      const said = followUp.failure ?? describeReason(outcome.code).title;
      const retry = outcome.retryAt ? " It is tried again shortly." : "";
      return { message: `Not synced: ${said.replace(/\.?$/, ".")}${retry}`, tone: "critical" };
    }
    case "pending":
      return { message: "Waiting for TikTok to report the order paid", tone: "info" };
    case "busy":
      return { message: "This order is syncing right now", tone: "info" };
    case "missing":
      return { message: "This order no longer exists", tone: "critical" };
  }
}

type Synced = Extract<SyncOutcome, { status: "synced" }>;

function createdSentence(outcome: Synced, created: SyncFollowUp["created"]): string {
  const name = outcome.shopifyOrderName ?? "a Shopify order";
  if (outcome.adopted) return `Found in Shopify as ${name}, created earlier; nothing was created twice`;
  // Synced again (from Shopify's order page, say): nothing was created; it was brought up to date.
  if (outcome.existing) {
    if (created?.cancelled && !created.cancelledByMerchant)
      return `${name} is cancelled in Shopify, as on TikTok (${created.restocked ? "stock restored" : "no stock was taken"})`;
    return `${name} is in Shopify and up to date with TikTok`;
  }
  if (created?.cancelledByMerchant) return `Created in Shopify as ${name}; you cancelled it there since`;
  if (created?.cancelled) {
    const stock = created.restocked ? "stock restored" : "no stock was taken";
    return `Created in Shopify as ${name} and cancelled, as on TikTok (${stock})`;
  }
  if (created?.addressPending)
    return `Created in Shopify as ${name} without an address; tagged 'TikTok address pending' until TikTok sends it`;
  if (created?.codUnpaid)
    return `Created in Shopify as ${name}, unpaid until TikTok reports it delivered (cash on delivery)`;
  return `Created in Shopify as ${name}`;
}

/**
 * The sum-up of a "Sync selected" run: how many synced (and which of those were forced), and why the others
 * are still blocked or failed, by reason title, most frequent first.
 */
export function describeBulkRun(
  progress: BulkProgress,
  skipped: { alreadySynced: number; notFound: number },
): string {
  const reasons = (blocks: boolean) => {
    const counts = (progress.reasons ?? []).filter(({ code }) => isBlockReason(code) === blocks);
    return counts.map(({ code, count }) => `${count} ${describeReason(code).title}`).join(", ");
  };
  const forced = [
    progress.forced?.cancelled ? `${progress.forced.cancelled} created and cancelled, as on TikTok` : null,
    progress.forced?.withoutAddress ? `${progress.forced.withoutAddress} without an address` : null,
  ].filter((part) => part !== null);
  const parts = [
    `${progress.synced} synced${forced.length > 0 ? ` (${forced.join("; ")})` : ""}`,
    progress.blocked > 0 ? `${progress.blocked} still blocked: ${reasons(true)}` : null,
    progress.failed > 0 ? `${progress.failed} failed: ${reasons(false)}` : null,
    progress.pending > 0 ? `${progress.pending} waiting` : null,
    skipped.alreadySynced > 0 ? `${skipped.alreadySynced} already synced` : null,
    skipped.notFound > 0 ? `${skipped.notFound} not found` : null,
  ];
  return parts.filter((part) => part !== null).join(" · ");
}

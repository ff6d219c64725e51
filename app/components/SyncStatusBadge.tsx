import { Badge } from "@shopify/polaris";
import type { SyncStatus } from "@prisma/client";
import type { Attention } from "~/sync/reasons";
import { attentionView } from "./reason-view";

const badges: Record<SyncStatus, { label: string; tone?: "success" | "critical" | "warning" | "info" }> = {
  PENDING: { label: "Pending", tone: "info" },
  SYNCING: { label: "Syncing", tone: "info" },
  SYNCED: { label: "Synced", tone: "success" },
  BLOCKED: { label: "Blocked", tone: "warning" },
  FAILED: { label: "Failed", tone: "critical" },
};

/**
 * An order's sync status. A Blocked order takes its reason's tone: warning when the merchant has something
 * to do, grey when it is skipped on purpose (cancelled, fulfilled by TikTok), info while it waits.
 */
export function SyncStatusBadge({ status, attention }: { status: SyncStatus; attention?: Attention | null }) {
  const badge = badges[status];
  const tone = status === "BLOCKED" && attention ? attentionView(attention, status).tone : badge.tone;
  return <Badge tone={tone}>{badge.label}</Badge>;
}

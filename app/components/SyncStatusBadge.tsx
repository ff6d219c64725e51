import { Badge } from "@shopify/polaris";
import type { SyncStatus } from "@prisma/client";

const badges: Record<SyncStatus, { label: string; tone?: "success" | "critical" | "warning" | "info" }> = {
  PENDING: { label: "Pending", tone: "info" },
  SYNCING: { label: "Syncing", tone: "info" },
  SYNCED: { label: "Synced", tone: "success" },
  BLOCKED: { label: "Blocked", tone: "warning" },
  FAILED: { label: "Failed", tone: "critical" },
};

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  const badge = badges[status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

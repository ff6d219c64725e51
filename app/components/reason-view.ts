import type { SyncStatus } from "@prisma/client";
import {
  describeReason,
  isBlockReason,
  type Attention,
  type FixLocation,
  type ReasonCode,
} from "~/sync/reasons";
import { STAGES } from "~/sync/stages";

export type FixLink = { label: string; url: string | null };

/** Where each kind of cause is fixed: the app's page for it. `url: null` names a place without a link. */
export const FIX_LINKS: Record<NonNullable<FixLocation>, FixLink> = {
  products: { label: "Products", url: "/app/products" },
  settings: { label: "Settings", url: "/app/settings" },
  plan: { label: "Plan", url: "/app/plan" },
};

export type ReasonView = {
  title: string;
  /** "Stage 6 · Shopify products" for a block; failures happen after the stages, while creating. */
  stage: string;
  howToResolve: string;
  fix: FixLink | null;
};

export const stageLabel = (stage: number) => {
  const name = STAGES.find((candidate) => candidate.stage === stage)?.name;
  return name ? `Stage ${stage} · ${name}` : `Stage ${stage}`;
};

/** Everything the pages show for a reason, read from the catalogue in app/sync/reasons.ts. */
export function reasonView(code: ReasonCode): ReasonView {
  const reason = describeReason(code);
  return {
    title: reason.title,
    stage: isBlockReason(code) ? stageLabel(describeReason(code).stage) : "While creating the Shopify order",
    howToResolve: reason.howToResolve,
    fix: reason.fixIn ? FIX_LINKS[reason.fixIn] : null,
  };
}

type Tone = "critical" | "warning" | "info" | undefined;

/**
 * How each kind of reason looks, so problems stand out from choices: something to do is warning (critical
 * once creating failed), skipped on purpose is grey, waiting is info.
 */
export function attentionView(
  attention: Attention | null,
  status: SyncStatus,
): { label: string; tone: Tone } {
  if (status === "FAILED") return { label: "Needs your action", tone: "critical" };
  switch (attention) {
    case "skipped":
      return { label: "Skipped on purpose", tone: undefined };
    case "waiting":
      return { label: "Waiting", tone: "info" };
    default:
      return { label: "Needs your action", tone: "warning" };
  }
}

/** Said instead of "Fix in …" once the cause is gone, so the merchant knows Sync will now go through. */
export const causeGoneLabel = (attention: Attention | null) =>
  attention === "waiting" ? "Ready — click Sync" : "Fixed — click Sync";

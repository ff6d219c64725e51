import { describeReason, isBlockReason, type FixLocation, type ReasonCode } from "~/sync/reasons";
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

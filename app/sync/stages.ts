import type { TikTokOrder } from "~/tiktok/types";
import type { BlockReasonCode, StageNumber } from "./reasons";
import { sampleWindowEndsAt } from "./sample-window";
import type { SyncContext } from "./types";

/** One check: true when it blocks the order for its reason. */
type Blocks = (order: TikTokOrder, ctx: SyncContext) => boolean;

export interface StageCheck {
  reason: BlockReasonCode;
  blocks: Blocks;
  /** For "enabledAfterFix" reasons: whether the merchant has fixed what manual Sync needs. */
  fixedForManualSync?: Blocks;
}

export interface Stage {
  stage: StageNumber;
  name: string;
  /** Checked in this order; the first that blocks (and isn't skipped by manual Sync) decides. */
  checks: readonly StageCheck[];
}

const createdAtMs = (order: TikTokOrder) => order.create_time * 1000;

const autoSyncOff: Blocks = (_order, ctx) => !ctx.settings.autoSync;

const placedBeforeConnection: Blocks = (order, ctx) => createdAtMs(order) < ctx.connectedAt.getTime();

// Auto-sync does not import history: an order placed before one of its links existed waits for the merchant.
const placedBeforeProductLinked: Blocks = (order, ctx) =>
  order.line_items.some((line) => {
    const link = ctx.links.get(line.sku_id);
    return link !== undefined && link.linkedAt.getTime() > createdAtMs(order);
  });

const everyLineLinked: Blocks = (order, ctx) => order.line_items.every((line) => ctx.links.has(line.sku_id));

const cancelled: Blocks = (order) => order.status === "CANCELLED";

const sampleNotToSync: Blocks = (order, ctx) =>
  order.is_sample_order === true && ctx.settings.sampleOrderRule === "skip";

// Without a group window from the caller, the order is the first of its own group.
const sampleWindowOpen: Blocks = (order, ctx) => {
  if (order.is_sample_order !== true || ctx.settings.sampleOrderRule !== "combine") return false;
  const endsAt = ctx.sampleGroupWindowEndsAt ?? sampleWindowEndsAt(order, ctx.settings.combineWindowMinutes);
  return ctx.now.getTime() < endsAt.getTime();
};

const fulfilledByTikTok: Blocks = (order) => order.fulfillment_type === "FULFILLMENT_BY_TIKTOK";

// Indonesian orders that Tokopedia's warehouse ships, as TikTok's FBT does elsewhere.
const fulfilledByTokopedia: Blocks = (order) =>
  order.fulfillment_type === "FULFILLMENT_BY_DILAYANI_TOKOPEDIA";

// `is_on_hold_order` only says the order was or will be on hold; the current status is what counts.
const onHoldAndWaiting: Blocks = (order, ctx) =>
  order.status === "ON_HOLD" && ctx.settings.onHoldRule === "wait";

const lineNotLinked: Blocks = (order, ctx) => order.line_items.some((line) => !ctx.links.has(line.sku_id));

const linkedVariantDeleted: Blocks = (order, ctx) =>
  order.line_items.some((line) => ctx.links.get(line.sku_id)?.variantExists === false);

const planInactive: Blocks = (_order, ctx) => !ctx.planActive;

/** Every block reason's check; the Record type makes a missing one a compile error. */
export const CHECKS: Readonly<Record<BlockReasonCode, StageCheck>> = {
  AUTO_SYNC_DISABLED: { reason: "AUTO_SYNC_DISABLED", blocks: autoSyncOff },
  ORDER_BEFORE_CONNECTION: { reason: "ORDER_BEFORE_CONNECTION", blocks: placedBeforeConnection },
  ORDER_BEFORE_PRODUCT_LINKED: {
    reason: "ORDER_BEFORE_PRODUCT_LINKED",
    blocks: placedBeforeProductLinked,
    fixedForManualSync: everyLineLinked,
  },
  ORDER_CANCELLED: { reason: "ORDER_CANCELLED", blocks: cancelled },
  SAMPLE_SYNC_DISABLED: { reason: "SAMPLE_SYNC_DISABLED", blocks: sampleNotToSync },
  SAMPLE_PENDING_COMBINATION: { reason: "SAMPLE_PENDING_COMBINATION", blocks: sampleWindowOpen },
  FULFILLED_BY_TIKTOK: { reason: "FULFILLED_BY_TIKTOK", blocks: fulfilledByTikTok },
  FULFILLED_BY_TOKOPEDIA: { reason: "FULFILLED_BY_TOKOPEDIA", blocks: fulfilledByTokopedia },
  ORDER_ON_HOLD: { reason: "ORDER_ON_HOLD", blocks: onHoldAndWaiting },
  PRODUCT_NOT_LINKED: { reason: "PRODUCT_NOT_LINKED", blocks: lineNotLinked },
  PRODUCT_DELETED: { reason: "PRODUCT_DELETED", blocks: linkedVariantDeleted },
  PLAN_INACTIVE: { reason: "PLAN_INACTIVE", blocks: planInactive },
};

/** The seven stages of the customer's specification, in the order they run. */
export const STAGES: readonly Stage[] = [
  {
    stage: 1,
    name: "Pre-check",
    checks: [CHECKS.AUTO_SYNC_DISABLED, CHECKS.ORDER_BEFORE_CONNECTION, CHECKS.ORDER_BEFORE_PRODUCT_LINKED],
  },
  { stage: 2, name: "Cancelled order", checks: [CHECKS.ORDER_CANCELLED] },
  {
    stage: 3,
    name: "Sample order",
    checks: [CHECKS.SAMPLE_SYNC_DISABLED, CHECKS.SAMPLE_PENDING_COMBINATION],
  },
  {
    stage: 4,
    name: "Fulfillment type",
    checks: [CHECKS.FULFILLED_BY_TIKTOK, CHECKS.FULFILLED_BY_TOKOPEDIA],
  },
  { stage: 5, name: "Address", checks: [CHECKS.ORDER_ON_HOLD] },
  { stage: 6, name: "Shopify products", checks: [CHECKS.PRODUCT_NOT_LINKED, CHECKS.PRODUCT_DELETED] },
  { stage: 7, name: "Plan", checks: [CHECKS.PLAN_INACTIVE] },
];

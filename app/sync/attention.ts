import { SHIPMENT_REASONS, type ShipmentReasonCode } from "~/fulfillment/reasons";
import type { TikTokOrder } from "~/tiktok/types";
import { plainFailure } from "./failures";
import { describeReason, isBlockReason, type ReasonCode } from "./reasons";
import { STAGES } from "./stages";

/**
 * The Shopify Flow trigger "TikTok order needs attention" (extensions/tiktok-order-attention, ADR 029): which
 * outcomes fire it and the payload it is sent. Flow starts the merchant's own workflows with it (an e-mail,
 * a Slack message, a task), so a blocked or failed order doesn't wait for someone to open the Orders page.
 */

/** The trigger's handle, as its extension declares it (at most 30 characters). */
export const ATTENTION_TRIGGER_HANDLE = "tiktok-order-attention";

/**
 * The payload's keys, which are the trigger's field keys. Flow takes only letters and spaces in a custom
 * field's key; it shows them in the workflow editor (as variables) by these names.
 */
export const ATTENTION_FIELDS = {
  tiktokOrderId: "TikTok order ID",
  reasonCode: "Reason code",
  reason: "Reason",
  stage: "Stage",
  orderPage: "Order page",
} as const;

export type AttentionPayload = Record<(typeof ATTENTION_FIELDS)[keyof typeof ATTENTION_FIELDS], string>;

/** Flow refuses a payload of 50,000 bytes or more. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;
// Each text is cut to this many characters: five fields stay far below Flow's limit, whatever an order holds.
const MAX_TEXT = 1_000;
// What the Stage field says of a failure, which comes after the seven stages passed.
export const AFTER_THE_CHECKS = "After the checks";

/**
 * Whether an outcome needs the merchant, so Flow is told: a block for a reason they act on (the catalogue's
 * `attention: "action"`; not what waits for TikTok or the clock, nor what was left out on purpose), or a
 * failure that is final (not one the sync retries by itself).
 */
export function needsMerchant(
  outcome: { kind: "blocked"; reason: ReasonCode } | { kind: "failed"; final: boolean },
): boolean {
  if (outcome.kind === "failed") return outcome.final;
  return describeReason(outcome.reason).attention === "action";
}

export type AttentionFacts = {
  tiktokOrderId: string;
  reasonCode: ReasonCode;
  /** A failure's message as the attempt recorded it (Shopify's or TikTok's words), when there is one. */
  message?: string | null;
  /** The TikTok order, for naming the field and value of a failure; null when it can't be read. */
  order?: TikTokOrder | null;
  /** The order's page in the app, inside Shopify admin. */
  orderPageUrl: string;
};

/**
 * The trigger's payload: the TikTok order id, the reason's code, what is wrong and how to fix it in a
 * sentence or two, the stage that blocked (or "After the checks" for a failure) and a link to the order's
 * page. Every value is one line of text, cut so the payload stays under Flow's limit.
 */
export function attentionPayload(facts: AttentionFacts): AttentionPayload {
  const reason = describeReason(facts.reasonCode);
  const detail = isBlockReason(facts.reasonCode)
    ? reason.howToResolve
    : facts.message
      ? plainFailure(facts.reasonCode, facts.message, facts.order ?? null)
      : reason.howToResolve;
  return {
    [ATTENTION_FIELDS.tiktokOrderId]: oneLine(facts.tiktokOrderId),
    [ATTENTION_FIELDS.reasonCode]: facts.reasonCode,
    [ATTENTION_FIELDS.reason]: oneLine(`${reason.title}. ${detail}`),
    [ATTENTION_FIELDS.stage]: stageOf(facts.reasonCode),
    [ATTENTION_FIELDS.orderPage]: oneLine(facts.orderPageUrl),
  };
}

/** "Stage 6: Shopify products" for a block; "After the checks" for a failure. */
function stageOf(code: ReasonCode): string {
  if (!isBlockReason(code)) return AFTER_THE_CHECKS;
  const { stage } = describeReason(code);
  const name = STAGES.find((candidate) => candidate.stage === stage)?.name;
  return name ? `Stage ${stage}: ${name}` : `Stage ${stage}`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  // Cut between characters, never inside one (an emoji is two UTF-16 units).
  return line.length > MAX_TEXT ? `${[...line].slice(0, MAX_TEXT - 1).join("")}…` : line;
}

/**
 * The Shopify Flow trigger "TikTok shipment needs attention" (extensions/tiktok-shipment-attention): a
 * fulfilment of a TikTok order that is in Shopify can't reach TikTok until the merchant acts. Its order is a
 * Shopify order, so the trigger carries an `order_reference` (payload key `order_id`, the order's numeric
 * id): a workflow reads the order and acts on it (tag it, add a note, e-mail the warehouse).
 */
export const SHIPMENT_ATTENTION_TRIGGER_HANDLE = "tiktok-shipment-attention";

/** The payload's keys: the order reference's `order_id`, then the same custom fields as the order trigger's. */
export const SHIPMENT_ATTENTION_FIELDS = { order: "order_id", ...ATTENTION_FIELDS } as const;

export type ShipmentAttentionPayload = { order_id: number } & AttentionPayload;

/** What the Stage field says of a fulfilment held up on its way to TikTok. */
export const TRACKING_TO_TIKTOK = "Tracking to TikTok";

export type ShipmentAttentionFacts = {
  /** The Shopify order, as its GID or numeric id. */
  shopifyOrderId: string;
  tiktokOrderId: string;
  reasonCode: ShipmentReasonCode;
  /** TikTok's words, when TikTok refused the tracking. */
  message?: string | null;
  orderPageUrl: string;
};

/** The shipment trigger's payload: the Shopify order, the TikTok order id, the reason, where, and a link. */
export function shipmentAttentionPayload(facts: ShipmentAttentionFacts): ShipmentAttentionPayload {
  const reason = SHIPMENT_REASONS[facts.reasonCode];
  const tiktokSaid = facts.message ? ` TikTok said: ${facts.message}` : "";
  return {
    [SHIPMENT_ATTENTION_FIELDS.order]: numericId(facts.shopifyOrderId),
    [ATTENTION_FIELDS.tiktokOrderId]: oneLine(facts.tiktokOrderId),
    [ATTENTION_FIELDS.reasonCode]: facts.reasonCode,
    [ATTENTION_FIELDS.reason]: oneLine(`${reason.title}. ${reason.howToResolve}${tiktokSaid}`),
    [ATTENTION_FIELDS.stage]: TRACKING_TO_TIKTOK,
    [ATTENTION_FIELDS.orderPage]: oneLine(facts.orderPageUrl),
  };
}

/** A reference field takes the resource's numeric id ("gid://shopify/Order/123" → 123). */
function numericId(id: string): number {
  const digits = /(\d+)$/.exec(id)?.[1];
  if (!digits) throw new Error(`Not a Shopify order id: ${id}`);
  return Number(digits);
}

/** The payload's size as Flow counts it: its JSON in UTF-8. */
export function payloadBytes(payload: AttentionPayload | ShipmentAttentionPayload): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

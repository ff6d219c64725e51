import { randomUUID } from "node:crypto";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { receiveFlowTrigger } from "~/admin-api/operations/flow";
import { userErrorText } from "~/admin-api/operations/user-errors";
import { onFlowNoticeDue } from "~/lib/signals.server";
import { startLeasedLoop } from "~/lib/leased-loop.server";
import {
  claimDueNotices,
  dropNotice,
  markNoticeFailed,
  markNoticeSent,
  retryNoticeAt,
  type ClaimedNotice,
} from "~/models/flow-notice.server";
import { tiktokOrderSchema } from "~/tiktok/types";
import { shipmentNeedsMerchant } from "~/fulfillment/reasons";
import {
  ATTENTION_TRIGGER_HANDLE,
  attentionPayload,
  FLOW_PAYLOAD_LIMIT_BYTES,
  payloadBytes,
  SHIPMENT_ATTENTION_TRIGGER_HANDLE,
  shipmentAttentionPayload,
  type AttentionPayload,
  type ShipmentAttentionPayload,
} from "./attention";
import { failureFromError } from "./failures";
import { orderPageUrl } from "./order-page.server";
import { isReasonCode } from "./reasons";

/**
 * The Flow notifier: sends the "TikTok order needs attention" trigger for the notices the sync recorded, and
 * "TikTok shipment needs attention" for those the shipment worker recorded
 * (docs/decisions/029-flow-trigger-and-order-metafields.md). It runs beside the sync, never in it: a Flow
 * that is slow, down or refusing leaves every order's outcome as it was. A notice is claimed under a lease
 * (two workers never send one at once), sent, then marked sent — so a crash between Flow's answer and that
 * mark sends it again (at least once); Flow keeps no idempotency key to prevent that.
 */

// Longer than one send can take, throttle waits included (the Admin client waits up to two minutes).
export const NOTICE_LEASE_MS = 5 * 60_000;
/** Sends of one notice before it is given up: about a quarter of an hour of Shopify unreachable. */
export const NOTICE_MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 30 * 60_000;

export type NoticeResult = "sent" | "refused" | "retry" | "gave-up" | "dropped";

/** When to send again after the `attempt`-th failed send: 30 s, 1 min, 2 min, … at most 30 min. */
export function noticeRetryAt(attempt: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1)));
}

/** Claims the due notices (up to `limit`) and sends them, answering how each went. */
export async function sendDueFlowNotices(
  options: { holder?: string; limit?: number; now?: () => Date } = {},
): Promise<NoticeResult[]> {
  const now = options.now ?? (() => new Date());
  const holder = options.holder ?? `flow-${randomUUID()}`;
  const claimed = await claimDueNotices(holder, options.limit ?? 20, NOTICE_LEASE_MS, now());
  return Promise.all(claimed.map((notice) => sendNotice(notice, holder, now)));
}

/** What a claimed notice comes to: a trigger's handle and payload, or why it is not sent. */
type Built =
  | { kind: "send"; handle: string; payload: AttentionPayload | ShipmentAttentionPayload }
  | { kind: "dropped" }
  | { kind: "refused"; error: string };

/** One claimed notice: sent to Flow, or dropped when the order has moved on from its reason meanwhile. */
export async function sendNotice(
  notice: ClaimedNotice,
  holder: string,
  now: () => Date = () => new Date(),
): Promise<NoticeResult> {
  const mine = { id: notice.id, holder };
  const { order } = notice;
  const built = notice.trigger === "SHIPMENT" ? shipmentNotice(notice) : orderNotice(notice);
  if (built.kind === "dropped") {
    await dropNotice(mine);
    return "dropped";
  }
  if (built.kind === "refused") {
    await markNoticeFailed(mine, built.error);
    return "refused";
  }
  const { handle, payload } = built;
  if (payloadBytes(payload) >= FLOW_PAYLOAD_LIMIT_BYTES) {
    await markNoticeFailed(mine, "The payload is over Shopify Flow's limit of 50,000 bytes.");
    return "refused";
  }
  try {
    const client = await adminClientForShop(notice.shopDomain);
    const result = await receiveFlowTrigger(client, handle, payload);
    if (result.ok) {
      await markNoticeSent(mine, now());
      return "sent";
    }
    const refusal = userErrorText(result.userErrors);
    console.warn(`Shopify Flow refused the trigger ${handle} of order ${order.tiktokOrderId}: ${refusal}`);
    await markNoticeFailed(mine, refusal);
    return "refused";
  } catch (error) {
    const failure = failureFromError(error);
    const attempt = notice.attemptCount + 1;
    if (failure.transient && attempt < NOTICE_MAX_ATTEMPTS) {
      await retryNoticeAt(mine, noticeRetryAt(attempt, now()), failure.message);
      return "retry";
    }
    console.warn(`The trigger ${handle} of order ${order.tiktokOrderId} was not sent: ${failure.message}`);
    await markNoticeFailed(mine, failure.message);
    return "gave-up";
  }
}

/** "TikTok order needs attention": sent while the order still stands Blocked or Failed on the reason. */
function orderNotice(notice: ClaimedNotice): Built {
  const { order } = notice;
  const stands =
    order.reasonCode === notice.reasonCode &&
    (order.syncStatus === "BLOCKED" || order.syncStatus === "FAILED");
  if (!stands) return { kind: "dropped" };
  if (!isReasonCode(notice.reasonCode))
    return { kind: "refused", error: `Unknown reason code ${notice.reasonCode}.` };
  const parsed = tiktokOrderSchema.safeParse(order.raw);
  const payload = attentionPayload({
    tiktokOrderId: order.tiktokOrderId,
    reasonCode: notice.reasonCode,
    message: notice.message,
    order: parsed.success ? parsed.data : null,
    orderPageUrl: orderPageUrl(notice.shopDomain, order.tiktokOrderId),
  });
  return { kind: "send", handle: ATTENTION_TRIGGER_HANDLE, payload };
}

/** "TikTok shipment needs attention": sent while a fulfilment of the order is still held up on the reason. */
function shipmentNotice(notice: ClaimedNotice): Built {
  const { order } = notice;
  if (!notice.shipmentStands) return { kind: "dropped" };
  if (!shipmentNeedsMerchant(notice.reasonCode))
    return { kind: "refused", error: `Unknown reason code ${notice.reasonCode}.` };
  if (!order.shopifyOrderId) return { kind: "refused", error: "The order isn't in Shopify." };
  const payload = shipmentAttentionPayload({
    shopifyOrderId: order.shopifyOrderId,
    tiktokOrderId: order.tiktokOrderId,
    reasonCode: notice.reasonCode,
    message: notice.message,
    orderPageUrl: orderPageUrl(notice.shopDomain, order.tiktokOrderId),
  });
  return { kind: "send", handle: SHIPMENT_ATTENTION_TRIGGER_HANDLE, payload };
}

export type FlowNotifier = { stop(): Promise<void>; wake(): void };

/**
 * Sends due notices, a few at a time, in every process that runs a worker: the notices are rows shared by
 * lease, so any number of processes can run one. It wakes when this process's syncs record one.
 */
export function startFlowNotifier(options: { concurrency?: number; pollMs?: number } = {}): FlowNotifier {
  const holder = `flow-${randomUUID()}`;
  return startLeasedLoop({
    name: "Flow notifier",
    concurrency: options.concurrency ?? 8,
    pollMs: options.pollMs ?? 2000,
    claim: (free) => claimDueNotices(holder, free, NOTICE_LEASE_MS),
    work: (notice) => sendNotice(notice, holder),
    label: (notice) => `Flow notice ${notice.id}`,
    signal: onFlowNoticeDue,
  });
}

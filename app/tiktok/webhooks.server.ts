import { z } from "zod";
import { isPlainText } from "~/lib/plain-text";
import { decodeUtf8, BODY_LIMIT } from "~/lib/read-limited-body.server";
import { onShutdown } from "~/lib/shutdown.server";
import {
  findStoreByTikTokShopId,
  markTikTokDeauthorized,
  setTikTokAuthorizationExpiry,
} from "~/models/tiktok-connection.server";
import { markRefundsDue, recordCancelRequest } from "~/models/tiktok-order.server";
import { fromUnix, isTikTokConfigured, tiktokAppConfig } from "./connection.server";
import { OrderDetailBatcher } from "./detail-batcher.server";
import { ReceiptWriter } from "./receipt-writer.server";
import { verifyWebhookSignature } from "./signature";

/**
 * TikTok Shop webhooks: verified on the raw bytes, checked for freshness, recorded once per
 * `tts_notification_id`, answered at once. Order events only name an order: its detail is fetched in the
 * background (batched) and then stored and queued like a polled one. No input ever causes a 500.
 */

/** A notification older than this is refused as a replay; receipts older than this may be pruned. */
export const REPLAY_WINDOW_SECONDS = 15 * 60;
/** Tolerated clock difference for a notification stamped in the future. */
export const CLOCK_SKEW_SECONDS = 5 * 60;

export const WEBHOOK_TOPICS: Record<number, string> = {
  1: "ORDER_STATUS_CHANGE",
  3: "RECIPIENT_ADDRESS_UPDATE",
  4: "PACKAGE_UPDATE",
  5: "PRODUCT_STATUS_CHANGE",
  6: "SELLER_DEAUTHORIZATION",
  7: "UPCOMING_AUTHORIZATION_EXPIRATION",
  11: "CANCELLATION_STATUS_CHANGE",
  12: "RETURN_STATUS_CHANGE",
};
const ORDER_EVENTS = new Set([1, 3, 11, 12]);
const HANDLED = new Set([...ORDER_EVENTS, 6, 7]);

// Ids are digits in practice; anything the database could not hold (a NUL, a lone surrogate) is refused.
const id = z.union([z.string().min(1).refine(isPlainText), z.number().int()]).transform(String);
const notificationSchema = z.object({
  type: z.number().int(),
  tts_notification_id: id,
  shop_id: id,
  timestamp: z.number().int(),
  data: z.looseObject({}).default({}),
});
const orderEventSchema = z.looseObject({ order_id: id });
const expirySchema = z.looseObject({ expiration_time: z.coerce.number().int().positive().optional() });
type Notification = z.infer<typeof notificationSchema>;

export type WebhookReply = { status: 200 | 400 | 401 | 413; body: { ok: boolean; message: string } };

/** The answer to a body over `BODY_LIMIT`, wherever it is measured. */
export const TOO_LARGE: WebhookReply = {
  status: 413,
  body: { ok: false, message: "The notification is too large." },
};

/** The answer to a client that hung up mid-upload, should it still be listening. */
export const ABORTED: WebhookReply = {
  status: 400,
  body: { ok: false, message: "The notification's upload was interrupted." },
};

export async function receiveTikTokWebhook(input: {
  /** The body's bytes exactly as they arrived: TikTok signs these. */
  rawBody: Uint8Array;
  signature: string | null;
  now?: Date;
}): Promise<WebhookReply> {
  const { rawBody } = input;
  if (rawBody.byteLength > BODY_LIMIT) return TOO_LARGE;
  if (!isTikTokConfigured()) {
    console.warn("A TikTok webhook arrived but TIKTOK_APP_KEY / TIKTOK_APP_SECRET are not set.");
    return reply(401, "This app cannot verify TikTok notifications: it has no TikTok credentials.");
  }
  const { appKey, appSecret } = tiktokAppConfig();
  if (!verifyWebhookSignature({ appKey, appSecret, rawBody, signature: input.signature })) {
    return reply(401, "The Authorization signature is missing or wrong.");
  }
  // Signed by TikTok but unreadable: a 400 (not a 401, which would blame the signature). TikTok retries a
  // refused delivery for a while and then drops it; the poller still finds the order (docs/decisions/019-trust.md).
  const text = decodeUtf8(rawBody);
  if (text === null) return reply(400, "The notification is not UTF-8 text.");
  const parsed = notificationSchema.safeParse(parseJson(text));
  if (!parsed.success) return reply(400, "The notification is not a TikTok Shop webhook body.");
  const notification = parsed.data;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (notification.timestamp < now - REPLAY_WINDOW_SECONDS) {
    return reply(400, "The notification is older than 15 minutes: refused as a replay.");
  }
  if (notification.timestamp > now + CLOCK_SKEW_SECONDS) {
    return reply(400, "The notification's timestamp is in the future.");
  }
  if (!HANDLED.has(notification.type)) return reply(200, "Not an event this app uses.");
  const orderEvent = orderEventSchema.safeParse(notification.data);
  if (ORDER_EVENTS.has(notification.type) && !orderEvent.success) {
    return reply(400, "The notification names no order_id.");
  }
  const expiry = expirySchema.safeParse(notification.data);
  if (notification.type === 7 && !expiry.success) return reply(400, "expiration_time is not a Unix time.");

  // Unknown shops are acknowledged, not refused: TikTok would only retry, and nothing can come of it.
  const store = await storeOf(notification.shop_id);
  if (!store) return reply(200, "No store is connected to this TikTok shop: ignored.");
  if (store.deauthorizedAt && ORDER_EVENTS.has(notification.type)) {
    return reply(200, "The seller revoked the app's access: ignored.");
  }
  const fresh = await receipts.record({
    notificationId: notification.tts_notification_id,
    topic: WEBHOOK_TOPICS[notification.type] ?? String(notification.type),
    shopDomain: store.shopDomain,
  });
  if (!fresh) return reply(200, "Already received.");

  if (orderEvent.success && ORDER_EVENTS.has(notification.type)) {
    if (notification.type === 11)
      await noteCancellation(store.shopId, orderEvent.data.order_id, notification);
    // A return or refund changed: the order's next sync looks for refunds to make in Shopify.
    if (notification.type === 12) await markRefundsDue(store.shopId, orderEvent.data.order_id);
    webhookOrderBatcher().add(store, [orderEvent.data.order_id]);
  } else if (notification.type === 6) {
    await markTikTokDeauthorized(notification.shop_id, fromUnix(notification.timestamp));
    stores.delete(notification.shop_id);
  } else if (notification.type === 7) {
    await setExpiry(notification, expiry.data?.expiration_time);
  }
  return reply(200, "Received.");
}

const cancellationSchema = z.looseObject({
  cancel_id: id,
  cancel_status: z.string().min(1).max(64).refine(isPlainText),
  cancellations_role: z.string().max(32).optional(),
  create_time: z.number().int().optional(),
});

/**
 * A buyer's cancellation request, or what became of one, noted on its order for the merchant to answer
 * (the order itself is fetched again as for any order event). A seller's own cancellation is no request.
 */
async function noteCancellation(shopId: string, tiktokOrderId: string, notification: Notification) {
  const cancellation = cancellationSchema.safeParse(notification.data);
  if (!cancellation.success) return;
  const { cancel_id, cancel_status, cancellations_role, create_time } = cancellation.data;
  if (cancellations_role && cancellations_role !== "BUYER") return;
  await recordCancelRequest(shopId, tiktokOrderId, {
    cancelId: cancel_id,
    status: cancel_status,
    at: fromUnix(create_time ?? notification.timestamp),
  });
}

/** TikTok's warning without a date is shown as expiring now: re-authorizing is the answer either way. */
async function setExpiry(notification: Notification, expirationTime: number | undefined) {
  await setTikTokAuthorizationExpiry(
    notification.shop_id,
    fromUnix(expirationTime ?? notification.timestamp),
  );
}

// A burst of webhooks for one shop looks its store up once; a change made elsewhere shows within seconds
// (an order webhook routed on a stale entry fails its fetch and is left to the poller).
const STORE_CACHE_MS = 10_000;
type Store = NonNullable<Awaited<ReturnType<typeof findStoreByTikTokShopId>>>;
const stores = new Map<string, { store: Promise<Store | null>; until: number }>();
const receipts = new ReceiptWriter();

function storeOf(tiktokShopId: string): Promise<Store | null> {
  const cached = stores.get(tiktokShopId);
  if (cached && cached.until > Date.now()) return cached.store;
  const store = findStoreByTikTokShopId(tiktokShopId);
  stores.set(tiktokShopId, { store, until: Date.now() + STORE_CACHE_MS });
  // Unknown shops and failed lookups are not remembered: the next delivery asks the database again.
  const forget = () => stores.get(tiktokShopId)?.store === store && stores.delete(tiktokShopId);
  void store.then((found) => found ?? forget(), forget);
  return store;
}

declare global {
  var __tiktokWebhookBatcher: OrderDetailBatcher | undefined;
}

/** This process's batcher of order-detail fetches; shutdown lets it finish what is pending. */
export function webhookOrderBatcher(): OrderDetailBatcher {
  if (!globalThis.__tiktokWebhookBatcher) {
    const batcher = new OrderDetailBatcher();
    globalThis.__tiktokWebhookBatcher = batcher;
    onShutdown(() => batcher.stop());
  }
  return globalThis.__tiktokWebhookBatcher;
}

function reply(status: WebhookReply["status"], message: string): WebhookReply {
  return { status, body: { ok: status === 200, message } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

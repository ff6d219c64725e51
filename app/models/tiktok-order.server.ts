import { enqueueSync } from "./order-queue.server";
import { randomUUID } from "node:crypto";
import type { SyncTrigger } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { jsonText } from "~/db/json-text";
import { PERSONAL_FIELDS, REDACTED } from "./privacy.server";

/**
 * What storing an order reads of TikTok's order detail; the whole object is kept as it came (`raw`), and
 * the sync parses it with TikTok's schema when it reads it back.
 */
export type OrderToStore = {
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  is_sample_order?: boolean | undefined;
  is_on_hold_order?: boolean | undefined;
  fulfillment_type?: string | undefined;
};

export type UpsertOutcome = "created" | "updated" | "stale";

/** `due`: the order is now waiting for syncOrder (never for an erased order, nor a stale delivery). */
export type UpsertResult = { tiktokOrderId: string; outcome: UpsertOutcome; id: string; due: boolean };

/**
 * Stores orders as TikTok last described them. Webhooks and polling deliver the same order many times and
 * out of order: an update only lands when its `update_time` is newer than what is stored, in one statement,
 * so two deliveries racing can't put an older state over a newer one.
 * A batch is one statement (a page from the poller, 50 details for a burst of webhooks),
 * with one rule per order; returns one result per distinct TikTok order id.
 * `queue` also makes the stored orders due for syncOrder with that trigger, in the same statement;
 * `tiktokShopId` is the TikTok shop they were read from (the orders of one batch come from one).
 */
export async function upsertTikTokOrders(
  shopId: string,
  orders: readonly OrderToStore[],
  options: { queue?: SyncTrigger; tiktokShopId?: string } = {},
): Promise<UpsertResult[]> {
  // One row per order id (the newest), as one INSERT may not touch a row twice.
  const newest = new Map<string, OrderToStore>();
  for (const order of orders) {
    const kept = newest.get(order.id);
    if (!kept || kept.update_time < order.update_time) newest.set(order.id, order);
  }
  if (newest.size === 0) return [];
  const rows = [...newest.values()];
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  const queuedAt = options.queue ? new Date().toISOString() : null;
  type Stored = { id: string; tiktokOrderId: string; inserted: boolean; due: boolean };
  const stored = await database.query<Stored>(UPSERT_ORDERS, [
    shopId,
    rows.map(() => randomUUID()),
    rows.map((order) => order.id),
    rows.map((order) => order.status),
    rows.map((order) => order.is_sample_order ?? false),
    rows.map((order) => order.is_on_hold_order ?? false),
    rows.map((order) => order.fulfillment_type ?? null),
    rows.map((order) => iso(order.create_time)),
    rows.map((order) => iso(order.update_time)),
    rows.map((order) => jsonText(order)),
    queuedAt,
    options.queue ?? null,
    PERSONAL_FIELDS,
    REDACTED,
    options.tiktokShopId ?? null,
  ]);
  const results = new Map<string, UpsertResult>();
  for (const row of stored) {
    const outcome = row.inserted ? "created" : "updated";
    results.set(row.tiktokOrderId, { tiktokOrderId: row.tiktokOrderId, outcome, id: row.id, due: row.due });
  }
  const stale = rows.filter((order) => !results.has(order.id)).map((order) => order.id);
  if (stale.length > 0) {
    const found = await prisma.tikTokOrder.findMany({
      where: { shopId, tiktokOrderId: { in: stale } },
      select: { id: true, tiktokOrderId: true },
    });
    for (const row of found) results.set(row.tiktokOrderId, { ...row, outcome: "stale", due: false });
  }
  return rows.flatMap((order) => results.get(order.id) ?? []);
}

// `xmax = 0` tells a row this statement inserted from one it updated; a stale update returns no row.
// Timestamps travel as ISO text: a timestamp column ignores the "Z", and Prisma stores UTC.
// An order whose buyer data was erased (customers/redact) stays erased and off the queue when TikTok
// describes it again: the personal fields of the new description are replaced by the marker too, and its
// search terms leave them out. The terms come from the database's own function (migration orders_search),
// the one erasure uses.
const REDACTED_ROW = `EXISTS (SELECT 1 FROM unnest($13::text[]) AS field
  WHERE "TikTokOrder"."raw" ->> field = $14)`;
const UPSERT_ORDERS = `
INSERT INTO "TikTokOrder" ("id", "shopId", "tiktokOrderId", "tiktokShopId", "currency", "tiktokStatus",
  "isSample", "isOnHold", "fulfillmentType", "createTime", "updateTime", "raw", "searchTerms", "nextAttemptAt",
  "queuedTrigger", "updatedAt")
SELECT t.id, $1, t.order_id, $15::text, upper(btrim(d.doc->'payment'->>'currency')), t.status, t.sample,
  t.on_hold, t.fulfillment, t.created::timestamp(3), t.updated::timestamp(3), d.doc,
  "TikTokOrder_searchTerms"(d.doc), $11::timestamp(3), $12::"SyncTrigger", now()
FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[], $7::text[], $8::text[],
  $9::text[], $10::text[]) AS t(id, order_id, status, sample, on_hold, fulfillment, created, updated, raw),
  LATERAL (SELECT t.raw::jsonb AS doc) AS d
ON CONFLICT ("shopId", "tiktokOrderId") DO UPDATE SET
  "tiktokShopId" = COALESCE(EXCLUDED."tiktokShopId", "TikTokOrder"."tiktokShopId"),
  "currency" = EXCLUDED."currency", "tiktokStatus" = EXCLUDED."tiktokStatus", "isSample" = EXCLUDED."isSample", "isOnHold" = EXCLUDED."isOnHold",
  "fulfillmentType" = EXCLUDED."fulfillmentType", "createTime" = EXCLUDED."createTime",
  "updateTime" = EXCLUDED."updateTime",
  "raw" = CASE WHEN ${REDACTED_ROW} THEN EXCLUDED."raw" || COALESCE((
      SELECT jsonb_object_agg(field, to_jsonb($14::text)) FROM jsonb_object_keys(EXCLUDED."raw") AS field
      WHERE field = ANY($13::text[])), '{}'::jsonb)
    ELSE EXCLUDED."raw" END,
  "searchTerms" = CASE WHEN ${REDACTED_ROW} THEN "TikTokOrder_searchTerms"(EXCLUDED."raw" - $13::text[])
    ELSE EXCLUDED."searchTerms" END,
  "nextAttemptAt" = CASE WHEN ${REDACTED_ROW} THEN "TikTokOrder"."nextAttemptAt"
    ELSE COALESCE(EXCLUDED."nextAttemptAt", "TikTokOrder"."nextAttemptAt") END,
  "queuedTrigger" = CASE WHEN ${REDACTED_ROW} THEN "TikTokOrder"."queuedTrigger"
    ELSE COALESCE(EXCLUDED."queuedTrigger", "TikTokOrder"."queuedTrigger") END,
  "updatedAt" = now()
WHERE "TikTokOrder"."updateTime" < EXCLUDED."updateTime"
RETURNING "id", "tiktokOrderId", (xmax = 0) AS "inserted", "nextAttemptAt" IS NOT NULL AS "due"`;

export async function getTikTokOrder(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({ where: { tiktokOrderId, shop: { domain: shopDomain } } });
}

/**
 * A TikTok shop's sample orders not yet in Shopify, placed between `from` and `to`: a combining window's
 * candidates (orders of two TikTok shops, in two currencies, are never one Shopify order).
 */
export function findSampleCandidates(
  shopId: string,
  tiktokShopId: string | null,
  placed: { from: Date; to: Date },
) {
  return prisma.tikTokOrder.findMany({
    where: {
      shopId,
      tiktokShopId,
      isSample: true,
      shopifyOrderId: null,
      createTime: { gte: placed.from, lte: placed.to },
    },
  });
}

/**
 * The delivery option of a TikTok shop's latest order that names one: TikTok lists its shipping providers
 * per delivery option, which only an order names. Null for a shop with no such order.
 */
export async function latestDeliveryOption(shopId: string, tiktokShopId: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ option: string | null }[]>`
    SELECT "raw"->>'delivery_option_id' AS "option" FROM "TikTokOrder"
    WHERE "shopId" = ${shopId} AND "tiktokShopId" = ${tiktokShopId}
      AND "raw"->>'delivery_option_id' IS NOT NULL
    ORDER BY "createTime" DESC LIMIT 1`;
  return rows[0]?.option ?? null;
}

/**
 * Records a TikTok cancellation's state on its order (webhook 11): a buyer's request, or what became of it.
 * A notification about an older request than the one recorded changes nothing. False when the store has no
 * such order yet (the poller brings it, and TikTok's next notification the request).
 */
export async function recordCancelRequest(
  shopId: string,
  tiktokOrderId: string,
  request: { cancelId: string; status: string; at: Date },
): Promise<boolean> {
  const { count } = await prisma.tikTokOrder.updateMany({
    where: {
      shopId,
      tiktokOrderId,
      OR: [
        { cancelRequestId: null },
        { cancelRequestId: request.cancelId },
        { cancelRequestedAt: { lt: request.at } },
      ],
    },
    data: {
      cancelRequestId: request.cancelId,
      cancelRequestStatus: request.status,
      cancelRequestedAt: request.at,
    },
  });
  return count > 0;
}

/** The store's order by its TikTok id, with what answering its cancellation request needs. */
export function findCancelRequest(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { tiktokOrderId, shop: { domain: shopDomain } },
    select: { id: true, shopId: true, tiktokShopId: true, cancelRequestId: true, cancelRequestStatus: true },
  });
}

export async function setCancelRequestStatus(orderId: string, cancelId: string, status: string) {
  await prisma.tikTokOrder.updateMany({
    where: { id: orderId, cancelRequestId: cancelId },
    data: { cancelRequestStatus: status },
  });
}

/** TikTok statuses in which the seller can no longer cancel: the parcel is with a carrier, or done with. */
const PAST_SELLER_CANCEL = new Set(["IN_TRANSIT", "DELIVERED", "COMPLETED"]);

/**
 * Shopify's orders/cancelled for one of the app's orders. The first one counts; a repeat, or the echo of the
 * app's own cancel (TikTok cancelled the order first), changes nothing more than the time. When the store
 * offers TikTok cancellations, an order still open on TikTok waits for the merchant's answer (ASKING), or
 * says at once that TikTok no longer allows it (REFUSED); otherwise it is noted as the merchant's own
 * (NOT_ASKED). One statement: two deliveries at once ask once.
 */
export async function noteShopifyCancellation(
  shopId: string,
  shopifyOrderId: string,
  cancelledAt: Date,
): Promise<"asking" | "refused" | "noted" | "ignored"> {
  const order = await prisma.tikTokOrder.findFirst({
    where: { shopId, shopifyOrderId },
    select: { id: true, tiktokStatus: true, shop: { select: { offerTikTokCancel: true } } },
  });
  if (!order) return "ignored";
  const open = order.tiktokStatus !== "CANCELLED";
  const tooLate = PAST_SELLER_CANCEL.has(order.tiktokStatus);
  const ask = open && order.shop.offerTikTokCancel;
  const { count } = await prisma.tikTokOrder.updateMany({
    where: { id: order.id, shopifyCancelledAt: null },
    data: {
      shopifyCancelledAt: cancelledAt,
      ...(ask
        ? tooLate
          ? {
              sellerCancelStatus: "REFUSED",
              sellerCancelDetail:
                "The parcel is already with the carrier: TikTok no longer lets the seller cancel this order.",
            }
          : { sellerCancelStatus: "ASKING", sellerCancelDetail: null }
        : open
          ? { sellerCancelStatus: "NOT_ASKED" }
          : {}),
    },
  });
  if (count === 0) return "ignored";
  return ask ? (tooLate ? "refused" : "asking") : "noted";
}

/** The order's state of cancelling on TikTok what the merchant cancelled in Shopify. */
export function findSellerCancel(shopDomain: string, tiktokOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { tiktokOrderId, shop: { domain: shopDomain } },
    select: { id: true, tiktokShopId: true, sellerCancelStatus: true },
  });
}

/** Moves the question on from ASKING only: two answers at once, or a late one, change it once. */
export async function answerSellerCancel(
  orderId: string,
  status: "CANCELLED" | "KEPT" | "REFUSED",
  detail: string | null,
): Promise<boolean> {
  const { count } = await prisma.tikTokOrder.updateMany({
    where: { id: orderId, sellerCancelStatus: "ASKING" },
    data: { sellerCancelStatus: status, sellerCancelDetail: detail },
  });
  return count === 1;
}

/**
 * A return or refund of the order changed on TikTok: its sync is queued (the order itself may not have
 * changed) and looks for refunds to make. Only an order already in Shopify has anything to refund.
 */
export async function markRefundsDue(shopId: string, tiktokOrderId: string) {
  const order = await prisma.tikTokOrder.findUnique({
    where: { shopId_tiktokOrderId: { shopId, tiktokOrderId } },
    select: { id: true, shopifyOrderId: true },
  });
  if (!order?.shopifyOrderId) return;
  await prisma.tikTokOrder.update({
    where: { id: order.id },
    data: { refundsDue: true, refundsDueCount: { increment: 1 } },
  });
  await enqueueSync([order.id], "WEBHOOK");
}

/**
 * The store's orders in Shopify among `tiktokOrderIds`, each with the returns recorded when its refunds were
 * last looked at (`[{ returnId, type, status }]`, or null).
 */
export async function listRecordedReturns(shopId: string, tiktokOrderIds: string[]) {
  const rows = [];
  for (let start = 0; start < tiktokOrderIds.length; start += 500) {
    rows.push(
      ...(await prisma.tikTokOrder.findMany({
        where: {
          shopId,
          tiktokOrderId: { in: tiktokOrderIds.slice(start, start + 500) },
          shopifyOrderId: { not: null },
        },
        select: { tiktokOrderId: true, tiktokReturns: true },
      })),
    );
  }
  return rows;
}

/**
 * A refund the merchant made in Shopify of one of the app's orders, noted once by its id (a repeated
 * delivery changes nothing); false when the store has no such order.
 */
export async function noteMerchantRefund(
  shopId: string,
  shopifyOrderId: string,
  refund: { id: string; amount: string; currency: string | null; at: string },
): Promise<boolean> {
  const order = await prisma.tikTokOrder.findFirst({
    where: { shopId, shopifyOrderId },
    select: { id: true, merchantRefunds: true },
  });
  if (!order) return false;
  const known = Array.isArray(order.merchantRefunds) ? order.merchantRefunds : [];
  if (known.some((entry) => (entry as { id?: unknown } | null)?.id === refund.id)) return true;
  // Appended in one statement, and only if still absent: two deliveries at once note it once.
  await database.query(
    `UPDATE "TikTokOrder" SET "merchantRefunds" = coalesce("merchantRefunds", '[]'::jsonb) || $2::jsonb
     WHERE "id" = $1 AND NOT coalesce("merchantRefunds", '[]'::jsonb) @> $3::jsonb`,
    [order.id, JSON.stringify([refund]), JSON.stringify([{ id: refund.id }])],
  );
  return true;
}

/** The order's returns and refunds as TikTok lists them now, for its page. */
export async function recordTikTokReturns(
  orderId: string,
  returns: { returnId: string; type: string; status: string }[],
) {
  await prisma.tikTokOrder.update({ where: { id: orderId }, data: { tiktokReturns: returns } });
}

/** Whether the order's refunds are due, and how often TikTok has said so (see clearRefundsDue). */
export async function readRefundsDue(orderId: string) {
  return prisma.tikTokOrder.findUnique({
    where: { id: orderId },
    select: { refundsDue: true, refundsDueCount: true },
  });
}

/**
 * The refunds TikTok had said were due when the sync looked (`count` of readRefundsDue) are made: cleared,
 * unless TikTok said a return changed again meanwhile (then the order's next sync looks again). A sync that
 * stops half way (a crash) clears nothing.
 */
export async function clearRefundsDue(orderId: string, count: number) {
  await prisma.tikTokOrder.updateMany({
    where: { id: orderId, refundsDueCount: count },
    data: { refundsDue: false },
  });
}

/** The TikTok returns already refunded in Shopify for an order. */
export async function listOrderRefunds(orderId: string) {
  return prisma.tikTokRefund.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
}

export async function recordRefund(refund: {
  shopId: string;
  orderId: string;
  returnId: string;
  returnType: string;
  shopifyRefundId: string;
  amount: string;
  currency: string;
  restocked: boolean;
}) {
  await prisma.tikTokRefund.upsert({
    where: { shopId_returnId: { shopId: refund.shopId, returnId: refund.returnId } },
    create: refund,
    update: {},
  });
}

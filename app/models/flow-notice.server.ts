import type { FlowNotice, SyncStatus } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow } from "~/db/json-row.server";

/**
 * The notices to Shopify Flow that an order needs the merchant (docs/decisions/029-flow-trigger-and-order-
 * metafields.md): one row per order and reason, written with the outcome that needs it (sync-run.server.ts),
 * sent afterwards by the Flow notifier under a lease, so two workers never send the same one at once.
 */

const iso = (date: Date) => date.toISOString();

/**
 * The "TikTok order needs attention" notice of `reasonCode` for the order, due now; nothing when the order
 * already has one for that reason (it was told once). A statement to run in the transaction that records the
 * outcome. (A fulfilment's notice is inserted by the statement that saves it: saveShipment.)
 */
export function noticeOnce(orderId: string, reasonCode: string, now: Date) {
  return prisma.flowNotice.createMany({
    data: [{ orderId, reasonCode, nextAttemptAt: now, createdAt: now }],
    skipDuplicates: true,
  });
}

/** A claimed notice with what its payload is made of: the order as it stands, its store, and its failure. */
export type ClaimedNotice = FlowNotice & {
  order: {
    id: string;
    tiktokOrderId: string;
    raw: unknown;
    syncStatus: SyncStatus;
    reasonCode: string | null;
    shopifyOrderId: string | null;
  };
  shopDomain: string;
  /**
   * What was said with this reason, if anything: the order's latest attempt's failure (an ORDER notice), or
   * TikTok's words on a fulfilment held up for it (a SHIPMENT notice).
   */
  message: string | null;
  /** A SHIPMENT notice: whether a fulfilment of the order is still held up for its reason. */
  shipmentStands: boolean;
};

type ClaimedJson = Omit<ClaimedNotice, keyof FlowNotice> & { notice: Record<string, unknown> };

const CLAIM_DUE = `
WITH claimed AS (
  UPDATE "FlowNotice" SET "leaseHolder" = $1, "leaseExpiresAt" = $2::timestamp(3)
  WHERE "id" IN (
    SELECT "id" FROM "FlowNotice"
    WHERE "nextAttemptAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
    ORDER BY "nextAttemptAt" LIMIT $4 FOR UPDATE SKIP LOCKED
  ) RETURNING *
)
SELECT to_jsonb(n) AS "notice",
  jsonb_build_object('id', o."id", 'tiktokOrderId', o."tiktokOrderId", 'raw', o."raw",
    'syncStatus', o."syncStatus", 'reasonCode', o."reasonCode", 'shopifyOrderId', o."shopifyOrderId") AS "order",
  s."domain" AS "shopDomain",
  CASE WHEN n."trigger" = 'ORDER' THEN
    (SELECT a."errorDetail" FROM "SyncAttempt" a WHERE a."orderId" = o."id" AND a."reasonCode" = n."reasonCode"
      ORDER BY a."startedAt" DESC LIMIT 1)
  ELSE held."reasonDetail" END AS "message",
  held."id" IS NOT NULL AS "shipmentStands"
FROM claimed n JOIN "TikTokOrder" o ON o."id" = n."orderId" JOIN "Shop" s ON s."id" = o."shopId"
LEFT JOIN LATERAL (
  SELECT t."id", t."reasonDetail" FROM "TikTokShipment" t
  WHERE n."trigger" = 'SHIPMENT' AND t."orderId" = o."id" AND t."reasonCode" = n."reasonCode"
    AND t."status" IN ('BLOCKED', 'FAILED')
  ORDER BY t."updatedAt" DESC LIMIT 1
) held ON true`;

/** Takes the lease of up to `limit` due notices (oldest first) for `holder`, each with what it is sent with. */
export async function claimDueNotices(
  holder: string,
  limit: number,
  leaseMs: number,
  now = new Date(),
): Promise<ClaimedNotice[]> {
  const rows = await database.query<ClaimedJson>(CLAIM_DUE, [
    holder,
    iso(new Date(now.getTime() + leaseMs)),
    iso(now),
    limit,
  ]);
  return rows.map(({ notice, ...rest }) => ({ ...fromJsonRow<FlowNotice>("FlowNotice", notice), ...rest }));
}

type Finish = { id: string; holder: string };
const byHolder = ({ id, holder }: Finish) => ({ id, leaseHolder: holder });
const released = { leaseHolder: null, leaseExpiresAt: null };

/** Flow took it. */
export async function markNoticeSent(notice: Finish, at: Date): Promise<void> {
  await prisma.flowNotice.updateMany({
    where: byHolder(notice),
    data: { status: "SENT", sentAt: at, nextAttemptAt: null, attemptCount: { increment: 1 }, ...released },
  });
}

/** Flow refused it, or it kept failing: kept with the reason, never sent again. */
export async function markNoticeFailed(notice: Finish, error: string): Promise<void> {
  await prisma.flowNotice.updateMany({
    where: byHolder(notice),
    data: {
      status: "FAILED",
      lastError: error,
      nextAttemptAt: null,
      attemptCount: { increment: 1 },
      ...released,
    },
  });
}

/** Sending failed for now: due again at `at`. */
export async function retryNoticeAt(notice: Finish, at: Date, error: string): Promise<void> {
  await prisma.flowNotice.updateMany({
    where: byHolder(notice),
    data: { lastError: error, nextAttemptAt: at, attemptCount: { increment: 1 }, ...released },
  });
}

/**
 * The order no longer stands on the notice's reason (fixed, synced, or on another reason) by the time the
 * notice's turn came: nothing was sent, and the row goes, so the reason coming back is told as new.
 */
export async function dropNotice(notice: Finish): Promise<void> {
  await prisma.flowNotice.deleteMany({ where: byHolder(notice) });
}

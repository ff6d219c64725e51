import { randomUUID } from "node:crypto";
import type {
  AttemptOutcome,
  Prisma,
  ProductLink,
  Shop,
  SyncTrigger,
  TikTokOrder as OrderRow,
} from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow, utcDate } from "~/db/json-row.server";
import { jsonText } from "~/db/json-text";
import { CreateWrites, type CreateWrite } from "./create-writes.server";
import { noticeOnce } from "./flow-notice.server";
import { openStoredToken } from "./session-storage.server";

/**
 * The database side of syncOrder: the lease that lets one worker at a time hold an order, the attempt
 * records, and where the order stands afterwards. The steps every sync takes (claim, start, finish) go
 * straight to the driver, and a create's start and finish are written by group commit with the other syncs
 * in flight (docs/decisions/013-sync-hot-path.md, 014-create-writes-by-group-commit.md).
 */

/** An order row as claimed, with what its sync reads from the database, all read by the claim itself. */
export type ClaimedRow = OrderRow & {
  shop: Shop;
  /** When the store connected the order's TikTok shop; null when it is not connected. */
  connectedAt: Date | null;
  /** That TikTok shop's own auto-sync setting; null follows the store's. */
  connectionAutoSync: boolean | null;
  /** The merchant's rate from the order's currency to the store's, when one is set. */
  exchangeRate: { rate: string; setAt: Date } | null;
  /** The store's links for the TikTok SKUs on the order's lines, by TikTok SKU id. */
  links: Map<string, ProductLink>;
  /** The newest attempt, to find a create whose outcome was never learned. */
  lastAttempt: { id: string; outcome: AttemptOutcome } | null;
  /** The store's offline Admin API session, its token decrypted; null when the app has none (or no key opens it). */
  session: { accessToken: string; expires: Date | null } | null;
};

type ClaimJson = {
  order: Record<string, unknown>;
  shop: Record<string, unknown>;
  connectedAt: string | null;
  connectionAutoSync: boolean | null;
  exchangeRate: { rate: string; setAt: string } | null;
  links: Record<string, unknown>[];
  lastAttempt: { id: string; outcome: AttemptOutcome } | null;
  session: { accessToken: string; expires: string | null } | null;
};

// What a sync reads besides the order, for each claimed row `c`. The order's links are those of the SKU ids
// on its stored lines (lines that are not a list have none). Its connection is its TikTok shop's (an order
// stored before a store could connect several shops names none: the store's first connection is its shop's).
const CLAIMED_WITH_CONTEXT = `
SELECT
  to_jsonb(c) AS "order",
  to_jsonb(s) AS "shop",
  to_jsonb(tc."connectedAt") AS "connectedAt",
  tc."autoSync" AS "connectionAutoSync",
  (SELECT jsonb_build_object('rate', r."rate", 'setAt', r."setAt") FROM "ExchangeRate" r
    WHERE r."shopId" = c."shopId" AND r."currency" = c."currency") AS "exchangeRate",
  (SELECT coalesce(jsonb_agg(to_jsonb(l)), '[]'::jsonb) FROM "ProductLink" l
    WHERE l."shopId" = c."shopId" AND l."tiktokSkuId" IN (
      SELECT line->>'sku_id' FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(c."raw"->'line_items') = 'array' THEN c."raw"->'line_items' ELSE '[]'::jsonb END
      ) AS line
    )) AS "links",
  (SELECT jsonb_build_object('id', a."id", 'outcome', a."outcome") FROM "SyncAttempt" a
    WHERE a."orderId" = c."id" ORDER BY a."startedAt" DESC LIMIT 1) AS "lastAttempt",
  (SELECT jsonb_build_object('accessToken', se."accessToken", 'expires', se."expires") FROM "Session" se
    WHERE se."id" = 'offline_' || s."domain") AS "session"
FROM claimed c
JOIN "Shop" s ON s."id" = c."shopId"
LEFT JOIN LATERAL (SELECT t."connectedAt", t."autoSync" FROM "TikTokConnection" t
  WHERE t."shopId" = c."shopId" AND (t."tiktokShopId" = c."tiktokShopId" OR c."tiktokShopId" IS NULL)
  ORDER BY t."connectedAt" LIMIT 1) tc ON true`;

// The lease is taken only when no one else holds it (or it expired, or it is already this holder's).
const CLAIM = `
WITH claimed AS (
  UPDATE "TikTokOrder"
  SET "leaseHolder" = $2, "leaseExpiresAt" = $3::timestamp(3)
  WHERE "id" = $1 AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $4::timestamp(3) OR "leaseHolder" = $2)
  RETURNING *
)${CLAIMED_WITH_CONTEXT}`;

// Due orders, oldest first, at most $6 (the per-store limit) of each store, or the room $4/$5 give the
// stores this holder already runs orders of; $7 in all. Stores with no room are left out before the oldest
// are picked, so a flash sale's backlog can't hide other stores' newer orders. The choice is made once
// (MATERIALIZED: a plan that scanned it again could pick other orders and claim more than the room). The
// UPDATE checks the lease again on the row it locks, so an order another worker claimed meanwhile is left
// out rather than taken twice.
const CLAIM_DUE = `
WITH candidates AS (
  SELECT "id", "shopId", "nextAttemptAt" FROM "TikTokOrder"
  WHERE "nextAttemptAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
    AND "shopId" <> ALL (SELECT f."shopId" FROM unnest($4::text[], $5::int[]) AS f("shopId", "room") WHERE f."room" <= 0)
  ORDER BY "nextAttemptAt" LIMIT $7 * 4
), chosen AS MATERIALIZED (
  SELECT "id" FROM (
    SELECT c."id", c."nextAttemptAt", coalesce(r."room", $6) AS "room",
      row_number() OVER (PARTITION BY c."shopId" ORDER BY c."nextAttemptAt", c."id") AS "turn"
    FROM candidates c LEFT JOIN unnest($4::text[], $5::int[]) AS r("shopId", "room") ON r."shopId" = c."shopId"
  ) ranked
  WHERE "turn" <= "room" ORDER BY "nextAttemptAt", "id" LIMIT $7
), claimed AS (
  UPDATE "TikTokOrder"
  SET "leaseHolder" = $1, "leaseExpiresAt" = $2::timestamp(3)
  WHERE "id" IN (SELECT "id" FROM chosen) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
  RETURNING *
)${CLAIMED_WITH_CONTEXT}`;

const iso = (date: Date) => date.toISOString();

/**
 * Takes the order's lease for `leaseMs` unless another holder has it, and reads what its sync needs, in
 * one statement; null when the order is held by someone else or does not exist.
 */
export async function claimOrder(
  orderId: string,
  holder: string,
  leaseMs: number,
  now = new Date(),
): Promise<ClaimedRow | null> {
  const [claimed] = await database.query<ClaimJson>(CLAIM, [
    orderId,
    holder,
    iso(new Date(now.getTime() + leaseMs)),
    iso(now),
  ]);
  return claimed ? toClaimedRow(claimed) : null;
}

export type DueClaim = {
  holder: string;
  leaseMs: number;
  /** Orders claimed at most. */
  limit: number;
  /** Orders of one store claimed at most… */
  perShop: number;
  /** …less what this holder already runs of that store. */
  running: ReadonlyMap<string, number>;
  now?: Date;
};

/**
 * The embedded worker's turn: claims due orders (oldest first, within the per-store limit) and reads what
 * their syncs need, in one statement, instead of finding them and then claiming each.
 */
export async function claimDueOrders(claim: DueClaim): Promise<ClaimedRow[]> {
  const now = claim.now ?? new Date();
  const busy = [...claim.running].filter(([, count]) => count > 0);
  const rows = await database.query<ClaimJson>(CLAIM_DUE, [
    claim.holder,
    iso(new Date(now.getTime() + claim.leaseMs)),
    iso(now),
    busy.map(([shopId]) => shopId),
    busy.map(([, count]) => Math.max(0, claim.perShop - count)),
    claim.perShop,
    claim.limit,
  ]);
  return rows.map(toClaimedRow);
}

function toClaimedRow(claimed: ClaimJson): ClaimedRow {
  const links = claimed.links.map((link) => fromJsonRow<ProductLink>("ProductLink", link));
  return {
    ...fromJsonRow<OrderRow>("TikTokOrder", claimed.order),
    shop: fromJsonRow<Shop>("Shop", claimed.shop),
    connectedAt: claimed.connectedAt === null ? null : utcDate(claimed.connectedAt),
    connectionAutoSync: claimed.connectionAutoSync,
    exchangeRate: claimed.exchangeRate && {
      rate: claimed.exchangeRate.rate,
      setAt: utcDate(claimed.exchangeRate.setAt),
    },
    links: new Map(links.map((link) => [link.tiktokSkuId, link])),
    lastAttempt: claimed.lastAttempt,
    session: claimed.session && openedSession(claimed.session),
  };
}

/** The session as the claim read it, its token decrypted here, once per claimed order; null if it can't be. */
function openedSession(session: NonNullable<ClaimJson["session"]>): ClaimedRow["session"] {
  const accessToken = openStoredToken(session.accessToken);
  if (accessToken === null) return null;
  return { accessToken, expires: session.expires === null ? null : utcDate(session.expires) };
}

// TikTok's newer state of the order, stored while the sync held it (a webhook's, a poll's), made it due,
// but the sync's outcome, decided on the older state, cleared that: the order is due again.
const DUE_AGAIN = `"nextAttemptAt" IS NULL AND "updateTime" > $3::timestamp(3)`;
const RELEASE = `
UPDATE "TikTokOrder" SET "leaseHolder" = NULL, "leaseExpiresAt" = NULL,
  "nextAttemptAt" = CASE WHEN ${DUE_AGAIN} THEN $4::timestamp(3) ELSE "nextAttemptAt" END,
  "queuedTrigger" = CASE WHEN ${DUE_AGAIN} THEN 'REQUEUE'::"SyncTrigger" ELSE "queuedTrigger" END
WHERE "id" = $1 AND "leaseHolder" = $2`;

/**
 * Ends `holder`'s lease on the order. `syncedFrom`, the TikTok update time the sync worked from: a newer
 * one stored meanwhile makes the order due again if the outcome left it with nothing scheduled.
 */
export async function releaseOrder(orderId: string, holder: string, syncedFrom?: Date): Promise<void> {
  await database.query(RELEASE, [orderId, holder, syncedFrom ? iso(syncedFrom) : null, iso(new Date())]);
}

// Every write of a group (see create-writes.server.ts), in one statement: the "creating" attempts inserted
// and their orders shown as Syncing; the Synced attempts ended and the orders their Shopify orders stand for
// marked Synced, the held one due again when TikTok's stored state is newer than the one the sync worked
// from, and its lease ended when the write says so. The orders are locked in id order first, so two groups
// written at once by two processes can't each hold a row the other waits for.
const CREATE_WRITES = `
WITH starts AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s("attemptId", "orderId", "trigger", "stages")
), finishes AS (
  SELECT * FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
    AS f("attemptId", "orderId", "shopifyOrderId", "shopifyOrderName", "addressHash", "holder", "syncedFrom")
), started AS (
  INSERT INTO "SyncAttempt" ("id", "orderId", "startedAt", "trigger", "outcome", "stages")
  SELECT s."attemptId", s."orderId", $14::timestamp(3), s."trigger"::"SyncTrigger", 'CREATING', s."stages"::jsonb
  FROM starts s
), finished AS (
  UPDATE "SyncAttempt" a SET "outcome" = 'SYNCED', "shopifyOrderId" = f."shopifyOrderId", "finishedAt" = $14::timestamp(3)
  FROM finishes f WHERE a."id" = f."attemptId"
), targets AS (
  SELECT s."orderId", NULL::text AS "attemptId" FROM starts s
  UNION ALL
  SELECT m."orderId", m."attemptId" FROM unnest($12::text[], $13::text[]) AS m("orderId", "attemptId")
), locked AS (
  SELECT o."id" FROM "TikTokOrder" o WHERE o."id" IN (SELECT "orderId" FROM targets) ORDER BY o."id" FOR UPDATE
)
UPDATE "TikTokOrder" o SET
  "syncStatus" = CASE WHEN f."attemptId" IS NULL THEN 'SYNCING' ELSE 'SYNCED' END::"SyncStatus",
  "updatedAt" = $14::timestamp(3),
  "shopifyOrderId" = CASE WHEN f."attemptId" IS NULL THEN o."shopifyOrderId" ELSE f."shopifyOrderId" END,
  "shopifyOrderName" = CASE WHEN f."attemptId" IS NULL THEN o."shopifyOrderName" ELSE f."shopifyOrderName" END,
  "shopifyAddressHash" = CASE WHEN f."attemptId" IS NULL THEN o."shopifyAddressHash" ELSE f."addressHash" END,
  "reasonCode" = CASE WHEN f."attemptId" IS NULL THEN o."reasonCode" END,
  "reasonStage" = CASE WHEN f."attemptId" IS NULL THEN o."reasonStage" END,
  "nextAttemptAt" = CASE
    WHEN f."attemptId" IS NULL THEN o."nextAttemptAt"
    WHEN o."id" = f."orderId" AND o."updateTime" > f."syncedFrom"::timestamp(3) THEN $14::timestamp(3) END,
  "queuedTrigger" = CASE
    WHEN f."attemptId" IS NULL THEN o."queuedTrigger"
    WHEN o."id" = f."orderId" AND o."updateTime" > f."syncedFrom"::timestamp(3) THEN 'REQUEUE'::"SyncTrigger" END,
  "leaseHolder" = CASE WHEN o."id" = f."orderId" AND o."leaseHolder" = f."holder" THEN NULL ELSE o."leaseHolder" END,
  "leaseExpiresAt" = CASE WHEN o."id" = f."orderId" AND o."leaseHolder" = f."holder" THEN NULL ELSE o."leaseExpiresAt" END
FROM targets t LEFT JOIN finishes f ON f."attemptId" = t."attemptId"
WHERE o."id" = t."orderId" AND o."id" = ANY ((SELECT array_agg("id") FROM locked)::text[])`;

async function writeCreateGroup(writes: readonly CreateWrite[]): Promise<void> {
  const starts = writes.filter((write) => write.kind === "start");
  const finishes = writes.filter((write) => write.kind === "finish");
  const members = finishes.flatMap((finish) => finish.orderIds.map((orderId) => [orderId, finish.attemptId]));
  await database.query(CREATE_WRITES, [
    starts.map((start) => start.attemptId),
    starts.map((start) => start.orderId),
    starts.map((start) => start.trigger),
    starts.map((start) => start.stages),
    finishes.map((finish) => finish.attemptId),
    finishes.map((finish) => finish.orderId),
    finishes.map((finish) => finish.shopifyOrderId),
    finishes.map((finish) => finish.shopifyOrderName),
    finishes.map((finish) => finish.addressHash),
    finishes.map((finish) => finish.releaseHolder),
    finishes.map((finish) => iso(finish.syncedFrom)),
    members.map(([orderId]) => orderId),
    members.map(([, attemptId]) => attemptId),
    iso(new Date()),
  ]);
}

const createWrites = new CreateWrites(writeCreateGroup);

/**
 * Records that a create is about to be sent: an attempt "creating" (which a later run that finds it
 * unfinished treats as a create whose answer was lost) and the order shown as Syncing. Resolves once that
 * is committed.
 */
export async function startCreate(
  orderId: string,
  trigger: SyncTrigger,
  stages: Prisma.InputJsonValue,
): Promise<{ id: string }> {
  const id = randomUUID();
  await createWrites.write({ kind: "start", attemptId: id, orderId, trigger, stages: jsonText(stages) });
  return { id };
}

export type AttemptEnd = {
  outcome: AttemptOutcome;
  reasonCode?: string | null;
  errorDetail?: string | null;
  shopifyOrderId?: string | null;
};

export async function finishAttempt(attemptId: string, end: AttemptEnd): Promise<void> {
  await prisma.syncAttempt.update({ where: { id: attemptId }, data: { ...end, finishedAt: new Date() } });
}

export async function recordAttempt(
  orderId: string,
  trigger: SyncTrigger,
  stages: Prisma.InputJsonValue,
  end: AttemptEnd,
) {
  await prisma.syncAttempt.create({ data: { orderId, trigger, stages, ...end, finishedAt: new Date() } });
}

// The order's state transitions during a sync, one writer each. (The create's own writes, the claim and the
// release are above; queuing is in order-queue.server.ts.)

/** Waiting for TikTok to report the order paid: Pending, with no reason, until a webhook or poll says more. */
export async function markAwaitingPayment(orderId: string): Promise<void> {
  await prisma.tikTokOrder.update({
    where: { id: orderId },
    data: { syncStatus: "PENDING", reasonCode: null, reasonStage: null, nextAttemptAt: null },
  });
}

/**
 * Blocked at a stage; a block that lifts at a known time (a sample group's window) is due again then. With
 * `notice`, Shopify Flow is to be told, once for this order and reason, in the same transaction.
 */
export async function markBlocked(
  orderId: string,
  block: { reasonCode: string; stage: number; dueAt: Date | null; notice?: boolean },
): Promise<void> {
  const update = prisma.tikTokOrder.update({
    where: { id: orderId },
    data: {
      syncStatus: "BLOCKED",
      reasonCode: block.reasonCode,
      reasonStage: block.stage,
      nextAttemptAt: block.dueAt,
      queuedTrigger: block.dueAt ? "REQUEUE" : null,
    },
  });
  if (block.notice) await prisma.$transaction([update, noticeOnce(orderId, block.reasonCode, new Date())]);
  else await update;
}

/**
 * A failure after the checks, as the `attempt`-th in a row: Pending and due again at `retryAt` while it is
 * retried by itself, Failed once it is not — and then, with `notice`, Shopify Flow is to be told, once for
 * this order and failure, in the same transaction.
 */
export async function markFailed(
  orderId: string,
  failure: { code: string; attempt: number; retryAt: Date | null; notice?: boolean },
): Promise<void> {
  const due = failure.retryAt;
  const update = prisma.tikTokOrder.update({
    where: { id: orderId },
    data: {
      syncStatus: due ? "PENDING" : "FAILED",
      reasonCode: failure.code,
      reasonStage: null,
      nextAttemptAt: due,
      queuedTrigger: due ? "REQUEUE" : null,
      attemptCount: failure.attempt,
    },
  });
  if (failure.notice && !due)
    await prisma.$transaction([update, noticeOnce(orderId, failure.code, new Date())]);
  else await update;
}

/**
 * The Shopify order is up to date with TikTok's (cancelled, or its address sent): Synced, nothing due — unless
 * TikTok said a return changed while the sync ran (its refunds are looked for again at once).
 */
export async function markUpToDate(orderId: string): Promise<void> {
  // Straight to the driver: every update TikTok sends of a synced order (a package shipped) ends here.
  await updateOrder(
    `UPDATE "TikTokOrder" SET "syncStatus" = 'SYNCED', "reasonCode" = NULL, "reasonStage" = NULL,
       "nextAttemptAt" = CASE WHEN "refundsDue" THEN $2::timestamp(3) ELSE NULL END,
       "queuedTrigger" = CASE WHEN "refundsDue" THEN 'WEBHOOK'::"SyncTrigger" ELSE "queuedTrigger" END,
       "updatedAt" = $2::timestamp(3)
     WHERE "id" = $1 RETURNING "id"`,
    [orderId, iso(new Date())],
  );
}

/** The Shopify order was cancelled, as TikTok's was. */
export async function markCancelledInShopify(orderId: string, at: Date): Promise<void> {
  await prisma.tikTokOrder.update({
    where: { id: orderId },
    data: { syncStatus: "SYNCED", shopifyCancelledAt: at },
  });
}

/** Shopify has this shipping address now (`addressHash`: its digest, or NO_ADDRESS). */
export async function markAddressSent(orderId: string, addressHash: string): Promise<void> {
  await updateOrder(
    `UPDATE "TikTokOrder" SET "shopifyAddressHash" = $2, "updatedAt" = $3::timestamp(3)
     WHERE "id" = $1 RETURNING "id"`,
    [orderId, addressHash, iso(new Date())],
  );
}

/** One order's update, failing as Prisma's would when the order is gone (erased meanwhile). */
async function updateOrder(sql: string, params: unknown[]): Promise<void> {
  const updated = await database.query(sql, params);
  if (updated.length === 0) throw new Error(`Order ${String(params[0])} no longer exists.`);
}

/** Shopify has a cash-on-delivery order's payment now (recorded by the app, or found recorded). */
export async function markPaymentRecorded(orderId: string, at: Date): Promise<void> {
  await prisma.tikTokOrder.update({ where: { id: orderId }, data: { shopifyPaidAt: at } });
}

/** What is left to do for a synced order (a cancel that failed) is tried again at `at`. */
export async function retryFollowUpAt(orderId: string, at: Date | null): Promise<void> {
  await prisma.tikTokOrder.update({
    where: { id: orderId },
    data: { nextAttemptAt: at, queuedTrigger: "REQUEUE" },
  });
}

export async function orderExists(orderId: string): Promise<boolean> {
  return (await prisma.tikTokOrder.count({ where: { id: orderId } })) > 0;
}

/** Every order of a combined sample group points at the group's first order before the create. */
export async function setCombinedInto(orderIds: readonly string[], leaderId: string): Promise<void> {
  await prisma.tikTokOrder.updateMany({
    where: { id: { in: [...orderIds] } },
    data: { combinedIntoId: leaderId },
  });
}

export async function getOrderRow(orderId: string) {
  return prisma.tikTokOrder.findUnique({ where: { id: orderId } });
}

/**
 * A create Shopify answered: the attempt ends Synced and the orders the Shopify order stands for (one, or
 * a combined sample group) are Synced, in one statement. `order` is the one synced: a newer TikTok state
 * stored since `syncedFrom` leaves it due again, and with `release` its lease ends in the same statement.
 */
export async function finishCreate(
  attemptId: string,
  orderIds: readonly string[],
  shopify: { id: string; name: string | null },
  addressHash: string | null,
  order: { id: string; holder: string; syncedFrom: Date; release: boolean },
): Promise<void> {
  await createWrites.write({
    kind: "finish",
    attemptId,
    orderId: order.id,
    orderIds,
    shopifyOrderId: shopify.id,
    shopifyOrderName: shopify.name,
    addressHash,
    releaseHolder: order.release ? order.holder : null,
    syncedFrom: order.syncedFrom,
  });
}

/** The orders a Shopify order now stands for (one, or a combined sample group) are Synced. */
export async function markSynced(
  orderIds: readonly string[],
  shopify: { id: string; name: string | null },
  addressHash: string | null = null,
) {
  await prisma.tikTokOrder.updateMany({
    where: { id: { in: [...orderIds] } },
    data: {
      syncStatus: "SYNCED",
      shopifyOrderId: shopify.id,
      shopifyOrderName: shopify.name,
      shopifyAddressHash: addressHash,
      reasonCode: null,
      reasonStage: null,
      nextAttemptAt: null,
      queuedTrigger: null,
    },
  });
}

import { randomUUID } from "node:crypto";
import type { Prisma, ProductLink, Shop, ShipmentStatus, TikTokOrder, TikTokShipment } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow } from "~/db/json-row.server";
import { jsonText } from "~/db/json-text";
import { onShipmentDue } from "~/lib/signals.server";

// The way back's hot path (a fulfilments/create webhook, then the shipment worker's steps) goes straight to
// the driver, as the way in does (docs/decisions/010-webhook-intake-at-speed.md): Prisma's cost per query
// was most of a fulfilment's CPU. The rest of the fulfilments' reads and writes stay with Prisma.

/** A Shopify fulfilment as its webhook tells it: the lines, and the tracking the merchant entered. */
export type FulfillmentFacts = {
  shopId: string;
  orderId: string;
  fulfillmentId: string;
  name: string | null;
  updatedAt: Date | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  lines: ShipmentLine[];
  /** Shopify cancelled the fulfilment: nothing more is sent for it. */
  cancelled: boolean;
  /**
   * Told by `fulfillments/create`: the fulfilment as it was made, so never newer than one recorded already
   * (Shopify's `updated_at` has whole seconds, so a late create can't be told apart by it).
   */
  created?: boolean;
};
export type ShipmentLine = { variantId: string | null; sku: string | null; quantity: number };

/** A Shopify fulfilment's facts, before the TikTok order it belongs to is known. */
export type ShopifyFulfillmentFacts = Omit<FulfillmentFacts, "shopId" | "orderId">;

/**
 * Records a Shopify fulfilment of a store's Shopify order, if that order is a TikTok order the app created
 * and TikTok doesn't ship it (TikTok Shipping: TikTok has the tracking, so nothing goes back): null when it
 * is none of the app's business. A new fulfilment, the most common case, takes one statement: the order
 * found and the fulfilment inserted together. A repeat, or a change, is then applied as `recordFulfillment`.
 */
export async function recordShopifyFulfillment(
  shopDomain: string,
  shopifyOrderId: string,
  facts: ShopifyFulfillmentFacts,
  now = new Date(),
  receipt?: WebhookDelivery,
): Promise<RecordedShopifyFulfillment> {
  const recorded = await recordInOneStatement(shopDomain, shopifyOrderId, facts, now, receipt);
  if (recorded.kind === "none") return { shipment: null, receiptRecorded: recorded.receiptRecorded };
  if (recorded.kind === "inserted") return { ...recorded.result, receiptRecorded: recorded.receiptRecorded };
  const applied = await recordFulfillment(
    { ...facts, shopId: recorded.shopId, orderId: recorded.orderId },
    now,
  );
  return { ...applied, receiptRecorded: false };
}

/** The Shopify webhook delivery a fulfilment came in, whose receipt is written with it. */
export type WebhookDelivery = { notificationId: string; topic: string };

export type RecordedShopifyFulfillment =
  | { shipment: null; receiptRecorded: boolean }
  | { shipment: TikTokShipment; changed: boolean; receiptRecorded: boolean };

/**
 * The statement itself: the order found, a new fulfilment inserted, and, when that settles the delivery (the
 * fulfilment is new, or none of the app's business), the delivery's receipt written, all at once. A repeat
 * or a change is left to the caller, and its receipt with it.
 */
async function recordInOneStatement(
  shopDomain: string,
  shopifyOrderId: string,
  facts: ShopifyFulfillmentFacts,
  now: Date,
  receipt: WebhookDelivery | undefined,
): Promise<
  | { kind: "none"; receiptRecorded: boolean }
  | { kind: "inserted"; result: { shipment: TikTokShipment; changed: boolean }; receiptRecorded: boolean }
  | { kind: "existing"; shopId: string; orderId: string }
> {
  type Row = {
    id: string;
    shopId: string;
    shippingType: string | null;
    shipment: ShipmentJson["shipment"] | null;
  };
  const [order] = await database.query<Row>(RECORD_FOR_ORDER, [
    shopDomain,
    shopifyOrderId,
    facts.fulfillmentId,
    facts.name,
    iso(facts.updatedAt),
    facts.trackingCompany,
    facts.trackingNumber,
    jsonText(facts.lines),
    randomUUID(),
    facts.cancelled ? null : iso(now),
    iso(new Date()),
    receipt ? randomUUID() : null,
    receipt?.notificationId ?? null,
    receipt?.topic ?? null,
  ]);
  // No order of the app's, or one TikTok ships: none of the app's business, and the receipt settles it.
  if (!order || order.shippingType === "TIKTOK")
    return { kind: "none", receiptRecorded: receipt !== undefined };
  if (order.shipment) {
    if (!facts.cancelled) onShipmentDue.emit();
    const result = { shipment: shipmentOf({ shipment: order.shipment }), changed: true };
    return { kind: "inserted", result, receiptRecorded: receipt !== undefined };
  }
  return { kind: "existing", shopId: order.shopId, orderId: order.id };
}

// $1, $2: the store and its Shopify order; $3–$8 the fulfilment and what Shopify says of it; $9 the new row's
// id, $10 when it is due (null: cancelled), $11 now; $12–$14 the delivery's receipt (its id null: none to
// write). The order is returned whether or not the insert was made. PostgreSQL runs every data-modifying part
// of a WITH once, referenced or not: the receipt is written when the fulfilment was inserted, or when there is
// no order of the app's to record it for.
const RECORD_FOR_ORDER = `
WITH o AS (
  SELECT o."id", o."shopId", o."raw"->>'shipping_type' AS "shippingType"
  FROM "TikTokOrder" o JOIN "Shop" s ON s."id" = o."shopId"
  WHERE s."domain" = $1 AND o."shopifyOrderId" = $2 LIMIT 1
), inserted AS (
  INSERT INTO "TikTokShipment" AS s ("id", "shopId", "orderId", "shopifyFulfillmentId", "shopifyName",
    "shopifyUpdatedAt", "trackingCompany", "trackingNumber", "lines", "status", "nextAttemptAt", "createdAt",
    "updatedAt")
  SELECT $9, o."shopId", o."id", $3, $4, $5::timestamp(3), $6, $7, $8::jsonb, 'PENDING', $10::timestamp(3),
    $11::timestamp(3), $11::timestamp(3)
  FROM o WHERE o."shippingType" IS DISTINCT FROM 'TIKTOK'
  ON CONFLICT ("shopId", "shopifyFulfillmentId") DO NOTHING
  RETURNING to_jsonb(s) AS "shipment"
), receipt AS (
  INSERT INTO "WebhookReceipt" ("id", "source", "notificationId", "topic", "shopDomain")
  SELECT $12, 'SHOPIFY', $13, $14, $1
  WHERE $12::text IS NOT NULL AND (EXISTS (SELECT 1 FROM inserted)
    OR NOT EXISTS (SELECT 1 FROM o WHERE o."shippingType" IS DISTINCT FROM 'TIKTOK'))
  ON CONFLICT ("source", "notificationId") DO NOTHING
)
SELECT o."id", o."shopId", o."shippingType", (SELECT "shipment" FROM inserted) AS "shipment" FROM o`;

/**
 * Records a fulfilment from Shopify's `fulfillments/create` or `/update` and makes it due when there is
 * something to send: a new fulfilment, or tracking that changed. A delivery older than the one recorded (a
 * late create after an update) or a repeat changes nothing, so it sends nothing twice.
 */
export async function recordFulfillment(
  facts: FulfillmentFacts,
  now = new Date(),
): Promise<{ shipment: TikTokShipment; changed: boolean }> {
  const fields = [
    facts.name,
    iso(facts.updatedAt),
    facts.trackingCompany,
    facts.trackingNumber,
    jsonText(facts.lines),
  ];
  // Most fulfilments are new: inserted at once, and looked up only when one is recorded already.
  const [created] = await database.query<ShipmentJson>(INSERT_SHIPMENT, [
    facts.shopId,
    facts.fulfillmentId,
    ...fields,
    randomUUID(),
    facts.orderId,
    facts.cancelled ? null : iso(now),
    iso(new Date()),
  ]);
  if (created) {
    if (!facts.cancelled) onShipmentDue.emit();
    return { shipment: shipmentOf(created), changed: true };
  }
  const [found] = await database.query<ShipmentJson>(FIND_SHIPMENT, [facts.shopId, facts.fulfillmentId]);
  // Recorded, then deleted meanwhile (its order erased): recorded afresh.
  if (!found) return recordFulfillment(facts, now);
  const existing = shipmentOf(found);
  const older =
    facts.created === true ||
    (existing.shopifyUpdatedAt && facts.updatedAt && facts.updatedAt < existing.shopifyUpdatedAt);
  const changed =
    existing.trackingCompany !== facts.trackingCompany || existing.trackingNumber !== facts.trackingNumber;
  if (older || (!changed && !facts.cancelled)) return { shipment: existing, changed: false };
  const due = !facts.cancelled && dueAfterChange(existing);
  const [updated] = await database.query<ShipmentJson>(UPDATE_RECORDED, [
    facts.shopId,
    facts.fulfillmentId,
    ...fields,
    due || facts.cancelled,
    due ? iso(now) : null,
    // A blocked or refused one is tried again with the merchant's new tracking.
    due && (existing.status === "BLOCKED" || existing.status === "FAILED"),
    iso(new Date()),
  ]);
  if (!updated) throw new Error(`Fulfilment ${facts.fulfillmentId} was deleted while it was recorded.`);
  if (due) onShipmentDue.emit();
  return { shipment: shipmentOf(updated), changed: true };
}

type ShipmentJson = { shipment: Record<string, unknown> };
const shipmentOf = (row: ShipmentJson) => fromJsonRow<TikTokShipment>("TikTokShipment", row.shipment);
const iso = (date: Date | null) => date?.toISOString() ?? null;

const FIND_SHIPMENT = `
SELECT to_jsonb(s) AS "shipment" FROM "TikTokShipment" s
WHERE s."shopId" = $1 AND s."shopifyFulfillmentId" = $2`;

// $1–$7: the store, the fulfilment and what Shopify says of it, in the order of `fields` above.
const INSERT_SHIPMENT = `
INSERT INTO "TikTokShipment" AS s ("id", "shopId", "orderId", "shopifyFulfillmentId", "shopifyName",
  "shopifyUpdatedAt", "trackingCompany", "trackingNumber", "lines", "status", "nextAttemptAt", "createdAt",
  "updatedAt")
VALUES ($8, $1, $9, $2, $3, $4::timestamp(3), $5, $6, $7::jsonb, 'PENDING', $10::timestamp(3),
  $11::timestamp(3), $11::timestamp(3))
ON CONFLICT ("shopId", "shopifyFulfillmentId") DO NOTHING
RETURNING to_jsonb(s) AS "shipment"`;

// $8: whether `nextAttemptAt` is set (to $9: due, or null: cancelled); $10: whether it waits no more.
const UPDATE_RECORDED = `
UPDATE "TikTokShipment" AS s SET
  "shopifyName" = $3, "shopifyUpdatedAt" = $4::timestamp(3), "trackingCompany" = $5, "trackingNumber" = $6,
  "lines" = $7::jsonb,
  "nextAttemptAt" = CASE WHEN $8::boolean THEN $9::timestamp(3) ELSE s."nextAttemptAt" END,
  "status" = CASE WHEN $10::boolean THEN 'PENDING'::"ShipmentStatus" ELSE s."status" END,
  "reasonCode" = CASE WHEN $10::boolean THEN NULL ELSE s."reasonCode" END,
  "reasonDetail" = CASE WHEN $10::boolean THEN NULL ELSE s."reasonDetail" END,
  "updatedAt" = $11::timestamp(3)
WHERE s."shopId" = $1 AND s."shopifyFulfillmentId" = $2
RETURNING to_jsonb(s) AS "shipment"`;

/** New tracking on a recorded fulfilment: worth sending unless TikTok ships the order or has it already. */
function dueAfterChange(shipment: TikTokShipment): boolean {
  if (shipment.status === "SHIPPED") return shipment.packageId !== null && shipment.reasonCode === null;
  return shipment.reasonCode !== "TIKTOK_SHIPS" && shipment.reasonCode !== "ALREADY_SHIPPED";
}

/** Takes the lease of up to `limit` due shipments (oldest first) for `holder`; their ids. */
export async function claimDueShipments(holder: string, limit: number, leaseMs: number, now = new Date()) {
  const claimed = await claimAndLoadDueShipments(holder, limit, leaseMs, now);
  return claimed.map((shipment) => shipment.id);
}

/** As `claimDueShipments`, each shipment loaded as `loadShipment` loads it, by the same statement. */
export async function claimAndLoadDueShipments(
  holder: string,
  limit: number,
  leaseMs: number,
  now = new Date(),
): Promise<LoadedShipment[]> {
  const rows = await database.query<LoadedJson>(
    `WITH claimed AS (
       UPDATE "TikTokShipment" SET "leaseHolder" = $1, "leaseExpiresAt" = $2::timestamp(3)
       WHERE "id" IN (
         SELECT "id" FROM "TikTokShipment"
         WHERE "nextAttemptAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
         ORDER BY "nextAttemptAt" LIMIT $4 FOR UPDATE SKIP LOCKED
       ) RETURNING *
     )
     ${LOADED.replace("$from", "claimed")}`,
    [holder, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), limit],
  );
  return rows.map(loadedOf);
}

/** Takes one shipment's lease (a Sync click), unless another holder has it; false when it's held. */
export async function claimShipment(id: string, holder: string, leaseMs: number, now = new Date()) {
  const claimed = await prisma.tikTokShipment.updateMany({
    where: { id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return claimed.count === 1;
}

export type LoadedShipment = TikTokShipment & {
  order: Pick<TikTokOrder, "id" | "tiktokOrderId" | "tiktokShopId" | "raw"> & { shop: Shop };
};

/** A shipment with its order and store: what a step reads. */
export async function loadShipment(id: string): Promise<LoadedShipment | null> {
  const [row] = await database.query<LoadedJson>(
    `WITH one AS (SELECT * FROM "TikTokShipment" WHERE "id" = $1) ${LOADED.replace("$from", "one")}`,
    [id],
  );
  return row ? loadedOf(row) : null;
}

type LoadedJson = ShipmentJson & {
  order: Pick<TikTokOrder, "id" | "tiktokOrderId" | "tiktokShopId" | "raw">;
  shop: Record<string, unknown>;
};

// The shipments of `$from` with their orders and stores.
const LOADED = `
SELECT to_jsonb(s) AS "shipment", to_jsonb(sh) AS "shop",
  jsonb_build_object('id', o."id", 'tiktokOrderId', o."tiktokOrderId", 'tiktokShopId', o."tiktokShopId",
    'raw', o."raw") AS "order"
FROM $from s JOIN "TikTokOrder" o ON o."id" = s."orderId" JOIN "Shop" sh ON sh."id" = o."shopId"`;

function loadedOf(row: LoadedJson): LoadedShipment {
  return { ...shipmentOf(row), order: { ...row.order, shop: fromJsonRow<Shop>("Shop", row.shop) } };
}

export type ShipmentUpdate = {
  status: ShipmentStatus;
  reasonCode?: string | null;
  reasonDetail?: string | null;
  tiktokLineIds?: string[];
  providerId?: string | null;
  providerName?: string | null;
  packageId?: string | null;
  sentTrackingNumber?: string | null;
  shippedAt?: Date | null;
  /** When to try again by itself; null: not until something changes. */
  nextAttemptAt: Date | null;
};

/** Each column a step may write, with the type its parameter is cast to. */
const UPDATE_COLUMNS: Record<keyof ShipmentUpdate, string> = {
  status: '"ShipmentStatus"',
  reasonCode: "text",
  reasonDetail: "text",
  tiktokLineIds: "text[]",
  providerId: "text",
  providerName: "text",
  packageId: "text",
  sentTrackingNumber: "text",
  shippedAt: "timestamp(3)",
  nextAttemptAt: "timestamp(3)",
};

/** The SET clause of a step's write (parameters from $2 on; $2 is now), and its parameters. */
function stepWrite(id: string, update: ShipmentUpdate, keepLease: boolean) {
  const params: unknown[] = [id, new Date().toISOString()];
  const sets = ['"updatedAt" = $2::timestamp(3)'];
  // As Prisma took it: a field left undefined is not written, the reason included.
  for (const [column, value] of Object.entries({ reasonCode: null, reasonDetail: null, ...update })) {
    if (value === undefined || !(column in UPDATE_COLUMNS)) continue;
    params.push(value instanceof Date ? value.toISOString() : value);
    const param = `$${params.length}::${UPDATE_COLUMNS[column as keyof ShipmentUpdate]}`;
    // Sent with a number the merchant has changed since (the webhook came while it was on its way): due
    // again at once, and the new number follows as an update.
    if (column === "nextAttemptAt" && update.sentTrackingNumber !== undefined) {
      params.push(update.sentTrackingNumber);
      sets.push(
        `"nextAttemptAt" = CASE WHEN "trackingNumber" IS DISTINCT FROM $${params.length}::text THEN $2::timestamp(3) ELSE ${param} END`,
      );
      continue;
    }
    sets.push(`"${column}" = ${param}`);
  }
  if (!keepLease) sets.push('"leaseHolder" = NULL', '"leaseExpiresAt" = NULL');
  if (update.status === "SHIPPING") sets.push('"attemptCount" = "attemptCount" + 1');
  return { sets, params };
}

/**
 * Writes a step's result and lets the lease go (with `keepLease`, keeps it: a "shipping" record). With
 * `noticeFlow` (the step holds the fulfilment up until the merchant acts), Shopify Flow is to be told, once
 * for the order and reason: the notice is inserted in the same statement (ADR 029). Answers whether a new
 * notice was inserted (false when the order was told of this reason already).
 */
export async function saveShipment(
  id: string,
  update: ShipmentUpdate,
  options: { keepLease?: boolean; noticeFlow?: boolean } = {},
): Promise<{ noticed: boolean }> {
  const { sets, params } = stepWrite(id, update, options.keepLease ?? false);
  // The statement's text depends only on which columns are written: a few shapes, each prepared once.
  const write = `UPDATE "TikTokShipment" SET ${sets.join(", ")} WHERE "id" = $1`;
  let statement = `${write} RETURNING "id"`;
  if (options.noticeFlow) {
    params.push(randomUUID());
    statement = `WITH saved AS (${write} RETURNING "id", "orderId", "reasonCode"), notice AS (
  INSERT INTO "FlowNotice" ("id", "orderId", "trigger", "reasonCode", "nextAttemptAt", "createdAt")
  SELECT $${params.length}, "orderId", 'SHIPMENT', "reasonCode", $2::timestamp(3), $2::timestamp(3)
  FROM saved WHERE "reasonCode" IS NOT NULL
  ON CONFLICT ("orderId", "trigger", "reasonCode") DO NOTHING
  RETURNING 1
) SELECT "id", EXISTS (SELECT 1 FROM notice) AS "noticed" FROM saved`;
  }
  const [saved] = await database.query<{ id: string; noticed?: boolean }>(statement, params);
  if (!saved) throw new Error(`Shipment ${id} no longer exists.`);
  return { noticed: saved.noticed === true };
}

/**
 * Writes the "shipping" record of a fulfilment with the TikTok lines it is about to ship, claiming the lines
 * it chose (`newLineIds`) on its order, unless another fulfilment of the order claimed any of them since they
 * were chosen: false then, and nothing is written (they are chosen again). One statement: the claim is an
 * update of the order's row, which PostgreSQL checks again against the row as the other worker left it when
 * both write at once, so a line is never claimed by two.
 */
export async function claimLinesForShipping(
  shipment: { id: string; orderId: string },
  update: ShipmentUpdate & { status: "SHIPPING"; tiktokLineIds: string[] },
  newLineIds: string[],
): Promise<boolean> {
  const { sets, params } = stepWrite(shipment.id, update, true);
  params.push(shipment.orderId, newLineIds);
  const order = `$${params.length - 1}`;
  const lines = `$${params.length}::text[]`;
  const written = await database.query(
    `WITH claimed AS (
       UPDATE "TikTokOrder" SET "claimedLineIds" = coalesce("claimedLineIds", '{}') || ${lines}
       WHERE "id" = ${order} AND NOT coalesce("claimedLineIds", '{}') && ${lines}
       RETURNING "id")
     UPDATE "TikTokShipment" SET ${sets.join(", ")}
     WHERE "id" = $1 AND EXISTS (SELECT 1 FROM claimed)
     RETURNING "id"`,
    params,
  );
  return written.length === 1;
}

/**
 * What choosing a fulfilment's TikTok lines reads, by one statement: the lines other fulfilments of the
 * order already ship (or are about to), and the store's links of the order's TikTok SKUs, keyed by SKU id.
 */
export async function readLineChoice(
  shipment: Pick<TikTokShipment, "id" | "orderId" | "shopId">,
  skuIds: readonly string[],
): Promise<{ taken: Set<string>; links: Map<string, ProductLink> }> {
  const [row] = await database.query<{ taken: string[]; links: Record<string, unknown>[] }>(
    `SELECT
       (SELECT coalesce(jsonb_agg(l), '[]'::jsonb) FROM "TikTokShipment" s, unnest(s."tiktokLineIds") AS l
         WHERE s."orderId" = $1 AND s."id" <> $2) AS "taken",
       (SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]'::jsonb) FROM "ProductLink" p
         WHERE p."shopId" = $3 AND p."tiktokSkuId" = ANY($4::text[])) AS "links"`,
    [shipment.orderId, shipment.id, shipment.shopId, [...skuIds]],
  );
  const links = (row?.links ?? []).map((link) => fromJsonRow<ProductLink>("ProductLink", link));
  return {
    taken: new Set(row?.taken ?? []),
    links: new Map(links.map((link) => [link.tiktokSkuId, link])),
  };
}

/** An order's fulfilments, oldest first, for its page. */
export function listOrderShipments(orderId: string) {
  return prisma.tikTokShipment.findMany({
    where: { orderId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Makes the store's fulfilments waiting on a carrier due again (a mapping was saved), optionally only one
 * TikTok shop's; how many.
 */
export async function requeueCarrierBlocked(shopId: string, tiktokShopId: string, now = new Date()) {
  const { count } = await prisma.tikTokShipment.updateMany({
    where: {
      shopId,
      status: { in: ["BLOCKED", "FAILED"] },
      reasonCode: { in: ["CARRIER_NOT_MAPPED", "TRACKING_REFUSED"] },
      order: { tiktokShopId },
    },
    data: { status: "PENDING", reasonCode: null, reasonDetail: null, nextAttemptAt: now },
  });
  if (count > 0) onShipmentDue.emit();
  return count;
}

/** The Shopify carriers the store's fulfilments wait on a mapping for, with their TikTok shop. */
export async function listCarriersWaiting(shopId: string) {
  const rows = await prisma.tikTokShipment.findMany({
    where: { shopId, reasonCode: "CARRIER_NOT_MAPPED", status: "BLOCKED", trackingCompany: { not: null } },
    select: { trackingCompany: true, order: { select: { tiktokShopId: true } } },
    orderBy: { trackingCompany: "asc" },
    take: 200,
  });
  return rows.map((row) => ({
    trackingCompany: row.trackingCompany ?? "",
    tiktokShopId: row.order.tiktokShopId,
  }));
}

/** The id of the store's fulfilment `id`; null when it is none of the store's. */
export async function findShipmentOfShop(shopDomain: string, id: string): Promise<string | null> {
  const found = await prisma.tikTokShipment.findFirst({
    where: { id, shop: { domain: shopDomain } },
    select: { id: true },
  });
  return found?.id ?? null;
}

/** The states of the fulfilments of these orders, for the Orders list. */
export function listShipmentStates(orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return prisma.tikTokShipment.findMany({
    where: { orderId: { in: orderIds } },
    select: { orderId: true, status: true, reasonCode: true },
  });
}

/**
 * The store's orders the app created from seller-shipped TikTok orders that TikTok still expects shipped
 * (all of it, or the rest of a partly shipped one), placed since `since`: those a lost webhook would leave
 * unshipped.
 */
export async function listOrdersAwaitingTracking(shopId: string, since: Date, limit = 500) {
  return database.query<{ id: string; shopifyOrderId: string }>(
    `SELECT o."id", o."shopifyOrderId" FROM "TikTokOrder" o
     WHERE o."shopId" = $1 AND o."shopifyOrderId" IS NOT NULL AND o."shopifyCancelledAt" IS NULL
       AND o."createTime" >= $2::timestamp(3)
       AND o."tiktokStatus" IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
       AND coalesce(o."raw"->>'shipping_type', 'SELLER') = 'SELLER'
     ORDER BY o."createTime" DESC LIMIT $3`,
    [shopId, since.toISOString(), limit],
  );
}

/** The stores with an installed app and a TikTok connection: those the pass looks at. */
export async function listStoresWithConnections() {
  return prisma.shop.findMany({
    where: { uninstalledAt: null, connections: { some: {} } },
    select: { id: true, domain: true },
  });
}

/** Whether this process looks for missed fulfilments: one process at a time does (a lock it keeps). */
export function holdReconcileLock(): Promise<boolean> {
  return database.holdLock("fulfillment-reconcile");
}

/** The TikTok packages already written into Shopify (or sent to TikTok) for an order. */
export async function listOrderPackageIds(orderId: string): Promise<Set<string>> {
  const rows = await prisma.tikTokShipment.findMany({
    where: { orderId, packageId: { not: null } },
    select: { packageId: true },
  });
  return new Set(rows.map((row) => row.packageId ?? ""));
}

/**
 * A TikTok Shipping package's tracking, written into Shopify as fulfilment `fulfillmentId`: recorded as
 * shipped (its own `fulfillments/create` webhook then finds it and sends nothing back to TikTok).
 */
export async function recordTikTokTracking(args: {
  shopId: string;
  orderId: string;
  fulfillmentId: string;
  name: string | null;
  packageId: string;
  trackingCompany: string | null;
  trackingNumber: string;
  lines: ShipmentLine[];
  now: Date;
}) {
  const fields = {
    orderId: args.orderId,
    shopifyName: args.name,
    trackingCompany: args.trackingCompany,
    trackingNumber: args.trackingNumber,
    lines: args.lines as Prisma.InputJsonValue,
    status: "SHIPPED" as const,
    reasonCode: "FROM_TIKTOK",
    reasonDetail: null,
    packageId: args.packageId,
    providerName: args.trackingCompany,
    sentTrackingNumber: args.trackingNumber,
    shippedAt: args.now,
    nextAttemptAt: null,
  };
  await prisma.tikTokShipment.upsert({
    where: { shopId_shopifyFulfillmentId: { shopId: args.shopId, shopifyFulfillmentId: args.fulfillmentId } },
    create: { shopId: args.shopId, shopifyFulfillmentId: args.fulfillmentId, ...fields },
    update: fields,
  });
}

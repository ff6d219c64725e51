import type { Prisma, ShipmentStatus, TikTokShipment } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { onShipmentDue } from "~/lib/shipment-signal.server";

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
};
export type ShipmentLine = { variantId: string | null; sku: string | null; quantity: number };

/** The TikTok order a Shopify order is (the app created it), with what the way back reads of it. */
export async function findOrderForShopifyOrder(shopId: string, shopifyOrderId: string) {
  return prisma.tikTokOrder.findFirst({
    where: { shopId, shopifyOrderId },
    select: { id: true, tiktokOrderId: true, tiktokShopId: true, raw: true },
  });
}

/**
 * Records a fulfilment from Shopify's `fulfillments/create` or `/update` and makes it due when there is
 * something to send: a new fulfilment, or tracking that changed. A delivery older than the one recorded (a
 * late create after an update) or a repeat changes nothing, so it sends nothing twice.
 */
export async function recordFulfillment(
  facts: FulfillmentFacts,
  now = new Date(),
): Promise<{ shipment: TikTokShipment; changed: boolean }> {
  const key = {
    shopId_shopifyFulfillmentId: { shopId: facts.shopId, shopifyFulfillmentId: facts.fulfillmentId },
  };
  const fields = {
    shopifyName: facts.name,
    shopifyUpdatedAt: facts.updatedAt,
    trackingCompany: facts.trackingCompany,
    trackingNumber: facts.trackingNumber,
    lines: facts.lines as Prisma.InputJsonValue,
  };
  const existing = await prisma.tikTokShipment.findUnique({ where: key });
  if (!existing) {
    try {
      const created = await prisma.tikTokShipment.create({
        data: {
          ...fields,
          shopId: facts.shopId,
          orderId: facts.orderId,
          shopifyFulfillmentId: facts.fulfillmentId,
          status: "PENDING",
          nextAttemptAt: facts.cancelled ? null : now,
        },
      });
      if (!facts.cancelled) onShipmentDue.emit();
      return { shipment: created, changed: true };
    } catch (error) {
      // Two deliveries of one fulfilment at once: the other recorded it; apply this one as an update.
      if ((error as { code?: string }).code !== "P2002") throw error;
      return recordFulfillment(facts, now);
    }
  }
  const older = existing.shopifyUpdatedAt && facts.updatedAt && facts.updatedAt < existing.shopifyUpdatedAt;
  const changed =
    existing.trackingCompany !== facts.trackingCompany || existing.trackingNumber !== facts.trackingNumber;
  if (older || (!changed && !facts.cancelled)) return { shipment: existing, changed: false };
  const due = !facts.cancelled && dueAfterChange(existing);
  const updated = await prisma.tikTokShipment.update({
    where: key,
    data: {
      ...fields,
      ...(due ? { nextAttemptAt: now } : {}),
      ...(facts.cancelled ? { nextAttemptAt: null } : {}),
      // A blocked or refused one is tried again with the merchant's new tracking.
      ...(due && (existing.status === "BLOCKED" || existing.status === "FAILED")
        ? { status: "PENDING" as const, reasonCode: null, reasonDetail: null }
        : {}),
    },
  });
  if (due) onShipmentDue.emit();
  return { shipment: updated, changed: true };
}

/** New tracking on a recorded fulfilment: worth sending unless TikTok ships the order or has it already. */
function dueAfterChange(shipment: TikTokShipment): boolean {
  if (shipment.status === "SHIPPED") return shipment.packageId !== null && shipment.reasonCode === null;
  return shipment.reasonCode !== "TIKTOK_SHIPS" && shipment.reasonCode !== "ALREADY_SHIPPED";
}

/** Takes the lease of up to `limit` due shipments (oldest first) for `holder`; their ids. */
export async function claimDueShipments(holder: string, limit: number, leaseMs: number, now = new Date()) {
  const rows = await database.query<{ id: string }>(
    `UPDATE "TikTokShipment" SET "leaseHolder" = $1, "leaseExpiresAt" = $2::timestamp(3)
     WHERE "id" IN (
       SELECT "id" FROM "TikTokShipment"
       WHERE "nextAttemptAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
       ORDER BY "nextAttemptAt" LIMIT $4 FOR UPDATE SKIP LOCKED
     ) RETURNING "id"`,
    [holder, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), limit],
  );
  return rows.map((row) => row.id);
}

/** Takes one shipment's lease (a Sync click), unless another holder has it; false when it's held. */
export async function claimShipment(id: string, holder: string, leaseMs: number, now = new Date()) {
  const claimed = await prisma.tikTokShipment.updateMany({
    where: { id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return claimed.count === 1;
}

export function loadShipment(id: string) {
  return prisma.tikTokShipment.findUnique({
    where: { id },
    include: {
      order: { select: { id: true, tiktokOrderId: true, tiktokShopId: true, raw: true, shop: true } },
    },
  });
}
export type LoadedShipment = NonNullable<Awaited<ReturnType<typeof loadShipment>>>;

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

/** Writes a step's result and lets the lease go (with `keepLease`, keeps it: a "shipping" record). */
export async function saveShipment(
  id: string,
  update: ShipmentUpdate,
  options: { keepLease?: boolean } = {},
) {
  await prisma.tikTokShipment.update({
    where: { id },
    data: {
      reasonCode: null,
      reasonDetail: null,
      ...update,
      ...(options.keepLease ? {} : { leaseHolder: null, leaseExpiresAt: null }),
      ...(update.status === "SHIPPING" ? { attemptCount: { increment: 1 } } : {}),
    },
  });
}

/** The TikTok lines other fulfilments of the order already ship (or are about to). */
export async function linesTakenByOthers(orderId: string, shipmentId: string): Promise<Set<string>> {
  const others = await prisma.tikTokShipment.findMany({
    where: { orderId, id: { not: shipmentId } },
    select: { tiktokLineIds: true },
  });
  return new Set(others.flatMap((other) => other.tiktokLineIds));
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
 * The store's orders the app created from seller-shipped TikTok orders that TikTok still expects shipped,
 * placed since `since`, that no fulfilment has reached yet: those a lost webhook would leave unshipped.
 */
export async function listOrdersAwaitingTracking(shopId: string, since: Date, limit = 500) {
  return database.query<{ id: string; shopifyOrderId: string }>(
    `SELECT o."id", o."shopifyOrderId" FROM "TikTokOrder" o
     WHERE o."shopId" = $1 AND o."shopifyOrderId" IS NOT NULL AND o."shopifyCancelledAt" IS NULL
       AND o."createTime" >= $2::timestamp(3)
       AND o."tiktokStatus" IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
       AND coalesce(o."raw"->>'shipping_type', 'SELLER') = 'SELLER'
       AND NOT EXISTS (SELECT 1 FROM "TikTokShipment" s WHERE s."orderId" = o."id" AND s."status" = 'SHIPPED')
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

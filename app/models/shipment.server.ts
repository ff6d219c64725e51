import type { Prisma, ShipmentStatus, TikTokShipment } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { onShipmentDue } from "~/fulfillment/shipment-signal.server";

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
export async function recordFulfillment(facts: FulfillmentFacts, now = new Date()): Promise<TikTokShipment> {
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
      return created;
    } catch (error) {
      // Two deliveries of one fulfilment at once: the other recorded it; apply this one as an update.
      if ((error as { code?: string }).code !== "P2002") throw error;
      return recordFulfillment(facts, now);
    }
  }
  const older = existing.shopifyUpdatedAt && facts.updatedAt && facts.updatedAt < existing.shopifyUpdatedAt;
  const changed =
    existing.trackingCompany !== facts.trackingCompany || existing.trackingNumber !== facts.trackingNumber;
  if (older || (!changed && !facts.cancelled)) return existing;
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
  return updated;
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

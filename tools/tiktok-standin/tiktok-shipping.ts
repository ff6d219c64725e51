import { randomBytes } from "node:crypto";
import { z } from "zod";
import { invalidParam } from "./http-kit";
import type { OrderChange, OrderLifecycle } from "./lifecycle";
import { SpecError } from "./money";
import { isDelivered, type OrderRecord } from "./order-builder";
import {
  completePackages,
  isOnHold,
  labelLines,
  PACKAGE_ERRORS,
  packagesOf,
  packageWebhook,
  PackageDesk,
  touchPackage,
  tracking,
  trackingInfoSchema,
} from "./packages";
import { parse, refuse, Refusal, type Body } from "./refusal";
import { shippingDocument, type DocumentType } from "./shipping-label";
import { deliveryOptionFor, shippingProvidersFor, type ShippingProvider } from "./shipping-providers";
import type { PackageRecord, Shop, StandinState } from "./state";
import type { WebhookSender } from "./webhooks";

/** How long a shipping document's URL works: TikTok's `doc_url` is "valid 24 h". */
export const DOCUMENT_TTL_SECONDS = 24 * 3600;

/** Which of the region's carriers TikTok Shipping books; a region without an entry gets DHL. */
const TIKTOK_SHIPPING_CARRIERS: Record<string, string> = { US: "USPS", GB: "Evri" };

/** Statuses in which the parcel has left the seller: a TikTok package still PROCESSING gets its tracking. */
const HANDED_OVER: ReadonlySet<string> = new Set([
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
]);

type Slot = { start_time: number; end_time: number };

const shipSchema = z.object({
  handover_method: z.enum(["PICKUP", "DROP_OFF"]).optional(),
  pickup_slot: z.object({ start_time: z.number().int(), end_time: z.number().int() }).optional(),
  self_shipment: trackingInfoSchema.optional(),
});

/**
 * TikTok makes a TikTok Shipping order's package with the order, before anything ships: one package of
 * every line, PROCESSING, no tracking. Fulfilled-by-TikTok orders get none: TikTok's warehouse ships them and
 * the seller has nothing to arrange.
 */
export function openTikTokPackage(state: StandinState, record: OrderRecord): void {
  const { order } = record;
  if (order.shipping_type !== "TIKTOK" || order.fulfillment_type === "FULFILLMENT_BY_TIKTOK") return;
  const now = state.now();
  const region = state.shops.get(record.shopId)?.region ?? "";
  const pkg: PackageRecord = {
    id: state.nextId("1153", 19),
    orderId: order.id,
    shopId: record.shopId,
    status: "PROCESSING",
    shippingType: "TIKTOK",
    trackingNumber: "",
    shippingProviderId: "",
    shippingProviderName: "",
    deliveryOptionId: typeof order.delivery_option_id === "string" ? order.delivery_option_id : "",
    orderLineItemIds: order.line_items.map((line) => line.id),
    createTime: now,
    updateTime: now,
  };
  if (!pkg.deliveryOptionId) pkg.deliveryOptionId = deliveryOptionFor(region).id;
  state.packages.set(pkg.id, pkg);
  labelLines(record, pkg);
  order.packages = packagesOf(state, order.id).map(({ id }) => ({ id }));
}

/**
 * Keeps the packages in step with a status set without Ship Package (created so, the control API, the
 * timer): a TikTok package still PROCESSING is cancelled with its order, or gets TikTok's tracking once the
 * order is past handover; every package is COMPLETED once the order is delivered.
 */
export function settlePackages(state: StandinState, record: OrderRecord, status: string): void {
  for (const pkg of packagesOf(state, record.order.id)) {
    if (pkg.status !== "PROCESSING") continue;
    if (status === "CANCELLED") {
      pkg.status = "CANCELLED";
      touchPackage(pkg, state.now());
    } else if (HANDED_OVER.has(status)) {
      assignTikTokTracking(state, record, pkg);
    }
  }
  if (isDelivered(status)) completePackages(state, record.order.id);
}

/** The carrier TikTok books: one of the region's providers, so the app can map it like any other. */
export function tiktokShippingCarrier(region: string): ShippingProvider {
  const providers = shippingProvidersFor(region);
  const name = TIKTOK_SHIPPING_CARRIERS[region.toUpperCase()] ?? "DHL";
  const carrier = providers.find((provider) => provider.name === name) ?? providers[0];
  if (!carrier) throw new Error(`no shipping providers in region ${region}`);
  return carrier;
}

/**
 * The pickup windows TikTok's carrier offers: 09:00–12:00 and 13:00–17:00 UTC each day, those starting at
 * least an hour from now and within the next two days.
 */
export function pickupSlots(now: number): Slot[] {
  const midnight = Math.floor(now / 86_400) * 86_400;
  const slots: Slot[] = [];
  for (let day = 0; day <= 2; day += 1) {
    for (const [from, to] of [
      [9, 12],
      [13, 17],
    ] as const) {
      const start = midnight + day * 86_400 + from * 3600;
      if (start >= now + 3600 && start < now + 2 * 86_400) {
        slots.push({ start_time: start, end_time: midnight + day * 86_400 + to * 3600 });
      }
    }
  }
  return slots;
}

/** The stand-in's address as the app reaches it, for the URLs it hands out. */
export function publicUrl(state: StandinState): string {
  return (state.config.publicUrl ?? "http://127.0.0.1").replace(/\/+$/, "");
}

/**
 * TikTok Shipping's package endpoints: handover time slots, Ship Package (TikTok books the carrier and
 * assigns the tracking number) and shipping documents. Checks and changes run without a pause, so two Ship
 * Package calls at once arrange the package once; webhooks go out after.
 */
export class TikTokShippingDesk {
  private readonly packages: PackageDesk;

  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
    private readonly lifecycle: OrderLifecycle,
  ) {
    this.packages = new PackageDesk(state, webhooks, lifecycle);
  }

  timeSlots(shop: Shop, packageId: string) {
    const pkg = this.packages.find(shop, packageId);
    if (pkg.shippingType === "SELLER") throw shippedBySeller();
    return {
      can_pickup: true,
      can_drop_off: true,
      // TikTok's spelling.
      pickup_slots: pickupSlots(this.state.now()).map((slot) => ({ ...slot, avaliable: true })),
      drop_off_point_url: `${publicUrl(this.state)}/_drop-off-points?region=${encodeURIComponent(shop.region)}`,
    };
  }

  /** Ship Package: TikTok books its carrier for the handover and the order awaits collection. */
  async ship(shop: Shop, packageId: string, body: Body): Promise<void> {
    const pkg = this.packages.find(shop, packageId);
    const request = parse(shipSchema, body);
    if (!request.handover_method && !request.self_shipment) {
      throw new Refusal(invalidParam("handover_method is required."));
    }
    if (request.handover_method && request.self_shipment) {
      throw new Refusal(
        invalidParam("self_shipment is invalid. Send handover_method or self_shipment, not both."),
      );
    }
    if (request.handover_method === "PICKUP" && !request.pickup_slot) {
      throw new Refusal(invalidParam("pickup_slot is required."));
    }
    const record = this.packages.order(shop, pkg.orderId);
    if (pkg.shippingType === "TIKTOK" && request.self_shipment) {
      throw refuse(
        400,
        PACKAGE_ERRORS.SHIPPED_BY_TIKTOK,
        "This package is shipped by TikTok Shipping; choose a handover_method instead of self_shipment.",
      );
    }
    if (pkg.shippingType === "SELLER" && request.handover_method) throw shippedBySeller();
    // Already arranged before the order's state, so a retry of a call that worked learns the number.
    if (pkg.status === "FULFILLING" || pkg.status === "COMPLETED") {
      throw refuse(
        400,
        PACKAGE_ERRORS.PACKAGE_ALREADY_SHIPPED,
        `Package ${pkg.id} has already been shipped with tracking number ${pkg.trackingNumber}.`,
      );
    }
    if (isOnHold(record, this.state.now())) {
      throw refuse(
        400,
        PACKAGE_ERRORS.ORDER_ON_HOLD,
        "The order is on hold; you can ship it after the hold ends.",
      );
    }
    const { status } = record.order;
    if (pkg.status === "CANCELLED" || (status !== "AWAITING_SHIPMENT" && status !== "PARTIALLY_SHIPPING")) {
      throw refuse(
        400,
        PACKAGE_ERRORS.ORDER_NOT_SHIPPABLE,
        `Order ${record.order.id} cannot be shipped while it is ${status}.`,
      );
    }
    const slot = request.pickup_slot;
    if (slot && request.handover_method === "PICKUP") {
      const offered = pickupSlots(this.state.now()).some(
        (candidate) => candidate.start_time === slot.start_time && candidate.end_time === slot.end_time,
      );
      if (!offered) {
        throw refuse(
          400,
          PACKAGE_ERRORS.INVALID_PICKUP_SLOT,
          "The pickup slot is not available. Choose one of the package's handover time slots.",
        );
      }
    }
    pkg.handoverMethod = request.handover_method;
    if (request.handover_method === "PICKUP") pkg.pickupSlot = slot;
    assignTikTokTracking(this.state, record, pkg);
    const statusChanged = record.order.status !== "AWAITING_COLLECTION";
    record.order.status = "AWAITING_COLLECTION";
    this.lifecycle.touch(record);
    if (statusChanged) await this.lifecycle.statusWebhook(record);
    await packageWebhook(this.webhooks, pkg);
  }

  /** A link to the package's label or packing slip, on the stand-in, working for 24 hours. */
  document(shop: Shop, packageId: string, documentType: string | undefined) {
    const pkg = this.packages.find(shop, packageId);
    if (!documentType) throw new Refusal(invalidParam("document_type is required."));
    if (!isDocumentType(documentType)) throw new Refusal(invalidParam("document_type is invalid."));
    if (pkg.shippingType === "SELLER") throw shippedBySeller();
    if (!pkg.trackingNumber) {
      throw refuse(
        400,
        PACKAGE_ERRORS.DOCUMENT_NOT_READY,
        `Package ${pkg.id} has not been shipped yet; call Ship Package before getting its shipping documents.`,
      );
    }
    const record = this.packages.order(shop, pkg.orderId);
    const token = randomBytes(16).toString("hex");
    this.state.documents.set(token, {
      packageId: pkg.id,
      pdf: shippingDocument(documentType, pkg, record),
      expiresAt: this.state.now() + DOCUMENT_TTL_SECONDS,
    });
    return {
      doc_url: `${publicUrl(this.state)}/_documents/${token}.pdf`,
      tracking_number: pkg.trackingNumber,
    };
  }

  /** Control: TikTok's carrier scanned the parcel, so an order awaiting collection is in transit. */
  async collect(orderId: string): Promise<OrderChange> {
    const record = this.state.orders.get(orderId);
    if (!record) throw new SpecError(`no order ${orderId}`, 404);
    const { order } = record;
    if (order.shipping_type !== "TIKTOK") {
      throw new SpecError(`order ${orderId} is shipped by the seller; its carrier is not TikTok's`);
    }
    if (order.status !== "AWAITING_COLLECTION") {
      throw new SpecError(
        `order ${orderId} is ${order.status}; only an AWAITING_COLLECTION order is collected`,
      );
    }
    const change = await this.lifecycle.setStatus(orderId, "IN_TRANSIT");
    for (const pkg of packagesOf(this.state, orderId)) {
      if (pkg.status !== "FULFILLING") continue;
      touchPackage(pkg, this.state.now());
      const sent = await packageWebhook(this.webhooks, pkg);
      if (sent) change.webhooks.push(sent);
    }
    return change;
  }
}

/** TikTok books its carrier: a tracking number (TT and digits) and the region's TikTok Shipping provider. */
function assignTikTokTracking(state: StandinState, record: OrderRecord, pkg: PackageRecord): void {
  const region = state.shops.get(record.shopId)?.region ?? "";
  Object.assign(pkg, tracking(state.nextId("TT", 20), tiktokShippingCarrier(region)), {
    status: "FULFILLING",
  });
  touchPackage(pkg, state.now());
  labelLines(record, pkg);
}

function isDocumentType(value: string): value is DocumentType {
  return ["SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP"].includes(value);
}

function shippedBySeller(): Refusal {
  return refuse(
    400,
    PACKAGE_ERRORS.SHIPPED_BY_SELLER,
    "This package is shipped by the seller; TikTok Shipping's handover and documents do not apply.",
  );
}

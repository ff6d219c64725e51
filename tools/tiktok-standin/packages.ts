import { z } from "zod";
import type { TikTokLineItem, TikTokOrderStatus } from "../../app/tiktok/types";
import type { OrderLifecycle } from "./lifecycle";
import type { OrderRecord } from "./order-builder";
import { parse, refuse, Refusal, type Body } from "./refusal";
import { deliveryOptionFor, shippingProvidersFor, type ShippingProvider } from "./shipping-providers";
import type { PackageRecord, ShipCalls, Shop, StandinState } from "./state";
import { WEBHOOK_TYPES, type WebhookSender } from "./webhooks";

/**
 * The stand-in's codes for refusing a package call. TikTok documents fulfillment errors per endpoint and
 * not in a form the stand-in can copy, so these are its own, 8 digits in the style of TikTok's fulfillment
 * codes. An app should tell them apart by code; the messages are for people.
 */
export const PACKAGE_ERRORS = {
  /** 404: no such order, or another shop's. */
  ORDER_NOT_FOUND: 21011001,
  /** 404: no such package, or another shop's. */
  PACKAGE_NOT_FOUND: 21011002,
  /** The order (or package) is shipped by TikTok Shipping: the seller arranges shipment instead. */
  SHIPPED_BY_TIKTOK: 21011003,
  /** The order is ON_HOLD: no shipment or tracking until the hold ends. */
  ORDER_ON_HOLD: 21011004,
  /** UNPAID, CANCELLED, DELIVERED or COMPLETED: nothing to ship. */
  ORDER_NOT_SHIPPABLE: 21011005,
  /** A line id that is not one of the order's line items. */
  LINE_ITEM_NOT_IN_ORDER: 21011006,
  /** A line already in a package; the message names the line and the package. */
  LINE_ITEM_ALREADY_SHIPPED: 21011007,
  /** A shipping provider id the order's delivery option does not offer. */
  INVALID_SHIPPING_PROVIDER: 21011008,
  /** A tracking number that is not 8–40 letters and digits. */
  INVALID_TRACKING_NUMBER: 21011009,
  /** Shipping info updated more than 72 hours after the package was shipped. */
  UPDATE_WINDOW_CLOSED: 21011010,
  /** Shipping info updated through an order with no package, or with several. */
  ORDER_PACKAGE_AMBIGUOUS: 21011011,
  /** Ship Package's TikTok handover (or its time slots, or its label) asked for a package the seller ships. */
  SHIPPED_BY_SELLER: 21011012,
  /** Ship Package for a package already arranged (or shipped): the message names its tracking number. */
  PACKAGE_ALREADY_SHIPPED: 21011013,
  /** A pickup slot that is not one of the package's handover time slots. */
  INVALID_PICKUP_SLOT: 21011014,
  /** Shipping documents asked for before the package was shipped: TikTok has no label yet. */
  DOCUMENT_NOT_READY: 21011015,
} as const;

/** What TikTok accepts as a tracking number; it checks the number against the carrier, the stand-in its form. */
export const TRACKING_NUMBER_PATTERN = /^[A-Za-z0-9]{8,40}$/;
/** "Within 72 hours after shipping": how long a seller can fix a package's tracking number. */
export const SHIPPING_INFO_UPDATE_WINDOW_SECONDS = 72 * 3600;

/** Statuses in which a seller can mark lines as shipped: paid, not on hold, not yet delivered or cancelled. */
const SHIPPABLE_STATUSES: ReadonlySet<string> = new Set([
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
]);

// Where they started; kept here so package code written against this module still finds them.
export { answer, Refusal } from "./refusal";

export const trackingInfoSchema = z.object({
  tracking_number: z.string(),
  shipping_provider_id: z.string().min(1),
});
const shipmentSchema = trackingInfoSchema.extend({
  order_line_item_ids: z
    .array(z.string().min(1))
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length)
    .optional(),
});

/** The packages of an order, in the order they were made. */
export function packagesOf(state: StandinState, orderId: string): PackageRecord[] {
  return [...state.packages.values()].filter((pkg) => pkg.orderId === orderId);
}

/** The order was delivered: its packages have arrived, so TikTok shows them COMPLETED (a cancelled one stays so). */
export function completePackages(state: StandinState, orderId: string): void {
  for (const pkg of packagesOf(state, orderId)) {
    if (pkg.status === "COMPLETED" || pkg.status === "CANCELLED") continue;
    pkg.status = "COMPLETED";
    touchPackage(pkg, state.now());
  }
}

/**
 * TikTok's package endpoints for seller-shipped orders: Mark as shipped, and fixing a tracking number. Each
 * call makes its checks and its changes without awaiting anything, so two calls at once cannot both ship
 * the same line; the webhooks go out after.
 */
export class PackageDesk {
  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  /**
   * Mark as shipped: one package for the named lines (every line not yet in a package when none are named)
   * with the carrier's tracking number. Counts the call, made or refused, for the control API.
   */
  async ship(shop: Shop, orderId: string, body: Body): Promise<PackageRecord> {
    const calls = this.shipCalls(orderId);
    let shipped: { record: OrderRecord; pkg: PackageRecord; statusChanged: boolean };
    try {
      shipped = this.pack(shop, orderId, body);
    } catch (error) {
      if (error instanceof Refusal) calls.refused += 1;
      throw error;
    }
    calls.shipped += 1;
    const { record, pkg, statusChanged } = shipped;
    if (statusChanged) await this.lifecycle.statusWebhook(record);
    await this.packageWebhook(pkg);
    return pkg;
  }

  /** The shop's package, as Get Package Detail reads it. */
  find(shop: Shop, packageId: string): PackageRecord {
    const pkg = this.state.packages.get(packageId);
    if (!pkg || pkg.shopId !== shop.id || !this.state.orders.has(pkg.orderId)) {
      throw refuse(404, PACKAGE_ERRORS.PACKAGE_NOT_FOUND, `Package ${packageId} does not exist.`);
    }
    return pkg;
  }

  /** Replaces a package's tracking number and carrier, within 72 hours of shipping. */
  async updateShippingInfo(shop: Shop, packageId: string, body: Body): Promise<void> {
    const pkg = this.find(shop, packageId);
    const info = parse(trackingInfoSchema, body);
    if (pkg.shippingType === "TIKTOK") {
      throw refuse(
        400,
        PACKAGE_ERRORS.SHIPPED_BY_TIKTOK,
        "This package is shipped by TikTok Shipping; its shipping info comes from TikTok.",
      );
    }
    if (this.state.now() > pkg.createTime + SHIPPING_INFO_UPDATE_WINDOW_SECONDS) {
      throw refuse(
        400,
        PACKAGE_ERRORS.UPDATE_WINDOW_CLOSED,
        "Shipping info can only be updated within 72 hours after shipping.",
      );
    }
    const provider = this.provider(shop, info.shipping_provider_id);
    checkTrackingNumber(info.tracking_number);
    const record = this.order(shop, pkg.orderId);
    Object.assign(pkg, tracking(info.tracking_number, provider));
    labelLines(record, pkg);
    this.lifecycle.touch(record);
    touchPackage(pkg, this.state.now());
    await this.packageWebhook(pkg);
  }

  /** The order-level form: applies to the order's only package. */
  async updateOrderShippingInfo(shop: Shop, orderId: string, body: Body): Promise<void> {
    const record = this.order(shop, orderId);
    if (record.order.shipping_type === "TIKTOK") throw shippedByTikTok();
    const packages = packagesOf(this.state, orderId);
    const [only] = packages;
    if (!only || packages.length > 1) {
      const message = only
        ? `Order ${orderId} has ${packages.length} packages; update each package's shipping info instead.`
        : `Order ${orderId} has no package; mark it as shipped first.`;
      throw refuse(400, PACKAGE_ERRORS.ORDER_PACKAGE_AMBIGUOUS, message);
    }
    await this.updateShippingInfo(shop, only.id, body);
  }

  /** The checks of Mark as shipped, in TikTok's spirit, then the package and the order's new state. */
  private pack(shop: Shop, orderId: string, body: Body) {
    const record = this.order(shop, orderId);
    const shipment = parse(shipmentSchema, body);
    const { order } = record;
    if (order.shipping_type === "TIKTOK") throw shippedByTikTok();
    if (isOnHold(record, this.state.now())) {
      throw refuse(
        400,
        PACKAGE_ERRORS.ORDER_ON_HOLD,
        "The order is on hold; you can ship it after the hold ends.",
      );
    }
    if (!SHIPPABLE_STATUSES.has(order.status)) {
      throw refuse(
        400,
        PACKAGE_ERRORS.ORDER_NOT_SHIPPABLE,
        `Order ${orderId} cannot be shipped while it is ${order.status}.`,
      );
    }
    // Lines before carrier and number: a retry of a call that worked is told the lines are shipped, whatever
    // else it gets wrong, so the app can look the package up.
    const lineIds = this.linesToShip(record, shipment.order_line_item_ids);
    const provider = this.provider(shop, shipment.shipping_provider_id);
    checkTrackingNumber(shipment.tracking_number);
    const pkg = this.createPackage(record, lineIds, shipment.tracking_number, provider);
    const status = this.statusAfterShipping(record);
    const statusChanged = status !== order.status;
    order.status = status;
    this.lifecycle.touch(record);
    return { record, pkg, statusChanged };
  }

  private createPackage(
    record: OrderRecord,
    lineIds: string[],
    trackingNumber: string,
    provider: ShippingProvider,
  ): PackageRecord {
    const now = this.state.now();
    const pkg: PackageRecord = {
      id: this.state.nextId("1153", 19),
      orderId: record.order.id,
      shopId: record.shopId,
      // Shipped with a tracking number: on its way, so past PROCESSING at once.
      status: "FULFILLING",
      shippingType: "SELLER",
      ...tracking(trackingNumber, provider),
      deliveryOptionId: this.deliveryOptionId(record),
      orderLineItemIds: lineIds,
      createTime: now,
      updateTime: now,
    };
    this.state.packages.set(pkg.id, pkg);
    labelLines(record, pkg);
    record.order.packages = packagesOf(this.state, pkg.orderId).map(({ id }) => ({ id }));
    return pkg;
  }

  /** The named lines, or every line not yet shipped; refuses a line not in the order or already shipped. */
  private linesToShip(record: OrderRecord, named: string[] | undefined): string[] {
    const lines = record.order.line_items;
    if (!named) {
      const open = lines.filter((line) => !line.package_id);
      const [first] = lines;
      if (open.length === 0 && first) throw alreadyShipped(first);
      return open.map((line) => line.id);
    }
    for (const id of named) {
      const line = lines.find((candidate) => candidate.id === id);
      if (!line) {
        throw refuse(
          400,
          PACKAGE_ERRORS.LINE_ITEM_NOT_IN_ORDER,
          `Order line item ${id} does not belong to order ${record.order.id}.`,
        );
      }
      if (line.package_id) throw alreadyShipped(line);
    }
    return named;
  }

  /** IN_TRANSIT once every line is in a package, PARTIALLY_SHIPPING before; an order in transit stays so. */
  private statusAfterShipping({ order }: OrderRecord): TikTokOrderStatus {
    if (order.status === "IN_TRANSIT") return "IN_TRANSIT";
    return order.line_items.every((line) => line.package_id) ? "IN_TRANSIT" : "PARTIALLY_SHIPPING";
  }

  /** A carrier of the shop's delivery option; refuses any other, another region's included. */
  provider(shop: Shop, id: string): ShippingProvider {
    const provider = shippingProvidersFor(shop.region).find((candidate) => candidate.id === id);
    if (provider) return provider;
    throw refuse(
      400,
      PACKAGE_ERRORS.INVALID_SHIPPING_PROVIDER,
      `Shipping provider ${id} is not available for delivery option ${deliveryOptionFor(shop.region).id}.`,
    );
  }

  private deliveryOptionId({ order, shopId }: OrderRecord): string {
    const id = order.delivery_option_id;
    return typeof id === "string" ? id : deliveryOptionFor(this.state.shops.get(shopId)?.region ?? "").id;
  }

  /** The shop's order; another shop's is as absent as one that does not exist. */
  order(shop: Shop, orderId: string): OrderRecord {
    const record = this.state.orders.get(orderId);
    if (record?.shopId === shop.id) return record;
    throw refuse(404, PACKAGE_ERRORS.ORDER_NOT_FOUND, `Order ${orderId} does not exist.`);
  }

  private shipCalls(orderId: string): ShipCalls {
    let calls = this.state.shipCalls.get(orderId);
    if (!calls) {
      calls = { shipped: 0, refused: 0 };
      this.state.shipCalls.set(orderId, calls);
    }
    return calls;
  }

  private packageWebhook(pkg: PackageRecord) {
    return packageWebhook(this.webhooks, pkg);
  }
}

/**
 * Type 4. `sc_type` is who carries the package (SELLER, or TIKTOK for TikTok Shipping); `role_type` who
 * acted, the seller for every change the Open API makes.
 */
export function packageWebhook(webhooks: WebhookSender, pkg: PackageRecord) {
  return webhooks.emit(WEBHOOK_TYPES.PACKAGE_UPDATE, pkg.shopId, {
    sc_type: pkg.shippingType,
    role_type: "SELLER",
    package_list: [{ package_id: pkg.id, order_id_list: [pkg.orderId] }],
    update_time: pkg.updateTime,
  });
}

/** Writes the package and its tracking onto each line it holds, as the order detail shows them. */
export function labelLines(record: OrderRecord, pkg: PackageRecord): void {
  for (const line of record.order.line_items) {
    if (!pkg.orderLineItemIds.includes(line.id)) continue;
    line.package_id = pkg.id;
    // A TikTok Shipping package has no tracking until it is arranged: the lines carry only its id.
    if (!pkg.trackingNumber) continue;
    Object.assign(line, {
      tracking_number: pkg.trackingNumber,
      shipping_provider_id: pkg.shippingProviderId,
      shipping_provider_name: pkg.shippingProviderName,
    });
  }
}

/**
 * On hold is the ON_HOLD status, or a hold window still open. `is_on_hold_order` alone is not enough: it
 * stays true after the hold ends (it says the order was or will be on hold).
 */
export function isOnHold(record: OrderRecord, now: number): boolean {
  if (record.order.status === "ON_HOLD") return true;
  return record.order.is_on_hold_order === true && (record.onHoldUntil ?? 0) > now;
}

export function tracking(trackingNumber: string, provider: ShippingProvider) {
  return { trackingNumber, shippingProviderId: provider.id, shippingProviderName: provider.name };
}

/** A package's update_time strictly increases, as an order's does. */
export function touchPackage(pkg: PackageRecord, now: number): void {
  pkg.updateTime = Math.max(now, pkg.updateTime + 1);
}

export function checkTrackingNumber(trackingNumber: string): void {
  if (TRACKING_NUMBER_PATTERN.test(trackingNumber)) return;
  throw refuse(
    400,
    PACKAGE_ERRORS.INVALID_TRACKING_NUMBER,
    "The tracking number is invalid. Check the number and the shipping provider.",
  );
}

/** The app reads this message as "already shipped" and looks the package up, so it names both. */
function alreadyShipped(line: TikTokLineItem): Refusal {
  return refuse(
    400,
    PACKAGE_ERRORS.LINE_ITEM_ALREADY_SHIPPED,
    `Order line item ${line.id} has already been shipped in package ${line.package_id}.`,
  );
}

function shippedByTikTok(): Refusal {
  return refuse(
    400,
    PACKAGE_ERRORS.SHIPPED_BY_TIKTOK,
    "This order is shipped by TikTok Shipping; arrange shipment instead.",
  );
}

import type { TikTokOrderStatus } from "../../app/tiktok/types";
import { cancellationWebhook, type CancellationRecord } from "./after-sales";
import { newCancellation, pendingCancellation } from "./cancellations";
import { SpecError } from "./money";
import { buildAddress, maskAddress, type AddressSpec } from "./order-address";
import { buildOrder, cancellation, isDelivered, type OrderRecord, type OrderSpec } from "./order-builder";
import { renderOrder } from "./order-view";
import type { StandinState } from "./state";
import { openTikTokPackage, settlePackages } from "./tiktok-shipping";
import { WEBHOOK_TYPES, type SentWebhook, type WebhookSender } from "./webhooks";

export type OrderChange = { order: Record<string, unknown>; webhooks: SentWebhook[] };

/** Statuses from which a timed delivery can happen: the parcel is with the seller or the courier. */
const SHIPPABLE_STATUSES: ReadonlySet<string> = new Set([
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
]);

/** Order events as TikTok produces them: each change bumps update_time and sends its webhooks. */
export class OrderLifecycle {
  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
  ) {}

  async create(spec: OrderSpec): Promise<OrderChange> {
    const record = buildOrder(spec, this.state);
    this.state.orders.set(record.order.id, record);
    openTikTokPackage(this.state, record);
    settlePackages(this.state, record, record.order.status);
    // Created cancelled: the buyer's cancellation is on record, so a cancellation search finds it.
    const { order } = record;
    if (order.status === "CANCELLED") {
      newCancellation(this.state, record, {
        role: "BUYER",
        reason: order.cancel_reason ?? "No longer needed",
        status: "CANCELLATION_REQUEST_COMPLETE",
      });
    }
    return this.announce(record, [await this.statusWebhook(record)]);
  }

  /**
   * Moves the order to `status` and sends its webhooks. Cancelling completes `cancellation` (a buyer's
   * request being approved, or the seller's cancel), else the buyer's pending request, else a new buyer
   * cancellation; its type 11 names that record.
   */
  async setStatus(
    id: string,
    status: TikTokOrderStatus,
    options: { cancelReason?: string; cancellation?: CancellationRecord } = {},
  ) {
    const record = this.find(id);
    const { order } = record;
    const now = this.state.now();
    // A COD order is not paid up front: the courier collects the cash on delivery.
    if (order.status === "UNPAID" && status !== "CANCELLED" && !order.is_cod) order.paid_time = now;
    if (isDelivered(status)) {
      record.deliverAt = undefined;
      order.delivery_time ??= now;
      if (order.is_cod) order.paid_time ??= order.delivery_time;
    }
    settlePackages(this.state, record, status);
    if (status === "ON_HOLD") {
      order.is_on_hold_order = true;
      record.onHoldUntil = now + this.state.config.onHoldSeconds;
    } else {
      // Released early or moved on: the hold is over, so its window no longer keeps the order from shipping.
      record.onHoldUntil = undefined;
    }
    const cancelled = status === "CANCELLED" ? this.cancellationFor(record, options) : undefined;
    if (cancelled) {
      const { cancel_reason, role } = cancelled.cancellation;
      Object.assign(order, cancellation(now, cancel_reason, role));
    }
    order.status = status;
    this.touch(record);
    const sent: (SentWebhook | undefined)[] = [];
    if (cancelled) {
      cancelled.cancellation.cancel_status = "CANCELLATION_REQUEST_COMPLETE";
      cancelled.cancellation.update_time = Math.max(cancelled.cancellation.update_time, order.update_time);
      sent.push(await cancellationWebhook(this.webhooks, cancelled));
    }
    sent.push(await this.statusWebhook(record));
    return this.announce(record, sent);
  }

  async updateAddress(id: string, spec: AddressSpec): Promise<OrderChange> {
    const record = this.find(id);
    record.recipient = { ...record.recipient, ...spec };
    const address = buildAddress(record.recipient, this.state.shops.get(record.shopId)?.region);
    record.order.recipient_address = record.masked ? maskAddress(address) : address;
    this.touch(record);
    const data = { order_id: id, update_time: record.order.update_time };
    return this.announce(record, [
      await this.webhooks.emit(WEBHOOK_TYPES.RECIPIENT_ADDRESS_UPDATE, record.shopId, data),
    ]);
  }

  /**
   * The stand-in's timers: moves ON_HOLD orders whose window has passed to AWAITING_SHIPMENT, then delivers
   * the orders whose timed delivery is due (once shipped or awaiting shipment; an unpaid, on-hold or cancelled
   * order waits). Returns the ids of each.
   */
  async advanceDueOrders(): Promise<{ released: string[]; delivered: string[] }> {
    const orders = [...this.state.orders.values()];
    const due = (at: number | undefined) => (at ?? Infinity) <= this.state.now();
    const released = orders.filter((record) => record.order.status === "ON_HOLD" && due(record.onHoldUntil));
    for (const record of released) await this.setStatus(record.order.id, "AWAITING_SHIPMENT");
    const delivered = orders.filter(
      (record) => SHIPPABLE_STATUSES.has(record.order.status) && due(record.deliverAt),
    );
    for (const record of delivered) await this.setStatus(record.order.id, "DELIVERED");
    return {
      released: released.map(({ order }) => order.id),
      delivered: delivered.map(({ order }) => order.id),
    };
  }

  /** Type 1 for the order's current status; for changes made elsewhere (packages) that moved the status. */
  statusWebhook({ order, shopId }: OrderRecord) {
    return this.webhooks.emit(WEBHOOK_TYPES.ORDER_STATUS_CHANGE, shopId, {
      order_id: order.id,
      // The webhook spells a cancelled order CANCEL, unlike the order API.
      order_status: order.status === "CANCELLED" ? "CANCEL" : order.status,
      is_on_hold_order: order.is_on_hold_order ?? false,
      update_time: order.update_time,
    });
  }

  /** update_time strictly increases, even for two changes within one second; every change calls this. */
  touch(record: OrderRecord): void {
    record.order.update_time = Math.max(this.state.now(), record.order.update_time + 1);
  }

  /** The cancellation a move to CANCELLED completes; a reason given with the move replaces the request's. */
  private cancellationFor(
    record: OrderRecord,
    options: { cancelReason?: string; cancellation?: CancellationRecord },
  ): CancellationRecord {
    const found = options.cancellation ?? pendingCancellation(this.state, record.order.id);
    if (found && options.cancelReason) found.cancellation.cancel_reason = options.cancelReason;
    return (
      found ??
      newCancellation(this.state, record, {
        role: "BUYER",
        reason: options.cancelReason ?? "No longer needed",
        status: "CANCELLATION_REQUEST_PENDING",
      })
    );
  }

  private find(id: string): OrderRecord {
    const record = this.state.orders.get(id);
    if (!record) throw new SpecError(`no order ${id}`, 404);
    return record;
  }

  private announce(record: OrderRecord, sent: (SentWebhook | undefined)[]): OrderChange {
    return { order: renderOrder(record), webhooks: sent.filter((w): w is SentWebhook => w !== undefined) };
  }
}

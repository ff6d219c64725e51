import type { TikTokOrderStatus } from "../../app/tiktok/types";
import { SpecError } from "./money";
import { buildAddress, maskAddress, type AddressSpec } from "./order-address";
import { buildOrder, cancellation, type OrderRecord, type OrderSpec } from "./order-builder";
import { renderOrder } from "./order-view";
import type { StandinState } from "./state";
import { WEBHOOK_TYPES, type SentWebhook, type WebhookSender } from "./webhooks";

export type OrderChange = { order: Record<string, unknown>; webhooks: SentWebhook[] };

/** Order events as TikTok produces them: each change bumps update_time and sends its webhooks. */
export class OrderLifecycle {
  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
  ) {}

  async create(spec: OrderSpec): Promise<OrderChange> {
    const record = buildOrder(spec, this.state);
    this.state.orders.set(record.order.id, record);
    return this.announce(record, [await this.statusWebhook(record)]);
  }

  async setStatus(id: string, status: TikTokOrderStatus, options: { cancelReason?: string } = {}) {
    const record = this.find(id);
    const { order } = record;
    if (order.status === "UNPAID" && status !== "CANCELLED") order.paid_time = this.state.now();
    if (status === "ON_HOLD") {
      order.is_on_hold_order = true;
      record.onHoldUntil = this.state.now() + this.state.config.onHoldSeconds;
    }
    if (status === "CANCELLED") Object.assign(order, cancellation(options.cancelReason));
    order.status = status;
    this.touch(record);
    const sent: (SentWebhook | undefined)[] = [];
    if (status === "CANCELLED") {
      sent.push(
        await this.webhooks.emit(WEBHOOK_TYPES.CANCELLATION_STATUS_CHANGE, record.shopId, {
          order_id: id,
          cancellations_role: "BUYER",
          cancel_status: "CANCELLATION_REQUEST_COMPLETE",
          cancel_id: this.state.nextId("4035", 19),
          create_time: order.update_time,
        }),
      );
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

  /** Moves ON_HOLD orders whose window has passed to AWAITING_SHIPMENT; returns their ids. */
  async releaseDueHolds(): Promise<string[]> {
    const due = [...this.state.orders.values()].filter(
      (record) => record.order.status === "ON_HOLD" && (record.onHoldUntil ?? Infinity) <= this.state.now(),
    );
    for (const record of due) await this.setStatus(record.order.id, "AWAITING_SHIPMENT");
    return due.map((record) => record.order.id);
  }

  private statusWebhook({ order, shopId }: OrderRecord) {
    return this.webhooks.emit(WEBHOOK_TYPES.ORDER_STATUS_CHANGE, shopId, {
      order_id: order.id,
      // The webhook spells a cancelled order CANCEL, unlike the order API.
      order_status: order.status === "CANCELLED" ? "CANCEL" : order.status,
      is_on_hold_order: order.is_on_hold_order ?? false,
      update_time: order.update_time,
    });
  }

  /** update_time strictly increases, even for two changes within one second. */
  private touch(record: OrderRecord): void {
    record.order.update_time = Math.max(this.state.now(), record.order.update_time + 1);
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

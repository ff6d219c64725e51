import { z } from "zod";
import {
  AFTER_SALES_ERRORS,
  CANCELLATION_REJECT_REASONS,
  cancellationWebhook,
  newestFirst,
  refundFor,
  sellerCancelReasonText,
  shopCancellation,
  shopOrder,
  touched,
  type CancellationRecord,
  type CancelStatus,
  type StandinCancellation,
} from "./after-sales";
import { invalidParam, ok, type Reply } from "./http-kit";
import type { OrderLifecycle } from "./lifecycle";
import { SpecError } from "./money";
import type { OrderRecord } from "./order-builder";
import { renderOrder } from "./order-view";
import { packagesOf } from "./packages";
import { paginate } from "./paging";
import { parse, refuse, type Body } from "./refusal";
import type { Shop, StandinState } from "./state";
import type { SentWebhook, WebhookSender } from "./webhooks";

export type CancellationChange = {
  cancellation: StandinCancellation;
  order: Record<string, unknown>;
  webhooks: SentWebhook[];
};

/** Too late to cancel: the parcel is with a carrier (or has arrived). */
const PAST_CANCELLING: ReadonlySet<string> = new Set(["IN_TRANSIT", "DELIVERED", "COMPLETED"]);
/** The buyer cancels these freely: nothing was paid, or TikTok's hold is still on. */
const CANCELLED_AT_ONCE: ReadonlySet<string> = new Set(["UNPAID", "ON_HOLD"]);

const searchSchema = z.object({
  order_ids: z.array(z.string()).max(50).optional(),
  cancel_status: z
    .enum(["CANCELLATION_REQUEST_PENDING", "CANCELLATION_REQUEST_CANCEL", "CANCELLATION_REQUEST_COMPLETE"])
    .optional(),
  cancel_types: z.array(z.enum(["CANCEL", "BUYER_CANCEL"])).optional(),
});
const rejectSchema = z.object({ reject_reason: z.string().min(1), comment: z.string().optional() });
const sellerCancelSchema = z.object({
  order_id: z.string().min(1),
  cancel_reason: z.string().min(1),
  order_line_item_ids: z.array(z.string().min(1)).min(1).optional(),
});

/** A cancellation of every line of the order, refunding what the buyer paid: the order's total_amount. */
export function newCancellation(
  state: StandinState,
  record: OrderRecord,
  { role, reason, status }: { role: "BUYER" | "SELLER"; reason: string; status: CancelStatus },
): CancellationRecord {
  const { order } = record;
  const refund = refundFor(
    order,
    order.line_items.map((line) => line.id),
    { shipping: true, retailDeliveryFee: true },
  );
  const now = state.now();
  const created: CancellationRecord = {
    shopId: record.shopId,
    cancellation: {
      cancel_id: state.nextId("4035", 19),
      order_id: order.id,
      cancel_type: role === "SELLER" ? "CANCEL" : "BUYER_CANCEL",
      role,
      cancel_status: status,
      cancel_reason: reason,
      cancel_line_items: refund.lines.map(({ lineId, refund: amount }) => ({
        order_line_item_id: lineId,
        refund_amount: amount,
      })),
      refund_amount: refund.total,
      create_time: now,
      update_time: now,
    },
  };
  state.cancellations.set(created.cancellation.cancel_id, created);
  return created;
}

/** The buyer's request for this order still waiting for the seller, if any. */
export function pendingCancellation(state: StandinState, orderId: string): CancellationRecord | undefined {
  return [...state.cancellations.values()].find(
    ({ cancellation }) =>
      cancellation.order_id === orderId && cancellation.cancel_status === "CANCELLATION_REQUEST_PENDING",
  );
}

export function cancellationsOf(state: StandinState, orderId: string): StandinCancellation[] {
  return [...state.cancellations.values()]
    .filter(({ cancellation }) => cancellation.order_id === orderId)
    .map(({ cancellation }) => structuredClone(cancellation));
}

/**
 * Cancellations: the buyer's request (control API) and the seller's answer, and the seller's own cancel
 * (Open API). Each call makes its checks and changes without a pause; the webhooks go out after.
 */
export class CancellationDesk {
  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  /** Control: the buyer asks to cancel. Unpaid or on hold, TikTok cancels at once; otherwise the seller decides. */
  async request(orderId: string, reason = "No longer needed"): Promise<CancellationChange> {
    const record = this.state.orders.get(orderId);
    if (!record) throw new SpecError(`no order ${orderId}`, 404);
    const refusal = this.whyNotCancellable(record);
    if (refusal) throw new SpecError(refusal.message);
    const pending = pendingCancellation(this.state, orderId);
    if (pending) {
      throw new SpecError(
        `order ${orderId} already has a pending cancellation request ${pending.cancellation.cancel_id}`,
      );
    }
    const cancellation = newCancellation(this.state, record, {
      role: "BUYER",
      reason,
      status: "CANCELLATION_REQUEST_PENDING",
    });
    if (CANCELLED_AT_ONCE.has(record.order.status)) {
      const change = await this.lifecycle.setStatus(orderId, "CANCELLED", { cancellation });
      return { cancellation: structuredClone(cancellation.cancellation), ...change };
    }
    const sent = await cancellationWebhook(this.webhooks, cancellation);
    return {
      cancellation: structuredClone(cancellation.cancellation),
      order: renderOrder(record),
      webhooks: sent ? [sent] : [],
    };
  }

  /** Search Cancellations: the shop's, newest first, at most 50 a page. */
  search(shop: Shop, params: Record<string, string>, body: Body): Reply {
    const filters = parse(searchSchema, body);
    const matching = [...this.state.cancellations.values()]
      .filter(({ shopId }) => shopId === shop.id)
      .map(({ cancellation }) => cancellation)
      .filter(
        (c) =>
          (!filters.order_ids || filters.order_ids.includes(c.order_id)) &&
          (!filters.cancel_status || c.cancel_status === filters.cancel_status) &&
          (!filters.cancel_types || filters.cancel_types.includes(c.cancel_type)),
      );
    const page = paginate(
      newestFirst(matching, (c) => c.cancel_id),
      params,
      50,
    );
    if ("status" in page) return page;
    return ok({
      cancellations: page.items.map((c) => structuredClone(c)),
      next_page_token: page.nextPageToken,
      total_count: matching.length,
    });
  }

  /** Approve Cancellation: the order is cancelled. A repeat with the same idempotency_key changes nothing. */
  async approve(shop: Shop, cancelId: string, idempotencyKey: string | undefined): Promise<Reply> {
    const found = shopCancellation(this.state, shop, cancelId);
    const keyed = idempotencyKey ? this.state.idempotencyKeys.get(idempotencyKey) : undefined;
    if (keyed === cancelId) return ok({});
    if (keyed) return invalidParam("idempotency_key has already been used for another request.");
    this.checkPending(found);
    const record = shopOrder(this.state, shop, found.cancellation.order_id);
    const refusal = this.whyNotCancellable(record);
    if (refusal) throw refuse(400, refusal.code, refusal.message);
    if (idempotencyKey) this.state.idempotencyKeys.set(idempotencyKey, cancelId);
    await this.lifecycle.setStatus(record.order.id, "CANCELLED", { cancellation: found });
    return ok({});
  }

  /** Reject Cancellation: the order goes on; the reason must be one GET reject_reasons lists. */
  async reject(shop: Shop, cancelId: string, body: Body): Promise<Reply> {
    const found = shopCancellation(this.state, shop, cancelId);
    const { reject_reason } = parse(rejectSchema, body);
    this.checkPending(found);
    if (!CANCELLATION_REJECT_REASONS.some(({ name }) => name === reject_reason)) {
      throw refuse(
        400,
        AFTER_SALES_ERRORS.INVALID_REJECT_REASON,
        `reject_reason ${reject_reason} is not a reason for rejecting cancellation ${cancelId}.`,
      );
    }
    const { cancellation } = found;
    Object.assign(cancellation, {
      cancel_status: "CANCELLATION_REQUEST_CANCEL",
      reject_reason,
      update_time: touched(cancellation.update_time, this.state.now()),
    });
    await cancellationWebhook(this.webhooks, found);
    return ok({});
  }

  /** Cancel Order: the seller cancels the whole order before it ships. */
  async sellerCancel(shop: Shop, body: Body): Promise<Reply> {
    const request = parse(sellerCancelSchema, body);
    const record = shopOrder(this.state, shop, request.order_id);
    const reason = sellerCancelReasonText(shop, request.cancel_reason);
    if (!reason) {
      throw refuse(
        400,
        AFTER_SALES_ERRORS.INVALID_CANCEL_REASON,
        `cancel_reason ${request.cancel_reason} is not a valid cancel reason for this shop.`,
      );
    }
    const lineIds = request.order_line_item_ids;
    const everyLine = record.order.line_items.map((line) => line.id);
    if (lineIds && (lineIds.length !== everyLine.length || !everyLine.every((id) => lineIds.includes(id)))) {
      // Partial cancels exist for US and UK sellers; the stand-in cancels whole orders only.
      return invalidParam("order_line_item_ids is invalid. The stand-in cancels whole orders only.");
    }
    const refusal = this.whyNotCancellable(record);
    if (refusal) throw refuse(400, refusal.code, refusal.message);
    const pending = pendingCancellation(this.state, record.order.id);
    if (pending) {
      throw refuse(
        400,
        AFTER_SALES_ERRORS.CANCELLATION_PENDING,
        `The buyer has asked to cancel this order; approve or reject cancellation ${pending.cancellation.cancel_id}.`,
      );
    }
    const cancellation = newCancellation(this.state, record, {
      role: "SELLER",
      reason,
      status: "CANCELLATION_REQUEST_COMPLETE",
    });
    await this.lifecycle.setStatus(record.order.id, "CANCELLED", { cancellation });
    const { cancel_id, cancel_status } = cancellation.cancellation;
    return ok({ cancel_id, cancel_status });
  }

  /** Reject Reasons for a cancellation of the shop; undefined for an id that is not one. */
  rejectReasons(shop: Shop, id: string) {
    return this.state.cancellations.get(id)?.shopId === shop.id ? CANCELLATION_REJECT_REASONS : undefined;
  }

  private checkPending({ cancellation }: CancellationRecord): void {
    if (cancellation.cancel_status === "CANCELLATION_REQUEST_PENDING") return;
    throw refuse(
      400,
      AFTER_SALES_ERRORS.CANCELLATION_NOT_PENDING,
      `Cancellation ${cancellation.cancel_id} is ${cancellation.cancel_status}; only a pending request can be approved or rejected.`,
    );
  }

  /** Already cancelled, or past the point of cancelling: in transit, delivered, or a package with tracking. */
  private whyNotCancellable(record: OrderRecord): { code: number; message: string } | undefined {
    const { order } = record;
    if (order.status === "CANCELLED") {
      return {
        code: AFTER_SALES_ERRORS.ORDER_ALREADY_CANCELLED,
        message: `Order ${order.id} has already been cancelled.`,
      };
    }
    const tracked = packagesOf(this.state, order.id).some((pkg) => pkg.trackingNumber !== "");
    if (PAST_CANCELLING.has(order.status) || tracked) {
      return {
        code: AFTER_SALES_ERRORS.ORDER_NOT_CANCELLABLE,
        message: "The order can no longer be cancelled.",
      };
    }
    return undefined;
  }
}

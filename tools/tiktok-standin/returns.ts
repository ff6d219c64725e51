import { z } from "zod";
import {
  AFTER_SALES_ERRORS,
  newestFirst,
  refundFor,
  RETURN_REJECT_REASONS,
  returnWebhook,
  shopReturn,
  touched,
  type ReturnRecord,
  type ReturnStatus,
  type ReturnType,
  type StandinReturn,
} from "./after-sales";
import type { returnRequestSchema } from "./control-schemas";
import { ok, type Reply } from "./http-kit";
import { SpecError } from "./money";
import { paginate } from "./paging";
import { parse, refuse, type Body } from "./refusal";
import type { Shop, StandinState } from "./state";
import type { SentWebhook, WebhookSender } from "./webhooks";

export type ReturnSpec = z.infer<typeof returnRequestSchema>;
export type ReturnChange = { returnOrder: StandinReturn; webhooks: SentWebhook[] };

const PENDING = "RETURN_OR_REFUND_REQUEST_PENDING";
const COMPLETE = "RETURN_OR_REFUND_REQUEST_COMPLETE";
const REJECTED = "REFUND_OR_RETURN_REQUEST_REJECT";

/** What the buyer can ask for in each order status: a refund once it shipped, a return once it arrived. */
const REQUESTABLE: Record<ReturnType, ReadonlySet<string>> = {
  REFUND: new Set(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"]),
  RETURN_AND_REFUND: new Set(["DELIVERED", "COMPLETED"]),
};

/** Each seller decision: the request type it answers, the status it applies in, and the status it leads to. */
const DECISIONS = {
  APPROVE_REFUND: { type: "REFUND", from: PENDING, to: COMPLETE },
  APPROVE_RETURN: { type: "RETURN_AND_REFUND", from: PENDING, to: "AWAITING_BUYER_SHIP" },
  APPROVE_RECEIVED_PACKAGE: { type: "RETURN_AND_REFUND", from: "BUYER_SHIPPED_ITEM", to: COMPLETE },
  REJECT_REFUND: { type: "REFUND", from: PENDING, to: REJECTED },
  REJECT_RETURN: { type: "RETURN_AND_REFUND", from: PENDING, to: REJECTED },
} as const satisfies Record<string, { type: ReturnType; from: ReturnStatus; to: ReturnStatus }>;

const approveSchema = z.object({
  decision: z.enum(["APPROVE_REFUND", "APPROVE_RETURN", "APPROVE_RECEIVED_PACKAGE"]),
});
const rejectSchema = z.object({
  decision: z.enum(["REJECT_REFUND", "REJECT_RETURN"]),
  reject_reason: z.string().min(1),
  comment: z.string().optional(),
});
const searchSchema = z.object({
  order_ids: z.array(z.string()).max(50).optional(),
  return_ids: z.array(z.string()).max(50).optional(),
  return_status: z.array(z.string()).optional(),
  return_types: z.array(z.enum(["REFUND", "RETURN_AND_REFUND", "REPLACEMENT"])).optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
});

export function returnsOf(state: StandinState, orderId: string): StandinReturn[] {
  return [...state.returns.values()]
    .filter(({ returnOrder }) => returnOrder.order_id === orderId)
    .map(({ returnOrder }) => structuredClone(returnOrder));
}

/**
 * Refunds and returns: the buyer's request and TikTok's refund (control API), and the seller's decisions
 * (Open API). A line is in at most one return that was not rejected, so nothing is refunded twice.
 */
export class ReturnDesk {
  constructor(
    private readonly state: StandinState,
    private readonly webhooks: WebhookSender,
  ) {}

  /** Control: the buyer asks for their money back, for some lines or all, with the shipping fee or not. */
  async request(orderId: string, spec: ReturnSpec): Promise<ReturnChange> {
    const record = this.state.orders.get(orderId);
    if (!record) throw new SpecError(`no order ${orderId}`, 404);
    const { order } = record;
    if (!REQUESTABLE[spec.type].has(order.status)) {
      const needs = spec.type === "REFUND" ? "has shipped" : "has arrived";
      throw new SpecError(
        `order ${orderId} is ${order.status}: a ${spec.type} request needs an order that ${needs}`,
      );
    }
    if (order.paid_time === undefined)
      throw new SpecError(`order ${orderId} is not paid yet: nothing to refund`);
    const active = [...this.state.returns.values()]
      .map(({ returnOrder }) => returnOrder)
      .filter((r) => r.order_id === orderId && r.return_status !== REJECTED);
    const taken = new Set(active.flatMap((r) => r.return_line_items.map((line) => line.order_line_item_id)));
    const lineIds =
      spec.lineItemIds ?? order.line_items.map((line) => line.id).filter((id) => !taken.has(id));
    if (lineIds.length === 0) throw new SpecError(`every line of order ${orderId} is already in a return`);
    for (const id of lineIds) {
      if (!order.line_items.some((line) => line.id === id)) {
        throw new SpecError(`line ${id} is not a line of order ${orderId}`);
      }
      if (taken.has(id)) throw new SpecError(`line ${id} of order ${orderId} is already in a return`);
    }
    const shipping = spec.refundShipping ?? false;
    if (shipping && active.some((r) => r.refund_amount.refund_shipping_fee !== "0.00")) {
      throw new SpecError(`the shipping fee of order ${orderId} is already in a return`);
    }
    const refund = refundFor(order, lineIds, { shipping, retailDeliveryFee: false });
    const now = this.state.now();
    const created: ReturnRecord = {
      shopId: record.shopId,
      returnOrder: {
        return_id: this.state.nextId("4036", 19),
        order_id: orderId,
        return_type: spec.type,
        return_status: PENDING,
        role: "BUYER",
        return_line_items: refund.lines.map(({ lineId, refund: amount }) => ({
          return_line_item_id: this.state.nextId("4037", 19),
          order_line_item_id: lineId,
          refund_amount: amount,
        })),
        refund_amount: refund.total,
        create_time: now,
        update_time: now,
      },
    };
    this.state.returns.set(created.returnOrder.return_id, created);
    return this.announce(created);
  }

  /** Control: TikTok refunds the buyer (the seller did not answer in time, or the parcel came back). */
  async complete(returnId: string): Promise<ReturnChange> {
    const found = this.control(returnId);
    const { return_status } = found.returnOrder;
    if (return_status === COMPLETE || return_status === REJECTED) {
      throw new SpecError(`return ${returnId} is ${return_status}: it is settled`);
    }
    return this.move(found, COMPLETE);
  }

  /** Control: the buyer sent the items back, after the seller approved the return. */
  async buyerShipped(returnId: string): Promise<ReturnChange> {
    const found = this.control(returnId);
    if (found.returnOrder.return_status !== "AWAITING_BUYER_SHIP") {
      throw new SpecError(
        `return ${returnId} is ${found.returnOrder.return_status}, not AWAITING_BUYER_SHIP`,
      );
    }
    return this.move(found, "BUYER_SHIPPED_ITEM");
  }

  /** Search Returns: the shop's, newest first, at most 50 a page. */
  search(shop: Shop, params: Record<string, string>, body: Body): Reply {
    const filters = parse(searchSchema, body);
    const matching = [...this.state.returns.values()]
      .filter(({ shopId }) => shopId === shop.id)
      .map(({ returnOrder }) => returnOrder)
      .filter(
        (r) =>
          (!filters.order_ids || filters.order_ids.includes(r.order_id)) &&
          (!filters.return_ids || filters.return_ids.includes(r.return_id)) &&
          (!filters.return_status || filters.return_status.includes(r.return_status)) &&
          (!filters.return_types || filters.return_types.includes(r.return_type)) &&
          (filters.update_time_ge === undefined || r.update_time >= filters.update_time_ge) &&
          (filters.update_time_lt === undefined || r.update_time < filters.update_time_lt),
      );
    const page = paginate(
      newestFirst(matching, (r) => r.return_id),
      params,
      50,
    );
    if ("status" in page) return page;
    return ok({
      return_orders: page.items.map((r) => structuredClone(r)),
      next_page_token: page.nextPageToken,
      total_count: matching.length,
    });
  }

  async approve(shop: Shop, returnId: string, body: Body): Promise<Reply> {
    const found = shopReturn(this.state, shop, returnId);
    const { decision } = parse(approveSchema, body);
    await this.move(found, this.decide(found, decision));
    return ok({});
  }

  /** The reason must be one GET reject_reasons lists for a return. */
  async reject(shop: Shop, returnId: string, body: Body): Promise<Reply> {
    const found = shopReturn(this.state, shop, returnId);
    const { decision, reject_reason } = parse(rejectSchema, body);
    const to = this.decide(found, decision);
    if (!RETURN_REJECT_REASONS.some(({ name }) => name === reject_reason)) {
      throw refuse(
        400,
        AFTER_SALES_ERRORS.INVALID_REJECT_REASON,
        `reject_reason ${reject_reason} is not a reason for rejecting return ${returnId}.`,
      );
    }
    found.returnOrder.reject_reason = reject_reason;
    await this.move(found, to);
    return ok({});
  }

  /** Reject Reasons for a return of the shop; undefined for an id that is not one. */
  rejectReasons(shop: Shop, id: string) {
    return this.state.returns.get(id)?.shopId === shop.id ? RETURN_REJECT_REASONS : undefined;
  }

  /** The status a decision leads to, or a refusal when it does not fit the return's type and status. */
  private decide({ returnOrder }: ReturnRecord, decision: keyof typeof DECISIONS): ReturnStatus {
    const rule = DECISIONS[decision];
    if (rule.type === returnOrder.return_type && rule.from === returnOrder.return_status) return rule.to;
    throw refuse(
      400,
      AFTER_SALES_ERRORS.DECISION_NOT_ALLOWED,
      `Decision ${decision} does not apply to return ${returnOrder.return_id}: it is a ${returnOrder.return_type} request in status ${returnOrder.return_status}.`,
    );
  }

  private control(returnId: string): ReturnRecord {
    const found = this.state.returns.get(returnId);
    if (!found) throw new SpecError(`no return ${returnId}`, 404);
    return found;
  }

  private move(found: ReturnRecord, status: ReturnStatus): Promise<ReturnChange> {
    const { returnOrder } = found;
    returnOrder.return_status = status;
    returnOrder.update_time = touched(returnOrder.update_time, this.state.now());
    return this.announce(found);
  }

  private async announce(found: ReturnRecord): Promise<ReturnChange> {
    const sent = await returnWebhook(this.webhooks, found);
    return { returnOrder: structuredClone(found.returnOrder), webhooks: sent ? [sent] : [] };
  }
}

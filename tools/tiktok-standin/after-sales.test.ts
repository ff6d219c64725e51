import { describe, expect, it } from "vitest";
import {
  AFTER_SALES_ERRORS,
  CANCELLATION_REJECT_REASONS,
  RETURN_REJECT_REASONS,
  shippingProviderId,
  type OrderSpec,
  type StandinCancellation,
  type StandinReturn,
} from "./index";
import { twoShopStandin } from "./two-shop-world";

const app = { appKey: "after-sales-key", appSecret: "after-sales-secret" };
const start = 1_750_000_000;
const world = twoShopStandin(app, start);

/**
 * Two units at 19.99 less 2.00 (seller) and 1.00 (platform) discount, 1.37 tax each; shipping 5.99 less
 * 1.00, 0.40 tax; Colorado's 0.28. Paid: 2 × 16.99 + 2 × 1.37 + 4.99 + 0.40 + 0.28 = 42.39.
 */
const priced: OrderSpec = {
  lines: [{ price: "19.99", quantity: 2, sellerDiscount: "2.00", platformDiscount: "1.00", tax: "1.37" }],
  shipping: { fee: "5.99", sellerDiscount: "1.00", tax: "0.40" },
  retailDeliveryFee: "0.28",
};

async function orderOf(spec: OrderSpec = {}) {
  const { order } = await world.standin.control.createOrder({ ...priced, ...spec });
  world.received.length = 0;
  return { order, lineIds: (order.line_items as { id: string }[]).map((line) => line.id) };
}

const post = <T = Record<string, never>>(path: string, body: unknown, shop = world.us, query = {}) =>
  world.calls.call<T>(`/return_refund/202309${path}`, world.token, {
    query: { shop_cipher: shop.cipher, ...query },
    body: JSON.stringify(body),
  });
const searchCancellations = (
  body: unknown,
  query: Record<string, string> = { page_size: "50" },
  shop = world.us,
) =>
  post<{ cancellations: StandinCancellation[]; next_page_token: string; total_count: number }>(
    "/cancellations/search",
    body,
    shop,
    query,
  );
const searchReturns = (body: unknown, query: Record<string, string> = { page_size: "50" }, shop = world.us) =>
  post<{ return_orders: StandinReturn[]; next_page_token: string; total_count: number }>(
    "/returns/search",
    body,
    shop,
    query,
  );
const rejectReasons = (id: string, shop = world.us) =>
  world.calls.call<{ reasons: { name: string; text: string }[] }>(
    "/return_refund/202309/reject_reasons",
    world.token,
    {
      query: { shop_cipher: shop.cipher, ...(id ? { return_or_cancel_id: id } : {}) },
    },
  );

async function apiOrder(orderId: string) {
  const reply = await world.calls.call<{ orders: Record<string, unknown>[] }>(
    "/order/202309/orders",
    world.token,
    {
      query: { ids: orderId, shop_cipher: world.us.cipher },
    },
  );
  return reply.data.orders[0];
}

const webhookBodies = () =>
  world.received.map(
    (body) => JSON.parse(body) as { type: number; shop_id: string; data: Record<string, unknown> },
  );

/** Marks the order's first line shipped with a tracking number, as the seller's app does. */
function markShipped(orderId: string, lineId: string) {
  return world.calls.call(`/fulfillment/202309/orders/${orderId}/packages`, world.token, {
    query: { shop_cipher: world.us.cipher },
    body: JSON.stringify({
      tracking_number: "9400111899223197428490",
      shipping_provider_id: shippingProviderId("US", "USPS"),
      order_line_item_ids: [lineId],
    }),
  });
}

describe("a buyer's cancellation request", () => {
  it("is recorded pending with the whole payment to refund, to the cent, and sends type 11", async () => {
    const { order, lineIds } = await orderOf();
    expect(order.payment).toMatchObject({ total_amount: "42.39" });
    world.now += 30;
    const {
      cancellation,
      order: after,
      webhooks,
    } = await world.standin.control.requestCancellation(order.id, {
      reason: "Ordered by mistake",
    });
    expect(cancellation).toEqual({
      cancel_id: expect.stringMatching(/^\d{19}$/),
      order_id: order.id,
      cancel_type: "BUYER_CANCEL",
      role: "BUYER",
      cancel_status: "CANCELLATION_REQUEST_PENDING",
      cancel_reason: "Ordered by mistake",
      cancel_line_items: lineIds.map((id) => ({
        order_line_item_id: id,
        refund_amount: { currency: "USD", refund_total: "18.36" },
      })),
      refund_amount: {
        currency: "USD",
        refund_total: "42.39",
        refund_subtotal: "33.98",
        refund_shipping_fee: "4.99",
        refund_tax: "3.14",
        retail_delivery_fee: "0.28",
      },
      create_time: world.now,
      update_time: world.now,
    });
    expect(after).toMatchObject({ status: "AWAITING_SHIPMENT", update_time: start });
    expect(webhooks.map((webhook) => webhook.type)).toEqual([11]);
    expect(webhookBodies()).toEqual([
      {
        type: 11,
        tts_notification_id: expect.stringMatching(/^\d{19}$/),
        shop_id: world.us.id,
        timestamp: world.now,
        data: {
          order_id: order.id,
          cancellations_role: "BUYER",
          cancel_status: "CANCELLATION_REQUEST_PENDING",
          cancel_id: cancellation.cancel_id,
          create_time: world.now,
        },
      },
    ]);
    expect((await world.standin.control.getOrderWithPackages(order.id)).cancellations).toEqual([
      cancellation,
    ]);
  });

  it("cancels an unpaid or on-hold order at once, refunding only what was paid", async () => {
    const unpaid = await orderOf({ status: "UNPAID" });
    const change = await world.standin.control.requestCancellation(unpaid.order.id);
    expect(change.cancellation).toMatchObject({
      cancel_status: "CANCELLATION_REQUEST_COMPLETE",
      cancel_reason: "No longer needed",
      refund_amount: { refund_total: "0.00", refund_subtotal: "0.00", refund_tax: "0.00" },
    });
    expect(change.order).toMatchObject({ status: "CANCELLED", cancellation_initiator: "BUYER" });
    expect(
      webhookBodies().map((body) => [body.type, body.data.cancel_status ?? body.data.order_status]),
    ).toEqual([
      [11, "CANCELLATION_REQUEST_COMPLETE"],
      [1, "CANCEL"],
    ]);
    expect(webhookBodies()[0]?.data.cancel_id).toBe(change.cancellation.cancel_id);

    const held = await orderOf({ onHold: true });
    const heldChange = await world.standin.control.requestCancellation(held.order.id);
    expect(heldChange.order.status).toBe("CANCELLED");
    expect(heldChange.cancellation.refund_amount.refund_total).toBe("42.39");
  });

  it("is refused once the order ships, is delivered or cancelled, and while one is pending", async () => {
    const pending = await orderOf();
    await world.standin.control.requestCancellation(pending.order.id);
    await expect(world.standin.control.requestCancellation(pending.order.id)).rejects.toThrow(
      /pending cancellation/,
    );
    for (const status of ["IN_TRANSIT", "DELIVERED", "COMPLETED"] as const) {
      const { order } = await orderOf({ status });
      await expect(world.standin.control.requestCancellation(order.id)).rejects.toThrow(
        /can no longer be cancelled/,
      );
    }
    const cancelled = await orderOf({ status: "CANCELLED" });
    await expect(world.standin.control.requestCancellation(cancelled.order.id)).rejects.toThrow(
      /already been cancelled/,
    );
    // One line shipped of two: a package with tracking means it is too late.
    const partly = await orderOf();
    await markShipped(partly.order.id, partly.lineIds[0] ?? "");
    await expect(world.standin.control.requestCancellation(partly.order.id)).rejects.toThrow(/can no longer/);
    await expect(world.standin.control.requestCancellation("576400000000009999")).rejects.toThrow(/no order/);
  });
});

describe("answering a cancellation request", () => {
  it("approves it: the order is cancelled by the buyer with the request's id in type 11", async () => {
    const { order } = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(order.id, {
      reason: "Found it cheaper",
    });
    world.received.length = 0;
    world.now += 60;
    const reply = await post(`/cancellations/${cancellation.cancel_id}/approve`, {}, world.us, {
      idempotency_key: "k1",
    });
    expect(reply).toMatchObject({ status: 200, code: 0, data: {} });
    expect(await apiOrder(order.id)).toMatchObject({
      status: "CANCELLED",
      cancellation_initiator: "BUYER",
      cancel_reason: "Found it cheaper",
      cancel_time: world.now,
      update_time: world.now,
    });
    expect(webhookBodies().map((body) => [body.type, body.data])).toEqual([
      [
        11,
        {
          order_id: order.id,
          cancellations_role: "BUYER",
          cancel_status: "CANCELLATION_REQUEST_COMPLETE",
          cancel_id: cancellation.cancel_id,
          create_time: world.now,
        },
      ],
      [1, { order_id: order.id, order_status: "CANCEL", is_on_hold_order: false, update_time: world.now }],
    ]);
    const found = await searchCancellations({ order_ids: [order.id] });
    expect(found.data.cancellations).toEqual([
      { ...cancellation, cancel_status: "CANCELLATION_REQUEST_COMPLETE", update_time: world.now },
    ]);

    // A retry with the same key is answered as the first was and changes nothing.
    world.received.length = 0;
    expect(
      await post(`/cancellations/${cancellation.cancel_id}/approve`, {}, world.us, { idempotency_key: "k1" }),
    ).toMatchObject({
      code: 0,
    });
    expect(world.received).toEqual([]);
    expect(await post(`/cancellations/${cancellation.cancel_id}/approve`, {})).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.CANCELLATION_NOT_PENDING,
      message: `Cancellation ${cancellation.cancel_id} is CANCELLATION_REQUEST_COMPLETE; only a pending request can be approved or rejected.`,
    });
    const other = await orderOf();
    const otherRequest = await world.standin.control.requestCancellation(other.order.id);
    expect(
      await post(`/cancellations/${otherRequest.cancellation.cancel_id}/approve`, {}, world.us, {
        idempotency_key: "k1",
      }),
    ).toMatchObject({ code: 36009004, message: expect.stringContaining("idempotency_key") });
    expect((await apiOrder(other.order.id))?.status).toBe("AWAITING_SHIPMENT");
  });

  it("refuses to approve once the seller has shipped meanwhile", async () => {
    const { order, lineIds } = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(order.id);
    await markShipped(order.id, lineIds[0] ?? "");
    expect(await post(`/cancellations/${cancellation.cancel_id}/approve`, {})).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.ORDER_NOT_CANCELLABLE,
      message: "The order can no longer be cancelled.",
    });
    expect((await apiOrder(order.id))?.status).toBe("PARTIALLY_SHIPPING");
  });

  it("lists the reject reasons, and rejects with one of them: the order goes on", async () => {
    const { order } = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(order.id);
    const reasons = await rejectReasons(cancellation.cancel_id);
    expect(reasons).toMatchObject({ status: 200, code: 0 });
    expect(reasons.data.reasons).toEqual(
      CANCELLATION_REJECT_REASONS.map(({ name, text }) => ({ name, text })),
    );
    expect(reasons.data.reasons.map((reason) => reason.name)).toContain(
      "seller_reject_apply_product_has_been_packed",
    );

    const path = `/cancellations/${cancellation.cancel_id}/reject`;
    expect(await post(path, { comment: "packed" })).toMatchObject({
      code: 36009004,
      message: "Invalid param. reject_reason is required.",
    });
    expect(await post(path, { reject_reason: "seller_reject_return_no_evidence" })).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.INVALID_REJECT_REASON,
    });
    world.received.length = 0;
    world.now += 10;
    expect(
      await post(path, {
        reject_reason: "seller_reject_apply_product_has_been_packed",
        comment: "Already boxed",
      }),
    ).toMatchObject({ code: 0, data: {} });
    expect(await apiOrder(order.id)).toMatchObject({ status: "AWAITING_SHIPMENT", update_time: start });
    expect(webhookBodies()).toEqual([
      expect.objectContaining({
        type: 11,
        data: {
          order_id: order.id,
          cancellations_role: "BUYER",
          cancel_status: "CANCELLATION_REQUEST_CANCEL",
          cancel_id: cancellation.cancel_id,
          create_time: world.now,
        },
      }),
    ]);
    expect((await world.standin.control.getOrderWithPackages(order.id)).cancellations).toEqual([
      expect.objectContaining({
        cancel_status: "CANCELLATION_REQUEST_CANCEL",
        reject_reason: "seller_reject_apply_product_has_been_packed",
        update_time: world.now,
      }),
    ]);
    expect(await post(path, { reject_reason: "seller_reject_apply_product_has_been_packed" })).toMatchObject({
      code: AFTER_SALES_ERRORS.CANCELLATION_NOT_PENDING,
    });
    expect(await post(`/cancellations/${cancellation.cancel_id}/approve`, {})).toMatchObject({
      code: AFTER_SALES_ERRORS.CANCELLATION_NOT_PENDING,
    });
    // Rejected, the buyer may ask again.
    expect((await world.standin.control.requestCancellation(order.id)).cancellation.cancel_status).toBe(
      "CANCELLATION_REQUEST_PENDING",
    );
  });

  it("is completed by a cancellation through the control API, under the request's id", async () => {
    const { order } = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(order.id, {
      reason: "Too slow",
    });
    world.received.length = 0;
    await world.standin.control.setOrderStatus(order.id, "CANCELLED");
    expect(webhookBodies()[0]?.data).toMatchObject({
      cancel_id: cancellation.cancel_id,
      cancel_status: "CANCELLATION_REQUEST_COMPLETE",
    });
    expect((await apiOrder(order.id))?.cancel_reason).toBe("Too slow");
    expect((await world.standin.control.getOrderWithPackages(order.id)).cancellations).toHaveLength(1);
  });

  it("refuses unknown ids in reject reasons, and answers a return's with the return reasons", async () => {
    expect(await rejectReasons("4035000000000009999")).toMatchObject({
      status: 404,
      code: AFTER_SALES_ERRORS.REQUEST_NOT_FOUND,
    });
    expect(await rejectReasons("")).toMatchObject({
      code: 36009004,
      message: "Invalid param. return_or_cancel_id is required.",
    });
    const { order } = await orderOf({ status: "DELIVERED" });
    const { returnOrder } = await world.standin.control.requestReturn(order.id, { type: "REFUND" });
    expect((await rejectReasons(returnOrder.return_id)).data.reasons).toEqual(
      RETURN_REJECT_REASONS.map(({ name, text }) => ({ name, text })),
    );
  });
});

describe("the seller's cancel", () => {
  it("cancels the order by the seller, with type 11 for the seller's cancellation then type 1", async () => {
    const { order } = await orderOf();
    world.now += 5;
    const reply = await post<{ cancel_id: string; cancel_status: string }>("/cancellations", {
      order_id: order.id,
      cancel_reason: "seller_cancel_reason_out_of_stock",
    });
    expect(reply).toMatchObject({
      status: 200,
      code: 0,
      data: { cancel_id: expect.stringMatching(/^\d{19}$/), cancel_status: "CANCELLATION_REQUEST_COMPLETE" },
    });
    expect(await apiOrder(order.id)).toMatchObject({
      status: "CANCELLED",
      cancellation_initiator: "SELLER",
      cancel_reason: "Out of stock",
    });
    expect(webhookBodies().map((body) => [body.type, body.data])).toEqual([
      [
        11,
        {
          order_id: order.id,
          cancellations_role: "SELLER",
          cancel_status: "CANCELLATION_REQUEST_COMPLETE",
          cancel_id: reply.data.cancel_id,
          create_time: world.now,
        },
      ],
      [1, expect.objectContaining({ order_status: "CANCEL" })],
    ]);
    expect((await searchCancellations({ cancel_types: ["CANCEL"] })).data.cancellations).toEqual([
      expect.objectContaining({
        cancel_id: reply.data.cancel_id,
        cancel_type: "CANCEL",
        role: "SELLER",
        refund_amount: expect.objectContaining({ refund_total: "42.39" }),
      }),
    ]);
    expect(
      await post("/cancellations", { order_id: order.id, cancel_reason: "seller_cancel_reason_wrong_price" }),
    ).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.ORDER_ALREADY_CANCELLED,
      message: `Order ${order.id} has already been cancelled.`,
    });
  });

  it("takes each reason, the _uk forms only for a GB shop", async () => {
    for (const reason of ["seller_cancel_reason_wrong_price", "seller_cancel_reason_buyer_request"]) {
      const { order } = await orderOf();
      expect((await post("/cancellations", { order_id: order.id, cancel_reason: reason })).code).toBe(0);
    }
    const usOrder = await orderOf();
    expect(
      await post("/cancellations", {
        order_id: usOrder.order.id,
        cancel_reason: "seller_cancel_reason_out_of_stock_uk",
      }),
    ).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.INVALID_CANCEL_REASON,
      message:
        "cancel_reason seller_cancel_reason_out_of_stock_uk is not a valid cancel reason for this shop.",
    });
    for (const reason of ["seller_cancel_reason_out_of_stock_uk", "seller_cancel_reason_out_of_stock"]) {
      const { order } = await orderOf({ shopId: world.uk.id });
      expect(
        (await post("/cancellations", { order_id: order.id, cancel_reason: reason }, world.uk)).code,
      ).toBe(0);
    }
    expect((await apiOrder(usOrder.order.id))?.status).toBe("AWAITING_SHIPMENT");
  });

  it("is refused once the order is in transit, delivered, completed or has tracking, and while the buyer's request waits", async () => {
    const tooLate = {
      status: 400,
      code: AFTER_SALES_ERRORS.ORDER_NOT_CANCELLABLE,
      message: "The order can no longer be cancelled.",
    };
    const cancel = (orderId: string) =>
      post("/cancellations", { order_id: orderId, cancel_reason: "seller_cancel_reason_out_of_stock" });
    for (const status of ["IN_TRANSIT", "DELIVERED", "COMPLETED"] as const) {
      expect(await cancel((await orderOf({ status })).order.id)).toMatchObject(tooLate);
    }
    const partly = await orderOf();
    await markShipped(partly.order.id, partly.lineIds[0] ?? "");
    expect(await cancel(partly.order.id)).toMatchObject(tooLate);

    // TikTok Shipping: cancellable while its package waits, not once the handover is arranged.
    const waiting = await orderOf({ masked: true });
    const arranged = await orderOf({ masked: true });
    const arrangedPackage = (arranged.order.packages as { id: string }[])[0]?.id ?? "";
    await world.calls.call(`/fulfillment/202309/packages/${arrangedPackage}/ship`, world.token, {
      query: { shop_cipher: world.us.cipher },
      body: JSON.stringify({ handover_method: "DROP_OFF" }),
    });
    expect(await cancel(arranged.order.id)).toMatchObject(tooLate);
    expect((await cancel(waiting.order.id)).code).toBe(0);
    expect((await world.standin.control.getOrderPackages(waiting.order.id))[0]?.status).toBe("CANCELLED");

    const requested = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(requested.order.id);
    expect(await cancel(requested.order.id)).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.CANCELLATION_PENDING,
      message: `The buyer has asked to cancel this order; approve or reject cancellation ${cancellation.cancel_id}.`,
    });
    expect((await apiOrder(requested.order.id))?.status).toBe("AWAITING_SHIPMENT");
  });

  it("refuses a body it cannot use, an unknown order, and a partial cancel", async () => {
    const { order, lineIds } = await orderOf();
    expect(await post("/cancellations", { order_id: order.id })).toMatchObject({
      code: 36009004,
      message: "Invalid param. cancel_reason is required.",
    });
    expect(
      await post("/cancellations", {
        order_id: "576400000000009999",
        cancel_reason: "seller_cancel_reason_out_of_stock",
      }),
    ).toMatchObject({ status: 404, code: AFTER_SALES_ERRORS.ORDER_NOT_FOUND });
    expect(
      await post("/cancellations", {
        order_id: order.id,
        cancel_reason: "seller_cancel_reason_out_of_stock",
        order_line_item_ids: [lineIds[0]],
      }),
    ).toMatchObject({ code: 36009004, message: expect.stringContaining("order_line_item_ids is invalid") });
    expect(
      await post("/cancellations", {
        order_id: order.id,
        cancel_reason: "seller_cancel_reason_out_of_stock",
        order_line_item_ids: [...lineIds].reverse(),
      }),
    ).toMatchObject({ code: 0 });
  });
});

describe("searching cancellations", () => {
  it("filters by order, status and type, newest first, in pages of at most 50", async () => {
    const a = await orderOf();
    const b = await orderOf();
    const c = await orderOf();
    const first = (await world.standin.control.requestCancellation(a.order.id)).cancellation;
    world.now += 1;
    const second = (await world.standin.control.requestCancellation(b.order.id)).cancellation;
    world.now += 1;
    await post("/cancellations", {
      order_id: c.order.id,
      cancel_reason: "seller_cancel_reason_out_of_stock",
    });
    const third = (await world.standin.control.getOrderWithPackages(c.order.id)).cancellations[0];

    const all = await searchCancellations({});
    expect(all.data.cancellations.map((x) => x.cancel_id)).toEqual([
      third?.cancel_id,
      second.cancel_id,
      first.cancel_id,
    ]);
    expect(all.data).toMatchObject({ total_count: 3, next_page_token: "" });
    const pending = await searchCancellations({ cancel_status: "CANCELLATION_REQUEST_PENDING" });
    expect(pending.data.cancellations.map((x) => x.cancel_id)).toEqual([second.cancel_id, first.cancel_id]);
    const buyers = await searchCancellations({
      cancel_types: ["BUYER_CANCEL"],
      order_ids: [a.order.id, c.order.id],
    });
    expect(buyers.data.cancellations.map((x) => x.cancel_id)).toEqual([first.cancel_id]);

    const page1 = await searchCancellations({}, { page_size: "2" });
    expect(page1.data).toMatchObject({ total_count: 3, next_page_token: expect.any(String) });
    expect(page1.data.cancellations).toHaveLength(2);
    const page2 = await searchCancellations({}, { page_size: "2", page_token: page1.data.next_page_token });
    expect(page2.data).toMatchObject({
      next_page_token: "",
      cancellations: [{ cancel_id: first.cancel_id }],
    });

    expect(await searchCancellations({}, { page_size: "51" })).toMatchObject({
      status: 400,
      code: 36009004,
      message: "Invalid param. page_size must be between 1 and 50.",
    });
    expect(await searchCancellations({}, {})).toMatchObject({ code: 36009004 });
    expect(await searchCancellations({ cancel_status: "CANCELLED" })).toMatchObject({
      code: 36009004,
      message: "Invalid param. cancel_status is invalid.",
    });
  });
});

describe("a buyer's refund or return", () => {
  it("refunds the chosen lines' sale prices and tax, to the cent, and sends type 12", async () => {
    const { order, lineIds } = await orderOf({
      status: "DELIVERED",
      lines: [
        { price: "19.99", quantity: 2, sellerDiscount: "2.00", platformDiscount: "1.00", tax: "1.37" },
        { price: "7.05", tax: "0.58" },
      ],
    });
    world.now += 100;
    const { returnOrder, webhooks } = await world.standin.control.requestReturn(order.id, {
      type: "RETURN_AND_REFUND",
      lineItemIds: [lineIds[0] ?? "", lineIds[2] ?? ""],
    });
    expect(returnOrder).toEqual({
      return_id: expect.stringMatching(/^\d{19}$/),
      order_id: order.id,
      return_type: "RETURN_AND_REFUND",
      return_status: "RETURN_OR_REFUND_REQUEST_PENDING",
      role: "BUYER",
      return_line_items: [
        {
          return_line_item_id: expect.stringMatching(/^\d{19}$/),
          order_line_item_id: lineIds[0],
          refund_amount: { currency: "USD", refund_total: "18.36" },
        },
        {
          return_line_item_id: expect.stringMatching(/^\d{19}$/),
          order_line_item_id: lineIds[2],
          refund_amount: { currency: "USD", refund_total: "7.63" },
        },
      ],
      refund_amount: {
        currency: "USD",
        refund_total: "25.99",
        refund_subtotal: "24.04",
        refund_shipping_fee: "0.00",
        refund_tax: "1.95",
        retail_delivery_fee: "0.00",
      },
      create_time: world.now,
      update_time: world.now,
    });
    expect(webhooks.map((webhook) => webhook.type)).toEqual([12]);
    expect(webhookBodies()).toEqual([
      {
        type: 12,
        tts_notification_id: expect.stringMatching(/^\d{19}$/),
        shop_id: world.us.id,
        timestamp: world.now,
        data: {
          order_id: order.id,
          return_role: "BUYER",
          return_type: "RETURN_AND_REFUND",
          return_status: "RETURN_OR_REFUND_REQUEST_PENDING",
          return_id: returnOrder.return_id,
          create_time: world.now,
          update_time: world.now,
        },
      },
    ]);
    // The rest by default, with shipping: the last unit, the shipping fee and its tax.
    const rest = await world.standin.control.requestReturn(order.id, {
      type: "REFUND",
      refundShipping: true,
    });
    expect(rest.returnOrder.return_line_items.map((line) => line.order_line_item_id)).toEqual([lineIds[1]]);
    expect(rest.returnOrder.refund_amount).toEqual({
      currency: "USD",
      refund_total: "23.75",
      refund_subtotal: "16.99",
      refund_shipping_fee: "4.99",
      refund_tax: "1.77",
      retail_delivery_fee: "0.00",
    });
    expect(
      (await world.standin.control.getOrderWithPackages(order.id)).returns.map((r) => r.return_id),
    ).toEqual([returnOrder.return_id, rest.returnOrder.return_id]);
  });

  it("is refused before the order ships (a return before it arrives), for lines already in one, and shipping twice", async () => {
    const waiting = await orderOf();
    await expect(world.standin.control.requestReturn(waiting.order.id, { type: "REFUND" })).rejects.toThrow(
      /has shipped/,
    );
    const moving = await orderOf({ status: "IN_TRANSIT" });
    await expect(
      world.standin.control.requestReturn(moving.order.id, { type: "RETURN_AND_REFUND" }),
    ).rejects.toThrow(/has arrived/);
    expect(
      (await world.standin.control.requestReturn(moving.order.id, { type: "REFUND" })).returnOrder
        .return_type,
    ).toBe("REFUND");
    const cod = await orderOf({ status: "IN_TRANSIT", cod: true });
    await expect(world.standin.control.requestReturn(cod.order.id, { type: "REFUND" })).rejects.toThrow(
      /not paid/,
    );

    const { order, lineIds } = await orderOf({ status: "DELIVERED" });
    const first = await world.standin.control.requestReturn(order.id, {
      type: "REFUND",
      lineItemIds: [lineIds[0] ?? ""],
      refundShipping: true,
    });
    await expect(
      world.standin.control.requestReturn(order.id, { type: "REFUND", lineItemIds: [lineIds[0] ?? ""] }),
    ).rejects.toThrow(/already in a return/);
    await expect(
      world.standin.control.requestReturn(order.id, {
        type: "REFUND",
        lineItemIds: [lineIds[1] ?? ""],
        refundShipping: true,
      }),
    ).rejects.toThrow(/shipping fee/);
    await expect(
      world.standin.control.requestReturn(order.id, { type: "REFUND", lineItemIds: ["577000000000009999"] }),
    ).rejects.toThrow(/not a line/);
    await expect(
      world.standin.control.requestReturn(order.id, {
        type: "REFUND",
        lineItemIds: [lineIds[1] ?? "", lineIds[1] ?? ""],
      }),
    ).rejects.toThrow(/twice/);
    // A rejected request frees its lines and its shipping fee.
    await post(`/returns/${first.returnOrder.return_id}/reject`, {
      decision: "REJECT_REFUND",
      reject_reason: "seller_reject_return_no_evidence",
    });
    const again = await world.standin.control.requestReturn(order.id, {
      type: "REFUND",
      refundShipping: true,
    });
    expect(again.returnOrder.refund_amount.refund_total).toBe("42.11");
    await expect(world.standin.control.requestReturn(order.id, { type: "REFUND" })).rejects.toThrow(
      /every line/,
    );
  });
});

describe("answering a refund or return", () => {
  it("approves a refund: RETURN_OR_REFUND_REQUEST_COMPLETE, type 12", async () => {
    const { order } = await orderOf({ status: "DELIVERED" });
    const { returnOrder } = await world.standin.control.requestReturn(order.id, { type: "REFUND" });
    world.received.length = 0;
    world.now += 60;
    expect(
      await post(`/returns/${returnOrder.return_id}/approve`, { decision: "APPROVE_REFUND" }),
    ).toMatchObject({
      status: 200,
      code: 0,
      data: {},
    });
    expect(webhookBodies().map((body) => body.data)).toEqual([
      expect.objectContaining({
        return_id: returnOrder.return_id,
        return_status: "RETURN_OR_REFUND_REQUEST_COMPLETE",
        create_time: start,
        update_time: world.now,
      }),
    ]);
    expect(
      await post(`/returns/${returnOrder.return_id}/approve`, { decision: "APPROVE_REFUND" }),
    ).toMatchObject({
      status: 400,
      code: AFTER_SALES_ERRORS.DECISION_NOT_ALLOWED,
      message: `Decision APPROVE_REFUND does not apply to return ${returnOrder.return_id}: it is a REFUND request in status RETURN_OR_REFUND_REQUEST_COMPLETE.`,
    });
    await expect(world.standin.control.completeReturn(returnOrder.return_id)).rejects.toThrow(/settled/);
  });

  it("walks a return through approval, the buyer's parcel and its receipt", async () => {
    const { order } = await orderOf({ status: "COMPLETED" });
    const { returnOrder } = await world.standin.control.requestReturn(order.id, {
      type: "RETURN_AND_REFUND",
    });
    const path = (verb: string) => `/returns/${returnOrder.return_id}/${verb}`;
    expect(await post(path("approve"), { decision: "APPROVE_REFUND" })).toMatchObject({
      code: AFTER_SALES_ERRORS.DECISION_NOT_ALLOWED,
    });
    expect(await post(path("approve"), { decision: "APPROVE_RECEIVED_PACKAGE" })).toMatchObject({
      code: AFTER_SALES_ERRORS.DECISION_NOT_ALLOWED,
    });
    await expect(world.standin.control.markReturnShipped(returnOrder.return_id)).rejects.toThrow(
      /AWAITING_BUYER_SHIP/,
    );
    expect((await post(path("approve"), { decision: "APPROVE_RETURN" })).code).toBe(0);
    const shipped = await world.standin.control.markReturnShipped(returnOrder.return_id);
    expect(shipped.returnOrder.return_status).toBe("BUYER_SHIPPED_ITEM");
    expect((await post(path("approve"), { decision: "APPROVE_RECEIVED_PACKAGE" })).code).toBe(0);
    expect(
      webhookBodies()
        .filter((body) => body.type === 12)
        .map((body) => body.data.return_status),
    ).toEqual([
      "RETURN_OR_REFUND_REQUEST_PENDING",
      "AWAITING_BUYER_SHIP",
      "BUYER_SHIPPED_ITEM",
      "RETURN_OR_REFUND_REQUEST_COMPLETE",
    ]);
    expect(await post(path("approve"), { decision: "OFFER_PARTIAL_REFUND" })).toMatchObject({
      code: 36009004,
      message: "Invalid param. decision is invalid.",
    });
  });

  it("rejects with a listed reason and a decision fitting the request", async () => {
    const { order } = await orderOf({ status: "DELIVERED" });
    const { returnOrder } = await world.standin.control.requestReturn(order.id, {
      type: "RETURN_AND_REFUND",
    });
    const path = `/returns/${returnOrder.return_id}/reject`;
    const reason = "seller_reject_return_product_used_or_damaged";
    expect(await post(path, { decision: "REJECT_REFUND", reject_reason: reason })).toMatchObject({
      code: AFTER_SALES_ERRORS.DECISION_NOT_ALLOWED,
    });
    expect(
      await post(path, {
        decision: "REJECT_RETURN",
        reject_reason: "seller_reject_apply_product_has_been_packed",
      }),
    ).toMatchObject({ status: 400, code: AFTER_SALES_ERRORS.INVALID_REJECT_REASON });
    expect(await post(path, { decision: "REJECT_RETURN" })).toMatchObject({
      code: 36009004,
      message: "Invalid param. reject_reason is required.",
    });
    world.received.length = 0;
    expect(await post(path, { decision: "REJECT_RETURN", reject_reason: reason })).toMatchObject({ code: 0 });
    expect(webhookBodies()[0]?.data.return_status).toBe("REFUND_OR_RETURN_REQUEST_REJECT");
    expect((await world.standin.control.getOrderWithPackages(order.id)).returns[0]).toMatchObject({
      return_status: "REFUND_OR_RETURN_REQUEST_REJECT",
      reject_reason: reason,
    });
    await expect(world.standin.control.completeReturn(returnOrder.return_id)).rejects.toThrow(/settled/);
  });

  it("is completed by TikTok through the control API", async () => {
    const { order } = await orderOf({ status: "DELIVERED" });
    const { returnOrder } = await world.standin.control.requestReturn(order.id, { type: "REFUND" });
    world.now += 7 * 86_400;
    const done = await world.standin.control.completeReturn(returnOrder.return_id);
    expect(done.returnOrder).toMatchObject({
      return_status: "RETURN_OR_REFUND_REQUEST_COMPLETE",
      update_time: world.now,
    });
    expect(done.webhooks.map((webhook) => webhook.type)).toEqual([12]);
    await expect(world.standin.control.completeReturn("4036000000000009999")).rejects.toThrow(/no return/);
  });
});

describe("searching returns", () => {
  it("filters by order, status and type, newest first, in pages of at most 50", async () => {
    const a = await orderOf({ status: "DELIVERED" });
    const b = await orderOf({ status: "IN_TRANSIT" });
    const first = (await world.standin.control.requestReturn(a.order.id, { type: "RETURN_AND_REFUND" }))
      .returnOrder;
    world.now += 1;
    const second = (await world.standin.control.requestReturn(b.order.id, { type: "REFUND" })).returnOrder;
    await world.standin.control.completeReturn(second.return_id);

    const all = await searchReturns({});
    expect(all.data).toMatchObject({ total_count: 2, next_page_token: "" });
    expect(all.data.return_orders.map((r) => r.return_id)).toEqual([second.return_id, first.return_id]);
    expect(all.data.return_orders[1]).toEqual(first);
    const done = await searchReturns({ return_status: ["RETURN_OR_REFUND_REQUEST_COMPLETE"] });
    expect(done.data.return_orders.map((r) => r.return_id)).toEqual([second.return_id]);
    const returns = await searchReturns({ return_types: ["RETURN_AND_REFUND"] });
    expect(returns.data.return_orders.map((r) => r.return_id)).toEqual([first.return_id]);
    expect((await searchReturns({ order_ids: [b.order.id] })).data.total_count).toBe(1);
    // By when each last changed: the completed one moved on after the first was made.
    const since = (time: number) => searchReturns({ update_time_ge: time });
    expect((await since(second.update_time + 1)).data.return_orders.map((r) => r.return_id)).toEqual([
      second.return_id,
    ]);
    expect((await since(first.update_time)).data.total_count).toBe(2);
    expect((await searchReturns({ update_time_lt: first.update_time + 1 })).data.total_count).toBe(1);
    const page = await searchReturns({}, { page_size: "1" });
    const next = await searchReturns({}, { page_size: "1", page_token: page.data.next_page_token });
    expect(next.data.return_orders.map((r) => r.return_id)).toEqual([first.return_id]);
    expect(await searchReturns({}, { page_size: "0" })).toMatchObject({ code: 36009004 });
    expect(await searchReturns({ return_types: ["EXCHANGE"] })).toMatchObject({
      code: 36009004,
      message: "Invalid param. return_types is invalid.",
    });
  });
});

describe("another shop's cipher", () => {
  it("can neither see nor answer the shop's cancellations and returns", async () => {
    const { order } = await orderOf({ status: "DELIVERED" });
    const pendingOrder = await orderOf();
    const { cancellation } = await world.standin.control.requestCancellation(pendingOrder.order.id);
    const { returnOrder } = await world.standin.control.requestReturn(order.id, { type: "REFUND" });

    expect((await searchCancellations({}, { page_size: "50" }, world.uk)).data).toMatchObject({
      cancellations: [],
      total_count: 0,
    });
    expect((await searchReturns({}, { page_size: "50" }, world.uk)).data).toMatchObject({
      return_orders: [],
      total_count: 0,
    });
    expect(await post(`/cancellations/${cancellation.cancel_id}/approve`, {}, world.uk)).toMatchObject({
      status: 404,
      code: AFTER_SALES_ERRORS.CANCELLATION_NOT_FOUND,
    });
    expect(
      await post(
        `/cancellations/${cancellation.cancel_id}/reject`,
        { reject_reason: "seller_reject_apply_product_has_been_packed" },
        world.uk,
      ),
    ).toMatchObject({ status: 404, code: AFTER_SALES_ERRORS.CANCELLATION_NOT_FOUND });
    expect(
      await post(
        "/cancellations",
        { order_id: pendingOrder.order.id, cancel_reason: "seller_cancel_reason_out_of_stock" },
        world.uk,
      ),
    ).toMatchObject({ status: 404, code: AFTER_SALES_ERRORS.ORDER_NOT_FOUND });
    expect(
      await post(`/returns/${returnOrder.return_id}/approve`, { decision: "APPROVE_REFUND" }, world.uk),
    ).toMatchObject({
      status: 404,
      code: AFTER_SALES_ERRORS.RETURN_NOT_FOUND,
    });
    expect(
      await post(
        `/returns/${returnOrder.return_id}/reject`,
        { decision: "REJECT_REFUND", reject_reason: "seller_reject_return_no_evidence" },
        world.uk,
      ),
    ).toMatchObject({ status: 404, code: AFTER_SALES_ERRORS.RETURN_NOT_FOUND });
    for (const id of [cancellation.cancel_id, returnOrder.return_id]) {
      expect(await rejectReasons(id, world.uk)).toMatchObject({
        status: 404,
        code: AFTER_SALES_ERRORS.REQUEST_NOT_FOUND,
      });
    }
    const state = await world.standin.control.getOrderWithPackages(pendingOrder.order.id);
    expect(state.order.status).toBe("AWAITING_SHIPMENT");
    expect(state.cancellations[0]?.cancel_status).toBe("CANCELLATION_REQUEST_PENDING");
    expect((await world.standin.control.getOrderWithPackages(order.id)).returns[0]?.return_status).toBe(
      "RETURN_OR_REFUND_REQUEST_PENDING",
    );
  });
});

describe("control API", () => {
  it("keeps packages and ship calls beside cancellations and returns, and forgets them all on reset", async () => {
    const { order } = await orderOf({ status: "DELIVERED" });
    await world.standin.control.requestReturn(order.id, { type: "REFUND" });
    const cancelled = await orderOf();
    await world.standin.control.requestCancellation(cancelled.order.id);
    expect(await world.standin.control.getOrderWithPackages(order.id)).toMatchObject({
      order: { id: order.id },
      packages: [],
      shipCalls: { shipped: 0, refused: 0 },
      cancellations: [],
      returns: [expect.objectContaining({ order_id: order.id })],
    });
    await world.standin.control.reset();
    expect(
      world.standin.state.cancellations.size +
        world.standin.state.returns.size +
        world.standin.state.documents.size,
    ).toBe(0);
  });
});

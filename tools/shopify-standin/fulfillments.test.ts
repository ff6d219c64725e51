import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useFakeApp, webhookVerifier, type ReceivedWebhook } from "./fake-app";
import { adminGraphQL, startShopifyStandin } from "./index";
import type { RestFulfillment, RestOrder } from "./orders/rest-payloads";
import { SHOP, seedVariant, useStandin } from "./testing";

const APP = { apiKey: "fulfil-key", apiSecret: "fulfil-secret" };
const verify = webhookVerifier(APP);

/** What the tests read of an order through GraphQL (FULFILMENT_READ). */
type OrderRead = {
  displayFulfillmentStatus: string;
  lineItems: { nodes: Array<{ sku: string; quantity: number; unfulfilledQuantity: number }> };
  fulfillments: FulfillmentRead[];
  fulfillmentOrders: { nodes: FulfillmentOrderRead[] };
};
type FulfillmentRead = {
  id: string;
  name: string;
  status: string;
  trackingInfo: Array<{ company: string | null; number: string | null; url: string | null }>;
  fulfillmentLineItems: {
    nodes: Array<{ id?: string; quantity: number; lineItem: { id?: string; sku: string } }>;
  };
};
type FulfillmentOrderRead = {
  id: string;
  status: string;
  lineItems: {
    nodes: Array<{
      id: string;
      remainingQuantity: number;
      totalQuantity: number;
      lineItem: { id: string; sku: string };
    }>;
  };
};
type FulfillmentCreateRead = {
  fulfillment: FulfillmentRead | null;
  userErrors: Array<{ field: string[] | null; message: string }>;
};

const fulfillmentBody = (webhook: ReceivedWebhook) => webhook.payload as RestFulfillment;
const orderBody = (webhook: ReceivedWebhook) => webhook.payload as RestOrder;

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { id } userErrors { field message } }
  }`;

const FULFILMENT_READ = `#graphql
  query Fulfilment($id: ID!) {
    order(id: $id) {
      displayFulfillmentStatus
      lineItems(first: 5) { nodes { sku quantity unfulfilledQuantity } }
      fulfillments(first: 5) {
        id name status
        trackingInfo(first: 1) { company number url }
        fulfillmentLineItems(first: 5) { nodes { id quantity lineItem { id sku variant { id } } } }
      }
      fulfillmentOrders(first: 1) {
        nodes {
          id status
          lineItems(first: 5) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } }
        }
      }
    }
  }`;

const FULFILLMENT_CREATE = `#graphql
  mutation Fulfil($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id name status
        trackingInfo { company number url }
        fulfillmentLineItems(first: 5) { nodes { quantity lineItem { sku } } }
      }
      userErrors { field message }
    }
  }`;

const numericId = (gid: string) => Number(gid.split("/").at(-1));

/** The first of a list, failing the test when there is none. */
function first<T>(list: T[] | undefined): T {
  const [item] = list ?? [];
  if (item === undefined) throw new Error("expected at least one item");
  return item;
}

const skusAndQuantities = (body: RestFulfillment | RestOrder) =>
  body.line_items.map((line) => [line.sku, line.quantity]);

describe("fulfillments", () => {
  const app = useFakeApp();
  const { graphql, standin, control } = useStandin({}, () => ({ app: { ...APP, url: app.url() } }));

  /** An order of 2 × TEE and 1 × CAP (unpaid unless `order` says otherwise); answers its gid. */
  const createOrder = async (order: Record<string, unknown> = {}): Promise<string> => {
    const tee = await seedVariant(standin(), { sku: "TEE", price: "20.00" });
    const cap = await seedVariant(standin(), { sku: "CAP", price: "10.00" });
    const { body } = await graphql(ORDER_CREATE, {
      order: {
        lineItems: [
          { variantId: tee, quantity: 2 },
          { variantId: cap, quantity: 1 },
        ],
        ...order,
      },
    });
    expect(body.data.orderCreate.userErrors).toEqual([]);
    return body.data.orderCreate.order.id;
  };
  const read = async (id: string): Promise<OrderRead> =>
    (await graphql(FULFILMENT_READ, { id })).body.data.order;
  const fulfillmentCreate = async (fulfillment: Record<string, unknown>): Promise<FulfillmentCreateRead> =>
    (await graphql(FULFILLMENT_CREATE, { fulfillment })).body.data.fulfillmentCreate;

  it("fulfils every unit left when no line items are given, and signs the fulfillments/create webhook", async () => {
    const orderId = await createOrder();
    const trackingUrl = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
    const result = await control().fulfill(SHOP, numericId(orderId), {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl,
    });
    expect(result.webhook).toEqual({ topic: "fulfillments/create", status: 200 });
    expect(result.fulfillment).toMatchObject({
      name: "#1001.1",
      status: "SUCCESS",
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
      lineItems: [
        { sku: "TEE", quantity: 2 },
        { sku: "CAP", quantity: 1 },
      ],
    });
    const order = await control().getOrder(SHOP, orderId);
    expect(order.displayFulfillmentStatus).toBe("FULFILLED");
    expect(order.lineItems.map((line) => line.fulfilledQuantity)).toEqual([2, 1]);

    expect(app.received.map((webhook) => webhook.topic)).toEqual(["fulfillments/create"]);
    const webhook = first(app.received);
    expect(await verify(webhook)).toBe(true);
    expect(webhook.headers["x-shopify-hmac-sha256"]).toBe(
      createHmac("sha256", APP.apiSecret).update(webhook.rawBody).digest("base64"),
    );
    expect(webhook.headers["x-shopify-shop-domain"]).toBe(SHOP);
    const payload = fulfillmentBody(webhook);
    expect(payload).toMatchObject({
      id: numericId(result.fulfillment.id),
      admin_graphql_api_id: result.fulfillment.id,
      order_id: numericId(orderId),
      name: "#1001.1",
      status: "success",
      service: "manual",
      tracking_company: "UPS",
      tracking_number: "1Z999AA10123456784",
      tracking_numbers: ["1Z999AA10123456784"],
      tracking_url: trackingUrl,
      tracking_urls: [trackingUrl],
      shipment_status: null,
    });
    expect(payload.line_items.map((line) => [line.sku, line.quantity, line.fulfillment_status])).toEqual([
      ["TEE", 2, "fulfilled"],
      ["CAP", 1, "fulfilled"],
    ]);
    const tee = first(order.lineItems);
    expect(first(payload.line_items)).toMatchObject({
      id: numericId(tee.id),
      admin_graphql_api_id: tee.id,
      variant_id: numericId(tee.variantId ?? ""),
      price: "20.00",
      fulfillable_quantity: 0,
    });

    await expect(
      control().fulfill(SHOP, orderId, { trackingCompany: "UPS", trackingNumber: "1Z2" }),
    ).rejects.toThrow(/\(422\): Order #1001 has nothing left to fulfil/);
  });

  it("fulfils part by SKU, then the rest, and GraphQL reads both fulfillments and what remains", async () => {
    const orderId = await createOrder();
    const partOne = await control().fulfill(SHOP, orderId, {
      trackingCompany: "FedEx",
      trackingNumber: "FX-1",
      lineItems: [{ sku: "TEE", quantity: 1 }],
    });
    expect(partOne.fulfillment.lineItems).toEqual([
      { lineItemId: expect.stringMatching(/^gid:\/\/shopify\/LineItem\//), sku: "TEE", quantity: 1 },
    ]);
    const partial = await read(orderId);
    expect(partial.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(partial.lineItems.nodes.map((line) => line.unfulfilledQuantity)).toEqual([1, 1]);
    const fulfillmentOrder = first(partial.fulfillmentOrders.nodes);
    expect(fulfillmentOrder.status).toBe("IN_PROGRESS");
    expect(fulfillmentOrder.id).toMatch(/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/);
    // A fulfillment order and its lines have ids of their own, as on Shopify.
    expect(numericId(fulfillmentOrder.id)).not.toBe(numericId(orderId));
    const foLines = fulfillmentOrder.lineItems.nodes;
    expect(foLines.map((line) => [line.lineItem.sku, line.totalQuantity, line.remainingQuantity])).toEqual([
      ["TEE", 2, 1],
      ["CAP", 1, 1],
    ]);
    expect(numericId(first(foLines).id)).not.toBe(numericId(first(foLines).lineItem.id));

    const rest = await control().fulfill(SHOP, orderId, { trackingCompany: "FedEx", trackingNumber: "FX-2" });
    expect(rest.fulfillment.name).toBe("#1001.2");
    expect(rest.fulfillment.lineItems.map(({ sku, quantity }) => [sku, quantity])).toEqual([
      ["TEE", 1],
      ["CAP", 1],
    ]);
    const done = await read(orderId);
    expect(done.displayFulfillmentStatus).toBe("FULFILLED");
    expect(done.lineItems.nodes.map((line) => line.unfulfilledQuantity)).toEqual([0, 0]);
    const closed = first(done.fulfillmentOrders.nodes);
    expect(closed.status).toBe("CLOSED");
    expect(closed.lineItems.nodes.map((line) => line.remainingQuantity)).toEqual([0, 0]);
    expect(done.fulfillments.map(({ name, status, trackingInfo }) => [name, status, trackingInfo])).toEqual([
      ["#1001.1", "SUCCESS", [{ company: "FedEx", number: "FX-1", url: null }]],
      ["#1001.2", "SUCCESS", [{ company: "FedEx", number: "FX-2", url: null }]],
    ]);
    expect(first(done.fulfillments).id).toBe(partOne.fulfillment.id);
    expect(first(done.fulfillments).fulfillmentLineItems.nodes).toEqual([
      {
        id: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentLineItem\/\d+$/),
        quantity: 1,
        lineItem: {
          id: first(partOne.fulfillment.lineItems).lineItemId,
          sku: "TEE",
          variant: { id: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\//) },
        },
      },
    ]);
    // Each webhook carries what its own fulfillment shipped.
    const bodies = app.received.map(fulfillmentBody);
    expect(bodies.map(skusAndQuantities)).toEqual([
      [["TEE", 1]],
      [
        ["TEE", 1],
        ["CAP", 1],
      ],
    ]);
    expect(first(first(bodies).line_items).fulfillment_status).toBe("partial");
  });

  it("refuses more than remains, an SKU the order lacks, and an unknown order, fulfilling nothing", async () => {
    const orderId = await createOrder();
    const tracking = { trackingCompany: "USPS", trackingNumber: "9400" };
    await expect(
      control().fulfill(SHOP, orderId, { ...tracking, lineItems: [{ sku: "TEE", quantity: 3 }] }),
    ).rejects.toThrow(/\(422\): Order #1001 has 2 unit\(s\) of SKU TEE left to fulfil, not 3/);
    // Two entries of one SKU count together.
    await expect(
      control().fulfill(SHOP, orderId, {
        ...tracking,
        lineItems: [
          { sku: "CAP", quantity: 1 },
          { sku: "CAP", quantity: 1 },
        ],
      }),
    ).rejects.toThrow(/\(422\): .*SKU CAP left to fulfil, not 2/);
    await expect(
      control().fulfill(SHOP, orderId, { ...tracking, lineItems: [{ sku: "HAT", quantity: 1 }] }),
    ).rejects.toThrow(/\(422\): Order #1001 has no line item with SKU HAT/);
    await expect(control().fulfill(SHOP, 999_999, tracking)).rejects.toThrow(/\(404\)/);
    await expect(control().fulfill("ghost.myshopify.com", orderId, tracking)).rejects.toThrow(/\(404\)/);
    const order = await control().getOrder(SHOP, orderId);
    expect(order.fulfillments).toEqual([]);
    expect(order.displayFulfillmentStatus).toBe("UNFULFILLED");
    expect(app.received).toEqual([]);
  });

  it("edits tracking and sends fulfillments/update with the new number", async () => {
    const orderId = await createOrder();
    const { fulfillment } = await control().fulfill(SHOP, orderId, {
      trackingCompany: "USPS",
      trackingNumber: "9400-OLD",
    });
    const trackingUrl = "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400-NEW";
    const updated = await control().updateFulfillmentTracking(SHOP, orderId, numericId(fulfillment.id), {
      trackingNumber: "9400-NEW",
      trackingUrl,
    });
    expect(updated.webhook).toEqual({ topic: "fulfillments/update", status: 200 });
    expect(updated.fulfillment).toMatchObject({
      id: fulfillment.id,
      trackingCompany: "USPS",
      trackingNumber: "9400-NEW",
    });
    const webhook = await app.next("fulfillments/update");
    expect(await verify(webhook)).toBe(true);
    expect(fulfillmentBody(webhook)).toMatchObject({
      id: numericId(fulfillment.id),
      tracking_company: "USPS",
      tracking_number: "9400-NEW",
      tracking_numbers: ["9400-NEW"],
      tracking_url: trackingUrl,
    });
    expect(skusAndQuantities(fulfillmentBody(webhook))).toEqual([
      ["TEE", 2],
      ["CAP", 1],
    ]);
    const order = await read(orderId);
    expect(first(order.fulfillments).trackingInfo).toEqual([
      { company: "USPS", number: "9400-NEW", url: trackingUrl },
    ]);
    await expect(control().updateFulfillmentTracking(SHOP, orderId, fulfillment.id, {})).rejects.toThrow(
      /\(422\)/,
    );
    await expect(
      control().updateFulfillmentTracking(SHOP, orderId, 999_999, { trackingNumber: "X" }),
    ).rejects.toThrow(/\(404\)/);
  });

  it("cancels as the merchant does, sends orders/cancelled, and then refuses to fulfil or cancel again", async () => {
    const orderId = await createOrder({ email: "buyer@example.com" });
    const { order, webhook } = await control().cancelOrder(SHOP, orderId, { reason: "INVENTORY" });
    expect(webhook).toEqual({ topic: "orders/cancelled", status: 200 });
    expect(order).toMatchObject({ cancelReason: "INVENTORY", financialStatus: "VOIDED" });
    expect(order.cancelledAt).not.toBeNull();
    const received = await app.next("orders/cancelled");
    expect(await verify(received)).toBe(true);
    expect(orderBody(received)).toMatchObject({
      id: numericId(orderId),
      admin_graphql_api_id: orderId,
      name: "#1001",
      email: "buyer@example.com",
      cancelled_at: order.cancelledAt,
      cancel_reason: "inventory",
      financial_status: "voided",
      fulfillment_status: null,
      current_total_price: "0.00",
      total_price: "50.00",
    });
    expect(skusAndQuantities(orderBody(received))).toEqual([
      ["TEE", 2],
      ["CAP", 1],
    ]);

    await expect(
      control().fulfill(SHOP, orderId, { trackingCompany: "UPS", trackingNumber: "1Z" }),
    ).rejects.toThrow(/\(422\): Order #1001 is cancelled/);
    await expect(control().cancelOrder(SHOP, orderId)).rejects.toThrow(
      /\(422\): Order #1001 is already cancelled/,
    );
    const view = await read(orderId);
    const fulfillmentOrder = first(view.fulfillmentOrders.nodes);
    expect(fulfillmentOrder.status).toBe("CLOSED");
    expect(view.lineItems.nodes.map((line) => line.unfulfilledQuantity)).toEqual([0, 0]);
    const refused = await fulfillmentCreate({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
    });
    expect(refused).toEqual({
      fulfillment: null,
      userErrors: [
        {
          field: ["fulfillment"],
          message: `Fulfillment order ${numericId(fulfillmentOrder.id)} has an unfulfillable status= closed.`,
        },
      ],
    });
  });

  it("refuses to cancel a paid order that has shipped, as Shopify admin does", async () => {
    const orderId = await createOrder({ financialStatus: "PAID" });
    await control().fulfill(SHOP, orderId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z",
      lineItems: [{ sku: "CAP", quantity: 1 }],
    });
    await expect(control().cancelOrder(SHOP, orderId)).rejects.toThrow(
      /\(422\): Order #1001 is paid and has fulfillments/,
    );
    expect((await control().getOrder(SHOP, orderId)).cancelledAt).toBeNull();
  });

  it("fulfillmentCreate refuses a wrong quantity with Shopify's userErrors and fulfils nothing, then fulfils", async () => {
    const orderId = await createOrder();
    const fulfillmentOrder = first((await read(orderId)).fulfillmentOrders.nodes);
    const [tee, cap] = fulfillmentOrder.lineItems.nodes;
    if (!tee || !cap) throw new Error("expected two fulfillment order line items");
    const trackingInfo = {
      company: "DHL Express",
      number: "JD014600003",
      url: "https://www.dhl.com/track?JD014600003",
    };
    const attempt = (
      items: Array<{ id: string; quantity: number }>,
      fulfillmentOrderId = fulfillmentOrder.id,
    ) =>
      fulfillmentCreate({
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId, fulfillmentOrderLineItems: items }],
        trackingInfo,
      });

    expect(await attempt([{ id: tee.id, quantity: 3 }])).toEqual({
      fulfillment: null,
      userErrors: [
        { field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." },
      ],
    });
    expect(
      await attempt([
        { id: tee.id, quantity: 1 },
        { id: cap.id, quantity: 0 },
      ]),
    ).toEqual({
      fulfillment: null,
      userErrors: [
        {
          field: [
            "fulfillment",
            "lineItemsByFulfillmentOrder",
            "0",
            "fulfillmentOrderLineItems",
            "1",
            "quantity",
          ],
          message: "Quantity must be greater than 0",
        },
      ],
    });
    // The order's own id is not its fulfillment order's.
    expect(
      await attempt([{ id: tee.id, quantity: 1 }], orderId.replace("Order", "FulfillmentOrder")),
    ).toEqual({
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: "Fulfillment order does not exist." }],
    });
    // Nor is a line item's id its fulfillment order line item's.
    const lineItemId = tee.lineItem.id.replace("LineItem", "FulfillmentOrderLineItem");
    expect((await attempt([{ id: lineItemId, quantity: 1 }])).fulfillment).toBeNull();
    const unchanged = await read(orderId);
    expect(unchanged.displayFulfillmentStatus).toBe("UNFULFILLED");
    expect(unchanged.fulfillments).toEqual([]);

    const created = await attempt([{ id: tee.id, quantity: 2 }]);
    expect(created.userErrors).toEqual([]);
    expect(created.fulfillment).toMatchObject({
      name: "#1001.1",
      status: "SUCCESS",
      trackingInfo: [trackingInfo],
      fulfillmentLineItems: { nodes: [{ quantity: 2, lineItem: { sku: "TEE" } }] },
    });
    // Shopify sends fulfillments/create for an app's own fulfillment too; the refused attempts sent none.
    const webhook = await app.next("fulfillments/create");
    expect(await verify(webhook)).toBe(true);
    expect(app.received).toHaveLength(1);
    expect(fulfillmentBody(webhook)).toMatchObject({
      admin_graphql_api_id: created.fulfillment?.id,
      tracking_company: "DHL Express",
      tracking_number: "JD014600003",
    });
    expect(skusAndQuantities(fulfillmentBody(webhook))).toEqual([["TEE", 2]]);

    const after = await read(orderId);
    expect(after.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    const remaining = first(after.fulfillmentOrders.nodes).lineItems.nodes.map(
      (line) => line.remainingQuantity,
    );
    expect(remaining).toEqual([0, 1]);
    // Naming the fulfillment order without line items ships what is left on it.
    const rest = await fulfillmentCreate({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
    });
    expect(rest.fulfillment?.fulfillmentLineItems.nodes).toEqual([{ quantity: 1, lineItem: { sku: "CAP" } }]);
    expect((await read(orderId)).displayFulfillmentStatus).toBe("FULFILLED");
  });

  it("still delivers a webhook posted to /_control/webhooks, signed", async () => {
    const payload = { shop_domain: SHOP, customer: { id: 1 }, orders_requested: [] };
    expect(await control().sendWebhook("customers/data_request", SHOP, payload)).toEqual({ status: 200 });
    const webhook = await app.next("customers/data_request");
    expect(await verify(webhook)).toBe(true);
    expect(webhook.payload).toEqual(payload);
  });

  it("prices the new fields with the stand-in's cost model", async () => {
    const orderId = await createOrder();
    const { body } = await graphql(FULFILMENT_READ, { id: orderId });
    // order 1 + lineItems (2 + 5 × 1) + fulfillments (1 + trackingInfo 1 + fulfillmentLineItems
    // (2 + 5 × (1 + lineItem 1 + variant 1))) + fulfillmentOrders (2 + 1 × (1 + lineItems (2 + 5 × (1 + 1)))).
    expect(body.extensions.cost.requestedQueryCost).toBe(1 + 7 + (1 + 1 + 17) + (2 + 13));
    const mutation = await graphql(FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1" }],
      },
    });
    expect(mutation.body.extensions.cost.requestedQueryCost).toBe(10);
  });
});

describe("merchant actions without an app to tell", () => {
  const { graphql, standin, control } = useStandin();

  it("fulfil and cancel all the same, reporting no webhook", async () => {
    const variantId = await seedVariant(standin(), { sku: "SOLO", price: "5.00" });
    const { body } = await graphql(ORDER_CREATE, { order: { lineItems: [{ variantId, quantity: 1 }] } });
    const orderId: string = body.data.orderCreate.order.id;
    const { fulfillment, webhook } = await control().fulfill(SHOP, orderId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z",
    });
    expect(webhook).toBeNull();
    expect((await control().getOrder(SHOP, orderId)).fulfillments).toEqual([fulfillment]);
    expect((await control().cancelOrder(SHOP, orderId)).webhook).toBeNull();
  });

  it("reports an app it can't reach as status 0, keeping the fulfillment", async () => {
    const unreachable = await startShopifyStandin({ app: { ...APP, url: "http://127.0.0.1:9" } });
    try {
      await unreachable.control.createShop({ domain: SHOP, tokens: ["t"] });
      const variantId = await seedVariant(unreachable, { sku: "SOLO" });
      const { body } = await adminGraphQLFor(unreachable.control.adminUrl(SHOP), variantId);
      const orderId: string = body.data.orderCreate.order.id;
      const { webhook } = await unreachable.control.fulfill(SHOP, orderId, {
        trackingCompany: "UPS",
        trackingNumber: "1Z",
      });
      expect(webhook).toMatchObject({ topic: "fulfillments/create", status: 0, error: expect.any(String) });
      expect((await unreachable.control.getOrder(SHOP, orderId)).displayFulfillmentStatus).toBe("FULFILLED");
    } finally {
      await unreachable.close();
    }
  });
});

function adminGraphQLFor(url: string, variantId: string) {
  return adminGraphQL(url, {
    token: "t",
    query: ORDER_CREATE,
    variables: { order: { lineItems: [{ variantId, quantity: 1 }] } },
  });
}

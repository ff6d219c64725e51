import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useFakeApp, webhookVerifier, type ReceivedWebhook } from "./fake-app";
import type { RestOrder, RestRefund } from "./orders/rest-payloads";
import { SHOP, seedVariant, useStandin } from "./testing";

const APP = { apiKey: "refund-key", apiSecret: "refund-secret" };
const verify = webhookVerifier(APP);

const MISSING_KEY = "The @idempotent directive is required for this mutation but was not provided.";
const KEY_REUSED = "The same idempotency key cannot be used with different operation parameters.";

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order { id lineItems(first: 5) { nodes { id sku } } transactions(first: 5) { id } }
      userErrors { field message }
    }
  }`;

const MONEY = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }";

const REFUND_FIELDS = `
  refund {
    id createdAt note
    totalRefundedSet { ${MONEY} }
    refundLineItems(first: 5) {
      nodes { lineItem { id sku } quantity restockType restocked subtotalSet { ${MONEY} } }
    }
    transactions(first: 5) {
      nodes { kind status gateway amountSet { ${MONEY} } parentTransaction { id kind } }
    }
  }
  order { id displayFinancialStatus totalRefundedSet { shopMoney { amount } } }
  userErrors { field message }`;

const REFUND_CREATE = `#graphql
  mutation Refund($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) { ${REFUND_FIELDS} }
  }`;

const ORDER_READ = `#graphql
  query Read($id: ID!) {
    order(id: $id) {
      displayFinancialStatus displayFulfillmentStatus refundable
      totalRefundedSet { ${MONEY} }
      totalRefundedShippingSet { shopMoney { amount } }
      netPaymentSet { shopMoney { amount } }
      currentTotalPriceSet { shopMoney { amount } }
      totalOutstandingSet { shopMoney { amount } }
      lineItems(first: 5) { nodes { sku quantity currentQuantity refundableQuantity unfulfilledQuantity } }
      refunds(first: 5) {
        id note
        totalRefundedSet { shopMoney { amount } }
        refundLineItems(first: 5) { nodes { lineItem { sku } quantity restockType } }
        transactions(first: 5) { nodes { kind status gateway amountSet { shopMoney { amount } } } }
      }
      transactions(first: 10) { kind status amountSet { shopMoney { amount } } }
    }
  }`;

type UserError = { field: string[] | null; message: string };
type RefundCreateRead = {
  refund: {
    id: string;
    note: string | null;
    totalRefundedSet: { shopMoney: { amount: string } };
    refundLineItems: { nodes: Array<Record<string, unknown>> };
    transactions: { nodes: Array<Record<string, unknown>> };
  } | null;
  order: {
    id: string;
    displayFinancialStatus: string;
    totalRefundedSet: { shopMoney: { amount: string } };
  } | null;
  userErrors: UserError[];
};
type OrderRead = {
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  refundable: boolean;
  totalRefundedSet: { shopMoney: { amount: string } };
  totalRefundedShippingSet: { shopMoney: { amount: string } };
  netPaymentSet: { shopMoney: { amount: string } };
  currentTotalPriceSet: { shopMoney: { amount: string } };
  totalOutstandingSet: { shopMoney: { amount: string } };
  lineItems: {
    nodes: Array<{
      sku: string;
      quantity: number;
      currentQuantity: number;
      refundableQuantity: number;
      unfulfilledQuantity: number;
    }>;
  };
  refunds: Array<Record<string, unknown>>;
  transactions: Array<{ kind: string; status: string; amountSet: { shopMoney: { amount: string } } }>;
};

const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });
const numericId = (gid: string) => Number(gid.split("/").at(-1));
const refundBody = (webhook: ReceivedWebhook) => webhook.payload as RestRefund;

/** The first of a list, failing the test when there is none. */
function first<T>(list: T[] | undefined): T {
  const [item] = list ?? [];
  if (item === undefined) throw new Error("expected at least one item");
  return item;
}

describe("refundCreate", () => {
  const app = useFakeApp();
  const { graphql, standin, control } = useStandin({}, () => ({ app: { ...APP, url: app.url() } }));

  /**
   * A paid order: 2 × TEE at 20.00 and 1 × CAP at 10.00, shipping 5.00, one SALE of 55.00, stock taken
   * (TEE 5 → 3, CAP 3 → 2).
   */
  const createPaidOrder = async () => {
    const teeVariant = await seedVariant(standin(), { sku: "TEE", price: "20.00", inventory: 5 });
    const capVariant = await seedVariant(standin(), { sku: "CAP", price: "10.00", inventory: 3 });
    const { body } = await graphql(ORDER_CREATE, {
      order: {
        email: "buyer@example.com",
        lineItems: [
          { variantId: teeVariant, quantity: 2 },
          { variantId: capVariant, quantity: 1 },
        ],
        shippingLines: [{ title: "Standard", priceSet: usd("5.00") }],
        transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual", amountSet: usd("55.00") }],
      },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(body.data.orderCreate.userErrors).toEqual([]);
    const order = body.data.orderCreate.order;
    const [tee, cap] = order.lineItems.nodes as Array<{ id: string }>;
    if (!tee || !cap) throw new Error("expected two line items");
    const sale: string = first(order.transactions as Array<{ id: string }>).id;
    return { id: order.id as string, tee: tee.id, cap: cap.id, sale, teeVariant, capVariant };
  };
  const refund = async (input: Record<string, unknown>, key: string): Promise<RefundCreateRead> => {
    const { body } = await graphql(REFUND_CREATE, { input, key });
    expect(body.errors).toBeUndefined();
    return body.data.refundCreate;
  };
  const read = async (id: string): Promise<OrderRead> => (await graphql(ORDER_READ, { id })).body.data.order;
  const stock = async (variantId: string) => (await control().getVariant(SHOP, variantId)).inventoryQuantity;
  const money = (orderId: string, amount: string, parentId: string) => ({
    orderId,
    amount,
    gateway: "manual",
    kind: "REFUND",
    parentId,
  });

  it("refunds one unit with restock: stock back, PARTIALLY_REFUNDED, and a signed refunds/create", async () => {
    const order = await createPaidOrder();
    expect(await stock(order.teeVariant)).toBe(3);
    const result = await refund(
      {
        orderId: order.id,
        note: "Buyer returned one tee",
        notify: false,
        refundLineItems: [{ lineItemId: order.tee, quantity: 1, restockType: "RETURN" }],
        transactions: [money(order.id, "20.00", order.sale)],
      },
      "refund-one-tee",
    );
    expect(result.userErrors).toEqual([]);
    expect(result.refund).toMatchObject({
      note: "Buyer returned one tee",
      totalRefundedSet: {
        shopMoney: { amount: "20.0", currencyCode: "USD" },
        presentmentMoney: { amount: "20.0", currencyCode: "USD" },
      },
      refundLineItems: {
        nodes: [
          {
            lineItem: { id: order.tee, sku: "TEE" },
            quantity: 1,
            restockType: "RETURN",
            restocked: true,
            subtotalSet: { shopMoney: { amount: "20.0", currencyCode: "USD" } },
          },
        ],
      },
      transactions: {
        nodes: [
          {
            kind: "REFUND",
            status: "SUCCESS",
            gateway: "manual",
            amountSet: { shopMoney: { amount: "20.0", currencyCode: "USD" } },
            parentTransaction: { id: order.sale, kind: "SALE" },
          },
        ],
      },
    });
    expect(result.refund?.id).toMatch(/^gid:\/\/shopify\/Refund\/\d+$/);
    expect(result.order).toMatchObject({
      id: order.id,
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "20.0" } },
    });

    // The unit went back where it was taken from; the cap was not touched.
    expect(await stock(order.teeVariant)).toBe(4);
    expect(await stock(order.capVariant)).toBe(2);

    const view = await read(order.id);
    expect(view).toMatchObject({
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      refundable: true,
      totalRefundedSet: { shopMoney: { amount: "20.0" }, presentmentMoney: { amount: "20.0" } },
      netPaymentSet: { shopMoney: { amount: "35.0" } },
      currentTotalPriceSet: { shopMoney: { amount: "35.0" } },
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
    });
    expect(view.lineItems.nodes).toEqual([
      { sku: "TEE", quantity: 2, currentQuantity: 1, refundableQuantity: 1, unfulfilledQuantity: 1 },
      { sku: "CAP", quantity: 1, currentQuantity: 1, refundableQuantity: 1, unfulfilledQuantity: 1 },
    ]);
    expect(view.refunds).toEqual([
      {
        id: result.refund?.id,
        note: "Buyer returned one tee",
        totalRefundedSet: { shopMoney: { amount: "20.0" } },
        refundLineItems: { nodes: [{ lineItem: { sku: "TEE" }, quantity: 1, restockType: "RETURN" }] },
        transactions: {
          nodes: [
            {
              kind: "REFUND",
              status: "SUCCESS",
              gateway: "manual",
              amountSet: { shopMoney: { amount: "20.0" } },
            },
          ],
        },
      },
    ]);
    expect(view.transactions.map(({ kind, amountSet }) => [kind, amountSet.shopMoney.amount])).toEqual([
      ["SALE", "55.0"],
      ["REFUND", "20.0"],
    ]);

    // Shopify tells the app of its own refund too, signed, with the REST refund as the body.
    const webhook = await app.next("refunds/create");
    expect(await verify(webhook)).toBe(true);
    expect(webhook.headers["x-shopify-hmac-sha256"]).toBe(
      createHmac("sha256", APP.apiSecret).update(webhook.rawBody).digest("base64"),
    );
    expect(webhook.headers["x-shopify-topic"]).toBe("refunds/create");
    expect(webhook.headers["x-shopify-shop-domain"]).toBe(SHOP);
    const refundId = result.refund?.id ?? "";
    const payload = refundBody(webhook);
    expect(payload).toMatchObject({
      id: numericId(refundId),
      order_id: numericId(order.id),
      note: "Buyer returned one tee",
      restock: true,
      admin_graphql_api_id: refundId,
    });
    expect(payload.created_at).toEqual(result.refund && (result.refund as { createdAt?: string }).createdAt);
    expect(payload.refund_line_items).toEqual([
      expect.objectContaining({
        line_item_id: numericId(order.tee),
        quantity: 1,
        restock_type: "return",
        subtotal: "20.00",
        total_tax: "0.00",
        line_item: expect.objectContaining({
          id: numericId(order.tee),
          variant_id: numericId(order.teeVariant),
          sku: "TEE",
          quantity: 2,
        }),
      }),
    ]);
    expect(first(payload.refund_line_items).id).toEqual(expect.any(Number));
    expect(payload.transactions).toEqual([
      expect.objectContaining({
        id: expect.any(Number),
        order_id: numericId(order.id),
        kind: "refund",
        status: "success",
        amount: "20.00",
        currency: "USD",
        gateway: "manual",
        parent_id: numericId(order.sale),
      }),
    ]);
  });

  it("refunds everything left: REFUNDED, nothing refundable, and CANCEL restocks what was not shipped", async () => {
    const order = await createPaidOrder();
    const result = await refund(
      {
        orderId: order.id,
        refundLineItems: [
          { lineItemId: order.tee, quantity: 2, restockType: "NO_RESTOCK" },
          { lineItemId: order.cap, quantity: 1, restockType: "CANCEL" },
        ],
        shipping: { fullRefund: true },
        transactions: [money(order.id, "55.00", order.sale)],
      },
      "refund-all",
    );
    expect(result.userErrors).toEqual([]);
    expect(result.order?.displayFinancialStatus).toBe("REFUNDED");
    expect(await stock(order.teeVariant)).toBe(3);
    expect(await stock(order.capVariant)).toBe(3);
    const view = await read(order.id);
    expect(view).toMatchObject({
      displayFinancialStatus: "REFUNDED",
      refundable: false,
      totalRefundedSet: { shopMoney: { amount: "55.0" } },
      totalRefundedShippingSet: { shopMoney: { amount: "5.0" } },
      netPaymentSet: { shopMoney: { amount: "0.0" } },
      currentTotalPriceSet: { shopMoney: { amount: "0.0" } },
    });
    expect(view.lineItems.nodes.map((line) => [line.currentQuantity, line.refundableQuantity])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(view.lineItems.nodes.map((line) => line.unfulfilledQuantity)).toEqual([0, 0]);

    // Nothing is left to refund, of units or of money.
    const again = await refund(
      { orderId: order.id, refundLineItems: [{ lineItemId: order.tee, quantity: 1 }] },
      "refund-again",
    );
    expect(again.userErrors).toEqual([
      {
        field: ["refundLineItems", "0", "quantity"],
        message: "Quantity cannot refund more items than were purchased",
      },
    ]);
    const moreMoney = await refund(
      { orderId: order.id, transactions: [money(order.id, "1.00", order.sale)] },
      "refund-more-money",
    );
    expect(moreMoney.userErrors).toEqual([
      { field: null, message: "Refund amount $1.00 is greater than net payment received $0.00" },
    ]);
  });

  it("refuses over-refunds and bad input with Shopify's userErrors, changing nothing and sending nothing", async () => {
    const order = await createPaidOrder();
    const attempts: Array<[Record<string, unknown>, UserError[]]> = [
      [
        {
          orderId: order.id,
          refundLineItems: [{ lineItemId: order.tee, quantity: 3, restockType: "RETURN" }],
        },
        [
          {
            field: ["refundLineItems", "0", "quantity"],
            message: "Quantity cannot refund more items than were purchased",
          },
        ],
      ],
      [
        // Two entries of one line count together.
        {
          orderId: order.id,
          refundLineItems: [
            { lineItemId: order.cap, quantity: 1 },
            { lineItemId: order.cap, quantity: 1 },
          ],
        },
        [
          {
            field: ["refundLineItems", "1", "quantity"],
            message: "Quantity cannot refund more items than were purchased",
          },
        ],
      ],
      [
        {
          orderId: order.id,
          refundLineItems: [{ lineItemId: order.id.replace("Order", "LineItem"), quantity: 1 }],
        },
        [{ field: ["refundLineItems", "0", "lineItemId"], message: "Line item does not exist" }],
      ],
      [
        { orderId: order.id, transactions: [money(order.id, "60.00", order.sale)] },
        [{ field: null, message: "Refund amount $60.00 is greater than net payment received $55.00" }],
      ],
      [
        // allowOverRefunding doesn't let it through either, as on Shopify.
        { orderId: order.id, allowOverRefunding: true, transactions: [money(order.id, "55.01", order.sale)] },
        [{ field: null, message: "Refund amount $55.01 is greater than net payment received $55.00" }],
      ],
      [
        { orderId: order.id, transactions: [{ ...money(order.id, "5.00", order.sale), kind: "SALE" }] },
        [{ field: null, message: "Kind sale is not a valid transaction" }],
      ],
      [
        {
          orderId: order.id,
          transactions: [money(order.id, "5.00", "gid://shopify/OrderTransaction/999999")],
        },
        [{ field: ["transactions"], message: "Transactions require a parent_id associated with the order" }],
      ],
      [
        { orderId: order.id, shipping: { amount: "6.00" } },
        [
          {
            field: ["shipping", "amount"],
            message: "Shipping refund amount $6.00 is greater than refundable shipping $5.00",
          },
        ],
      ],
    ];
    for (const [index, [input, userErrors]] of attempts.entries()) {
      const result = await refund(input, `refused-${index}`);
      expect(result).toMatchObject({ refund: null, userErrors });
      expect(result.order).toMatchObject({ id: order.id, displayFinancialStatus: "PAID" });
    }
    const unknown = await refund({ orderId: "gid://shopify/Order/999999" }, "unknown-order");
    expect(unknown).toEqual({
      refund: null,
      order: null,
      userErrors: [{ field: ["orderId"], message: "Order does not exist" }],
    });

    const view = await read(order.id);
    expect(view).toMatchObject({
      displayFinancialStatus: "PAID",
      refundable: true,
      totalRefundedSet: { shopMoney: { amount: "0.0" } },
      refunds: [],
    });
    expect(view.lineItems.nodes.map((line) => line.refundableQuantity)).toEqual([2, 1]);
    expect(await stock(order.teeVariant)).toBe(3);
    expect(await stock(order.capVariant)).toBe(2);

    // After a partial refund, what is left to give back is what the buyer paid less that refund.
    const partial = await refund(
      { orderId: order.id, transactions: [money(order.id, "20.00", order.sale)] },
      "partial-money",
    );
    expect(partial.userErrors).toEqual([]);
    const over = await refund(
      { orderId: order.id, transactions: [money(order.id, "40.00", order.sale)] },
      "over-after-partial",
    );
    expect(over.userErrors).toEqual([
      { field: null, message: "Refund amount $40.00 is greater than net payment received $35.00" },
    ]);
    // Only the accepted refund was told to the app.
    await app.next("refunds/create");
    expect(app.received.map((webhook) => webhook.topic)).toEqual(["refunds/create"]);
  });

  it("requires an idempotency key and answers the same refund for the same key and input", async () => {
    const order = await createPaidOrder();
    const input = {
      orderId: order.id,
      refundLineItems: [{ lineItemId: order.cap, quantity: 1, restockType: "CANCEL" }],
      transactions: [money(order.id, "10.00", order.sale)],
    };

    // No directive: a top-level error at the field, as Shopify answers since 2026-04; nothing is done.
    const withoutKey = await graphql(
      `#graphql
        mutation Refund($input: RefundInput!) { refundCreate(input: $input) { ${REFUND_FIELDS} } }`,
      { input },
    );
    expect(withoutKey.body.data).toEqual({ refundCreate: null });
    expect(withoutKey.body.errors).toEqual([
      {
        message: MISSING_KEY,
        locations: [expect.objectContaining({ line: expect.any(Number) })],
        path: ["refundCreate"],
        extensions: { code: "BAD_REQUEST" },
      },
    ]);
    const blank = await graphql(REFUND_CREATE, { input, key: "   " });
    expect(blank.body.errors).toMatchObject([
      {
        message: "The idempotency key cannot be an empty string or whitespace only.",
        extensions: { code: "BAD_REQUEST" },
      },
    ]);
    expect((await read(order.id)).refunds).toEqual([]);
    expect(await stock(order.capVariant)).toBe(2);

    const firstTry = await refund(input, "key-1");
    expect(firstTry.userErrors).toEqual([]);
    // A retry (the answer was lost, say) gets the same refund back; it isn't made twice.
    const retry = await refund(input, "key-1");
    expect(retry.userErrors).toEqual([]);
    expect(retry.refund).toEqual(firstTry.refund);
    expect(retry.order?.totalRefundedSet.shopMoney.amount).toBe("10.0");
    // The key given as a literal works the same, with its own record.
    const literal = await graphql(
      `#graphql
        mutation Refund($input: RefundInput!) {
          refundCreate(input: $input) @idempotent(key: "key-literal") { ${REFUND_FIELDS} }
        }`,
      { input: { orderId: order.id, transactions: [money(order.id, "1.00", order.sale)] } },
    );
    expect(literal.body.data.refundCreate.userErrors).toEqual([]);

    // The same key with other input is refused, changing nothing.
    const reused = await refund({ ...input, note: "another refund" }, "key-1");
    expect(reused).toEqual({ refund: null, order: null, userErrors: [{ field: null, message: KEY_REUSED }] });

    const view = await read(order.id);
    expect(view.refunds).toHaveLength(2);
    expect(view.totalRefundedSet.shopMoney.amount).toBe("11.0");
    expect(await stock(order.capVariant)).toBe(3);
    // One webhook per refund made: the retry sent none.
    await app.next("refunds/create");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.received.filter((webhook) => webhook.topic === "refunds/create")).toHaveLength(2);

    // A refused attempt is not remembered: its key can be used again once the input is right.
    const refused = await refund(
      { ...input, refundLineItems: [{ lineItemId: order.tee, quantity: 9 }] },
      "key-2",
    );
    expect(refused.userErrors).toHaveLength(1);
    const corrected = await refund(
      { orderId: order.id, transactions: [money(order.id, "2.00", order.sale)] },
      "key-2",
    );
    expect(corrected.userErrors).toEqual([]);
  });

  it("refuses the directive without a key or on the operation, in graphql-ruby's words", async () => {
    const { body: noKey } = await graphql(
      `
        #graphql
        mutation Refund($input: RefundInput!) {
          refundCreate(input: $input) @idempotent {
            userErrors {
              message
            }
          }
        }
      `,
      { input: { orderId: "gid://shopify/Order/1" } },
    );
    expect(noKey.errors).toMatchObject([
      {
        message: "Directive 'idempotent' is missing required arguments: key",
        extensions: {
          code: "missingRequiredArguments",
          className: "Directive",
          name: "idempotent",
          arguments: "key",
        },
      },
    ]);
    const { body: onOperation } = await graphql(
      `
        #graphql
        mutation Refund($input: RefundInput!) @idempotent(key: "k") {
          refundCreate(input: $input) {
            userErrors {
              message
            }
          }
        }
      `,
      { input: { orderId: "gid://shopify/Order/1" } },
    );
    expect(onOperation.errors).toMatchObject([
      {
        message: "'@idempotent' can't be applied to mutations (allowed: fields)",
        extensions: { code: "directiveCannotBeApplied", targetName: "mutations", name: "idempotent" },
      },
    ]);
    expect(onOperation.data).toBeUndefined();
  });

  it("costs 10 as a mutation", async () => {
    const { body } = await graphql(REFUND_CREATE, {
      input: { orderId: "gid://shopify/Order/1" },
      key: "cost",
    });
    expect(body.extensions.cost.requestedQueryCost).toBe(10);
  });

  it("refunds in the buyer's currency, converting at the order's rate, and wants the currency named", async () => {
    const variantId = await seedVariant(standin(), { sku: "EU-TEE", price: "55.00" });
    const { body } = await graphql(ORDER_CREATE, {
      order: {
        currency: "USD",
        presentmentCurrency: "EUR",
        lineItems: [
          {
            variantId,
            quantity: 1,
            priceSet: { ...usd("55.00"), presentmentMoney: { amount: "50.00", currencyCode: "EUR" } },
          },
        ],
        transactions: [
          {
            kind: "SALE",
            amountSet: { ...usd("55.00"), presentmentMoney: { amount: "50.00", currencyCode: "EUR" } },
          },
        ],
      },
    });
    const order = body.data.orderCreate.order;
    const sale = first(order.transactions as Array<{ id: string }>).id;
    const transactions = [money(order.id, "25.00", sale)];
    expect((await refund({ orderId: order.id, transactions }, "eur-1")).userErrors).toEqual([
      { field: ["currency"], message: "Currency is required for an order in USD and EUR" },
    ]);
    expect((await refund({ orderId: order.id, currency: "USD", transactions }, "eur-2")).userErrors).toEqual([
      { field: ["currency"], message: "Currency must match the order's presentment currency (EUR)" },
    ]);
    const result = await refund({ orderId: order.id, currency: "EUR", transactions }, "eur-3");
    expect(result.userErrors).toEqual([]);
    expect(result.refund?.totalRefundedSet).toEqual({
      shopMoney: { amount: "27.5", currencyCode: "USD" },
      presentmentMoney: { amount: "25.0", currencyCode: "EUR" },
    });
    const rest = await refund(
      { orderId: order.id, currency: "EUR", transactions: [money(order.id, "30.00", sale)] },
      "eur-4",
    );
    expect(rest.userErrors).toEqual([
      { field: null, message: "Refund amount €30.00 is greater than net payment received €25.00" },
    ]);
  });

  describe("as the merchant refunds in Shopify admin", () => {
    it("refunds units by SKU, then everything left, each time sending refunds/create", async () => {
      const order = await createPaidOrder();
      const part = await control().refund(SHOP, numericId(order.id), {
        lineItems: [{ sku: "CAP", quantity: 1 }],
        note: "damaged",
      });
      expect(part.webhook).toEqual({ topic: "refunds/create", status: 200 });
      expect(part.refund).toEqual({
        id: expect.stringMatching(/^gid:\/\/shopify\/Refund\/\d+$/),
        createdAt: expect.any(String),
        note: "damaged",
        lineItems: [{ lineItemId: order.cap, sku: "CAP", quantity: 1, restockType: "CANCEL" }],
        amount: "10.0",
        shipping: "0.0",
      });
      // Restocked by default, as the admin's box is checked.
      expect(await stock(order.capVariant)).toBe(3);
      const webhook = await app.next("refunds/create");
      expect(await verify(webhook)).toBe(true);
      expect(refundBody(webhook)).toMatchObject({
        admin_graphql_api_id: part.refund.id,
        note: "damaged",
        restock: true,
        refund_line_items: [
          expect.objectContaining({ quantity: 1, restock_type: "cancel", subtotal: "10.00" }),
        ],
        transactions: [
          expect.objectContaining({ kind: "refund", amount: "10.00", parent_id: numericId(order.sale) }),
        ],
      });

      // One tee shipped: refunding both puts them back as a return.
      await control().fulfill(SHOP, order.id, {
        trackingCompany: "UPS",
        trackingNumber: "1Z",
        lineItems: [{ sku: "TEE", quantity: 1 }],
      });
      const rest = await control().refund(SHOP, order.id);
      expect(rest.refund).toMatchObject({
        lineItems: [{ sku: "TEE", quantity: 2, restockType: "RETURN" }],
        amount: "45.0",
        shipping: "5.0",
      });
      expect(await stock(order.teeVariant)).toBe(5);
      const snapshot = await control().getOrder(SHOP, order.id);
      expect(snapshot).toMatchObject({
        financialStatus: "REFUNDED",
        totalRefunded: "55.0",
        outstanding: "0.0",
      });
      expect(snapshot.refunds.map((entry) => [entry.note, entry.amount])).toEqual([
        ["damaged", "10.0"],
        [null, "45.0"],
      ]);
      await expect(control().refund(SHOP, order.id)).rejects.toThrow(
        /\(422\): Order #1001 has nothing left to refund/,
      );
    });

    it("refuses an SKU the order lacks and more units than are left, refunding nothing", async () => {
      const order = await createPaidOrder();
      await expect(
        control().refund(SHOP, order.id, { lineItems: [{ sku: "HAT", quantity: 1 }] }),
      ).rejects.toThrow(/\(422\): Order #1001 has no line item with SKU HAT/);
      await expect(
        control().refund(SHOP, order.id, { lineItems: [{ sku: "TEE", quantity: 3, restock: false }] }),
      ).rejects.toThrow(/\(422\): Order #1001 has 2 unit\(s\) of SKU TEE left to refund, not 3/);
      await expect(control().refund(SHOP, 999_999)).rejects.toThrow(/\(404\)/);
      const snapshot = await control().getOrder(SHOP, order.id);
      expect(snapshot).toMatchObject({ financialStatus: "PAID", refunds: [], totalRefunded: "0.0" });
      expect(app.received).toEqual([]);
    });

    it("refunds the money of an order cancelled without a refund", async () => {
      const order = await createPaidOrder();
      await control().cancelOrder(SHOP, order.id, { refund: false });
      const { refund: made } = await control().refund(SHOP, order.id);
      expect(made).toMatchObject({ lineItems: [], amount: "55.0", shipping: "5.0" });
      expect((await read(order.id)).displayFinancialStatus).toBe("REFUNDED");
    });
  });
});

describe("orderCancel", () => {
  const app = useFakeApp();
  const { graphql, standin } = useStandin({}, () => ({ app: { ...APP, url: app.url() } }));

  const ORDER_CANCEL = `#graphql
    mutation Cancel($orderId: ID!, $refund: Boolean!) {
      orderCancel(orderId: $orderId, reason: CUSTOMER, restock: true, refund: $refund, notifyCustomer: false) {
        job { id done }
        orderCancelUserErrors { field message code }
      }
    }`;

  it("sends orders/cancelled for the app's own cancel, and a refunding cancel records its refund", async () => {
    const variantId = await seedVariant(standin(), { sku: "MUG", price: "12.00", inventory: 4 });
    const { body } = await graphql(ORDER_CREATE, {
      order: {
        lineItems: [{ variantId, quantity: 2 }],
        transactions: [{ kind: "SALE", amountSet: usd("24.00") }],
      },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    const orderId: string = body.data.orderCreate.order.id;
    const cancelled = await graphql(ORDER_CANCEL, { orderId, refund: true });
    expect(cancelled.body.data.orderCancel.orderCancelUserErrors).toEqual([]);

    const webhook = await app.next("orders/cancelled");
    expect(await verify(webhook)).toBe(true);
    expect(webhook.headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(webhook.payload as RestOrder).toMatchObject({
      id: numericId(orderId),
      admin_graphql_api_id: orderId,
      cancel_reason: "customer",
      financial_status: "refunded",
      total_refunded: "24.00",
      current_total_price: "0.00",
    });
    expect((webhook.payload as RestOrder).cancelled_at).toEqual(expect.any(String));

    const { body: read } = await graphql(
      `
        #graphql
        query Read($id: ID!) {
          order(id: $id) {
            displayFinancialStatus
            totalRefundedSet {
              shopMoney {
                amount
              }
            }
            refunds(first: 2) {
              refundLineItems(first: 2) {
                nodes {
                  quantity
                  restockType
                }
              }
            }
          }
        }
      `,
      { id: orderId },
    );
    expect(read.data.order).toEqual({
      displayFinancialStatus: "REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "24.0" } },
      refunds: [{ refundLineItems: { nodes: [{ quantity: 2, restockType: "CANCEL" }] } }],
    });
    // The cancel's restock gave the stock back once.
    expect((await standin().control.getVariant(SHOP, variantId)).inventoryQuantity).toBe(4);

    // A refused cancel sends nothing.
    const again = await graphql(ORDER_CANCEL, { orderId, refund: false });
    expect(again.body.data.orderCancel.orderCancelUserErrors).toEqual([
      { field: ["orderId"], message: "Order has already been cancelled", code: "INVALID" },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.received.filter((received) => received.topic === "orders/cancelled")).toHaveLength(1);
  });
});

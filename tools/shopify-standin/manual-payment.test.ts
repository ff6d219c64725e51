import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const ORDER_FIELDS = `
  id displayFinancialStatus fullyPaid unpaid
  totalOutstandingSet { shopMoney { amount currencyCode } }
  totalReceivedSet { shopMoney { amount } }
  transactions(first: 5) {
    __typename kind status gateway formattedGateway manualPaymentGateway processedAt test
    amountSet { shopMoney { amount currencyCode } }
  }`;

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { ${ORDER_FIELDS} } userErrors { field message code } }
  }`;

const MANUAL_PAYMENT = `#graphql
  mutation Pay($id: ID!, $amount: MoneyInput, $paymentMethodName: String, $processedAt: DateTime) {
    orderCreateManualPayment(
      id: $id, amount: $amount, paymentMethodName: $paymentMethodName, processedAt: $processedAt
    ) {
      order { ${ORDER_FIELDS} }
      userErrors { field message code }
    }
  }`;

const myr = (amount: string) => ({ shopMoney: { amount, currencyCode: "MYR" } });
const COD = "Cash on Delivery (COD)";
const DELIVERED_AT = "2026-03-02T08:15:00Z";

describe("orderCreateManualPayment", () => {
  const { graphql, standin, control } = useStandin({ currencyCode: "MYR" });
  const createOrder = async (order: Record<string, unknown> = {}) => {
    const variantId = await seedVariant(standin(), { sku: "COD", price: "30.00" });
    const { body } = await graphql(ORDER_CREATE, {
      order: { currency: "MYR", lineItems: [{ variantId, quantity: 2 }], ...order },
    });
    expect(body.data.orderCreate.userErrors).toEqual([]);
    return body.data.orderCreate.order;
  };
  const pay = async (variables: Record<string, unknown>) =>
    (await graphql(MANUAL_PAYMENT, variables)).body.data.orderCreateManualPayment;

  it("leaves a PENDING order without transactions its whole total outstanding", async () => {
    const order = await createOrder({ financialStatus: "PENDING" });
    expect(order).toMatchObject({
      displayFinancialStatus: "PENDING",
      fullyPaid: false,
      unpaid: true,
      totalOutstandingSet: { shopMoney: { amount: "60.0", currencyCode: "MYR" } },
      totalReceivedSet: { shopMoney: { amount: "0.0" } },
      transactions: [],
    });
  });

  it("records the payment under the named method at its time, and the order becomes PAID", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    const result = await pay({ id, paymentMethodName: COD, processedAt: DELIVERED_AT });
    expect(result.userErrors).toEqual([]);
    expect(result.order).toMatchObject({
      id,
      displayFinancialStatus: "PAID",
      fullyPaid: true,
      unpaid: false,
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
      totalReceivedSet: { shopMoney: { amount: "60.0" } },
      transactions: [
        {
          __typename: "OrderTransaction",
          kind: "SALE",
          status: "SUCCESS",
          gateway: COD,
          formattedGateway: COD,
          manualPaymentGateway: true,
          processedAt: DELIVERED_AT,
          test: false,
          amountSet: { shopMoney: { amount: "60.0", currencyCode: "MYR" } },
        },
      ],
    });
    const [snapshot] = await control().listOrders(SHOP);
    expect(snapshot).toMatchObject({
      financialStatus: "PAID",
      outstanding: "0.0",
      transactions: [
        {
          id: expect.stringMatching(/^gid:\/\/shopify\/OrderTransaction\/\d+$/),
          kind: "SALE",
          status: "SUCCESS",
          gateway: COD,
          amount: "60.0",
          processedAt: DELIVERED_AT,
          manual: true,
        },
      ],
    });
  });

  it("pays part of the balance, then defaults to the rest under Other", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    const part = await pay({ id, amount: { amount: "25.5", currencyCode: "MYR" } });
    expect(part.order).toMatchObject({
      displayFinancialStatus: "PARTIALLY_PAID",
      totalOutstandingSet: { shopMoney: { amount: "34.5" } },
    });
    const rest = await pay({ id });
    expect(rest.userErrors).toEqual([]);
    expect(rest.order.displayFinancialStatus).toBe("PAID");
    expect(rest.order.transactions.at(-1)).toMatchObject({
      gateway: "manual",
      formattedGateway: "Other",
      amountSet: { shopMoney: { amount: "34.5" } },
    });
  });

  it("refuses a second payment on a paid order with AMOUNT_EXCEEDS_BALANCE and changes nothing", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    await pay({ id, paymentMethodName: COD, processedAt: DELIVERED_AT });
    const before = await control().listOrders(SHOP);
    const again = await pay({ id, paymentMethodName: COD, processedAt: DELIVERED_AT });
    expect(again).toEqual({
      order: null,
      userErrors: [
        { field: ["amount"], message: "Order has no outstanding balance", code: "AMOUNT_EXCEEDS_BALANCE" },
      ],
    });
    const more = await pay({ id, amount: { amount: "0.01", currencyCode: "MYR" } });
    expect(more.userErrors).toMatchObject([{ code: "AMOUNT_EXCEEDS_BALANCE" }]);
    expect(await control().listOrders(SHOP)).toEqual(before);
  });

  it("refuses more than the balance, and any payment on a cancelled order", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    expect((await pay({ id, amount: { amount: "60.01", currencyCode: "MYR" } })).userErrors).toEqual([
      {
        field: ["amount", "amount"],
        message: "Amount exceeds the outstanding balance",
        code: "AMOUNT_EXCEEDS_BALANCE",
      },
    ]);
    await graphql(
      `
        mutation Cancel($id: ID!) {
          orderCancel(orderId: $id, reason: CUSTOMER, restock: false) {
            orderCancelUserErrors {
              code
            }
          }
        }
      `,
      { id },
    );
    expect((await pay({ id })).userErrors).toEqual([
      { field: ["amount"], message: "Order has no outstanding balance", code: "AMOUNT_EXCEEDS_BALANCE" },
    ]);
    const [snapshot] = await control().listOrders(SHOP);
    expect(snapshot).toMatchObject({ financialStatus: "VOIDED", outstanding: "0.0", transactions: [] });
  });

  it("answers ORDER_NOT_FOUND for an unknown order", async () => {
    expect(await pay({ id: "gid://shopify/Order/999999" })).toEqual({
      order: null,
      userErrors: [{ field: ["id"], message: "Order does not exist", code: "ORDER_NOT_FOUND" }],
    });
  });

  it("refuses a processedAt in the future, another currency, and an amount that is not positive", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await pay({ id, processedAt: tomorrow })).userErrors).toEqual([
      { field: ["processedAt"], message: "Processed at is invalid", code: "PROCESSED_AT_INVALID" },
    ]);
    expect((await pay({ id, amount: { amount: "60.0", currencyCode: "USD" } })).userErrors).toEqual([
      {
        field: ["amount", "currencyCode"],
        message: "Currency must match the order's presentment currency (MYR)",
        code: "CURRENCY_MISMATCH",
      },
    ]);
    expect((await pay({ id, amount: { amount: "0", currencyCode: "MYR" } })).userErrors).toEqual([
      { field: ["amount", "amount"], message: "Amount must be greater than 0", code: "AMOUNT_NOT_POSITIVE" },
    ]);
    expect((await control().listOrders(SHOP))[0]).toMatchObject({
      financialStatus: "PENDING",
      outstanding: "60.0",
      transactions: [],
    });
  });

  it("lists the sale an order was created with under transactions", async () => {
    const order = await createOrder({
      financialStatus: "PAID",
      transactions: [
        {
          kind: "SALE",
          gateway: "TikTok Shop",
          amountSet: myr("60.00"),
          processedAt: "2026-03-01T10:00:00Z",
        },
      ],
    });
    expect(order).toMatchObject({
      displayFinancialStatus: "PAID",
      totalOutstandingSet: { shopMoney: { amount: "0.0" } },
      transactions: [
        {
          kind: "SALE",
          status: "SUCCESS",
          gateway: "TikTok Shop",
          formattedGateway: "TikTok Shop",
          manualPaymentGateway: false,
          processedAt: "2026-03-01T10:00:00Z",
          amountSet: { shopMoney: { amount: "60.0", currencyCode: "MYR" } },
        },
      ],
    });
    expect((await pay({ id: order.id })).userErrors).toMatchObject([{ code: "AMOUNT_EXCEEDS_BALANCE" }]);
  });

  it("honours transactions(first:) and refuses manuallyResolvable", async () => {
    const { id } = await createOrder({ financialStatus: "PENDING" });
    await pay({ id, amount: { amount: "10", currencyCode: "MYR" } });
    await pay({ id, amount: { amount: "10", currencyCode: "MYR" } });
    const list = async (args: string) =>
      (
        await graphql(
          `query Order($id: ID!) { order(id: $id) { transactions${args} { amountSet { shopMoney { amount } } } } }`,
          { id },
        )
      ).body;
    expect((await list("")).data.order.transactions).toHaveLength(2);
    expect((await list("(first: 1)")).data.order.transactions).toHaveLength(1);
    expect((await list("(manuallyResolvable: true)")).errors).toMatchObject([
      { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const BAG = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }";
const ORDER_FIELDS = `
  id currencyCode presentmentCurrencyCode displayFinancialStatus
  totalPriceSet { ${BAG} }
  subtotalPriceSet { ${BAG} }
  totalDiscountsSet { ${BAG} }
  totalShippingPriceSet { ${BAG} }
  totalTaxSet { ${BAG} }
  totalOutstandingSet { ${BAG} }
  totalReceivedSet { ${BAG} }
  lineItems(first: 5) { nodes { originalUnitPriceSet { ${BAG} } taxLines { priceSet { ${BAG} } } } }
  shippingLines(first: 5) { nodes { originalPriceSet { ${BAG} } } }
  transactions(first: 5) { gateway amountSet { ${BAG} } }`;

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { ${ORDER_FIELDS} } userErrors { field message code } }
  }`;

const MANUAL_PAYMENT = `#graphql
  mutation Pay($id: ID!, $amount: MoneyInput, $paymentMethodName: String) {
    orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName) {
      order { ${ORDER_FIELDS} }
      userErrors { field message code }
    }
  }`;

/** An amount in the shop's dollars and the buyer's pounds, as a MoneyBagInput and as a MoneyBag. */
const both = (usd: string, gbp: string) => ({
  shopMoney: { amount: usd, currencyCode: "USD" },
  presentmentMoney: { amount: gbp, currencyCode: "GBP" },
});

describe("an order presented in another currency than the shop's", () => {
  const { graphql, standin, control } = useStandin({ currencyCode: "USD" });
  const create = async (order: Record<string, unknown>) =>
    (await graphql(ORDER_CREATE, { order })).body.data.orderCreate;
  // A UK buyer's order in a US shop, at 1 GBP = 1.27 USD: 2 × 19.99 − 4.00 + 3.99 shipping + 0.67 tax.
  const ukOrder = async (order: Record<string, unknown> = {}) => {
    const variantId = await seedVariant(standin(), { sku: "SERUM", price: "25.00" });
    return {
      currency: "USD",
      presentmentCurrency: "GBP",
      lineItems: [{ variantId, quantity: 2, priceSet: both("25.39", "19.99") }],
      discountCode: { itemFixedDiscountCode: { code: "TIKTOK-SHOP", amountSet: both("5.08", "4.00") } },
      shippingLines: [
        {
          title: "Standard",
          priceSet: both("5.07", "3.99"),
          taxLines: [{ title: "Shipping tax", rate: 0.1679, priceSet: both("0.85", "0.67") }],
        },
      ],
      ...order,
    };
  };

  it("keeps both monies and answers each in its currency", async () => {
    const result = await create(
      await ukOrder({
        transactions: [{ kind: "SALE", gateway: "TikTok Shop", amountSet: both("51.61", "40.64") }],
      }),
    );

    expect(result.userErrors).toEqual([]);
    expect(result.order).toMatchObject({
      currencyCode: "USD",
      presentmentCurrencyCode: "GBP",
      displayFinancialStatus: "PAID",
      subtotalPriceSet: both("45.7", "35.98"),
      totalDiscountsSet: both("5.08", "4.0"),
      totalShippingPriceSet: both("5.07", "3.99"),
      totalTaxSet: both("0.85", "0.67"),
      totalPriceSet: both("51.62", "40.64"),
      totalReceivedSet: both("51.61", "40.64"),
      // Paid in full in the buyer's currency: nothing is owed in the shop's either, whatever its rounding.
      totalOutstandingSet: both("0.0", "0.0"),
      lineItems: {
        nodes: [{ originalUnitPriceSet: both("25.39", "19.99"), taxLines: [] }],
      },
      shippingLines: { nodes: [{ originalPriceSet: both("5.07", "3.99") }] },
      transactions: [{ gateway: "TikTok Shop", amountSet: both("51.61", "40.64") }],
    });
    const [snapshot] = await control().listOrders(SHOP);
    expect(snapshot).toMatchObject({
      currencyCode: "USD",
      presentmentCurrencyCode: "GBP",
      presentmentTotal: "40.64",
      totals: { total: "51.62" },
      transactions: [{ amount: "51.61", presentmentAmount: "40.64" }],
    });
  });

  it("takes a manual payment in the presentment currency, converted at the order's rate", async () => {
    const { id } = (await create(await ukOrder({ financialStatus: "PENDING" }))).order;
    const pay = async (variables: Record<string, unknown>) =>
      (await graphql(MANUAL_PAYMENT, { id, ...variables })).body.data.orderCreateManualPayment;

    expect((await pay({ amount: { amount: "40.64", currencyCode: "USD" } })).userErrors).toEqual([
      {
        field: ["amount", "currencyCode"],
        message: "Currency must match the order's presentment currency (GBP)",
        code: "CURRENCY_MISMATCH",
      },
    ]);
    const part = await pay({ amount: { amount: "20.32", currencyCode: "GBP" } });
    expect(part.userErrors).toEqual([]);
    expect(part.order).toMatchObject({
      displayFinancialStatus: "PARTIALLY_PAID",
      totalOutstandingSet: both("25.81", "20.32"),
    });
    const rest = await pay({ paymentMethodName: "Cash on Delivery (COD)" });
    expect(rest.userErrors).toEqual([]);
    expect(rest.order).toMatchObject({
      displayFinancialStatus: "PAID",
      totalOutstandingSet: both("0.0", "0.0"),
      totalReceivedSet: both("51.62", "40.64"),
      transactions: [
        { gateway: "manual", amountSet: both("25.81", "20.32") },
        { gateway: "Cash on Delivery (COD)", amountSet: both("25.81", "20.32") },
      ],
    });
  });

  it("refuses money in a currency other than the order's, naming where", async () => {
    const order = await ukOrder();
    const result = await create({
      ...order,
      lineItems: [
        {
          ...order.lineItems[0],
          priceSet: {
            shopMoney: { amount: "19.99", currencyCode: "GBP" },
            presentmentMoney: { amount: "23.20", currencyCode: "EUR" },
          },
        },
      ],
      transactions: [{ kind: "SALE", amountSet: { shopMoney: { amount: "40.64", currencyCode: "GBP" } } }],
    });
    expect(result).toEqual({
      order: null,
      userErrors: [
        {
          field: ["order", "lineItems", "0", "priceSet", "shopMoney", "currencyCode"],
          message: "Currency must match the order's currency (USD)",
          code: "INVALID",
        },
        {
          field: ["order", "lineItems", "0", "priceSet", "presentmentMoney", "currencyCode"],
          message: "Currency must match the order's presentment currency (GBP)",
          code: "INVALID",
        },
        {
          field: ["order", "transactions", "0", "amountSet", "shopMoney", "currencyCode"],
          message: "Currency must match the order's currency (USD)",
          code: "INVALID",
        },
      ],
    });
    expect(await control().listOrders(SHOP)).toEqual([]);
  });

  it("refuses presentment money in another currency when the order names no presentment currency", async () => {
    const result = await create(await ukOrder({ presentmentCurrency: undefined }));
    expect(result.order).toBeNull();
    expect(result.userErrors).toContainEqual({
      field: ["order", "shippingLines", "0", "taxLines", "0", "priceSet", "presentmentMoney", "currencyCode"],
      message: "Currency must match the order's presentment currency (USD)",
      code: "INVALID",
    });
    expect(result.userErrors).toHaveLength(4);
  });
});

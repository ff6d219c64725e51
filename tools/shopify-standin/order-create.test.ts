import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order {
        id name sourceName sourceIdentifier tags displayFinancialStatus
        totalPriceSet { shopMoney { amount currencyCode } }
        currentTotalPriceSet { shopMoney { amount currencyCode } }
        subtotalPriceSet { shopMoney { amount } }
        totalDiscountsSet { shopMoney { amount } }
        totalShippingPriceSet { shopMoney { amount } }
        totalTaxSet { shopMoney { amount } }
        lineItems(first: 10) { nodes { sku quantity variant { id } originalUnitPriceSet { shopMoney { amount } } } }
      }
      userErrors { field message code }
    }
  }`;

const myr = (amount: string) => ({ shopMoney: { amount, currencyCode: "MYR" } });

describe("orderCreate", () => {
  const { graphql, standin, control } = useStandin({ currencyCode: "MYR" });
  const create = async (order: Record<string, unknown>, options?: Record<string, unknown>) =>
    (await graphql(ORDER_CREATE, { order, options })).body.data.orderCreate;

  it("creates the order and totals it from lines × quantity − discount + shipping + taxes", async () => {
    const tee = await seedVariant(standin(), { sku: "TEE", price: "30.00", inventory: 10 });
    const cap = await seedVariant(standin(), { sku: "CAP", price: "10.00", inventory: 10 });
    const result = await create({
      currency: "MYR",
      sourceName: "tiktok",
      sourceIdentifier: "577086512345678901",
      tags: ["TikTok", "tiktok-sync"],
      lineItems: [
        {
          variantId: tee,
          quantity: 2,
          priceSet: myr("25.90"),
          taxLines: [{ title: "SST", rate: 0.06, priceSet: myr("3.41") }],
        },
        { variantId: cap, quantity: 1 },
      ],
      discountCode: { itemFixedDiscountCode: { code: "TIKTOK-SELLER", amountSet: myr("5.00") } },
      shippingLines: [{ title: "Standard", priceSet: myr("4.90"), taxLines: [{ title: "SST", rate: 0.06 }] }],
      financialStatus: "PAID",
    });
    expect(result.userErrors).toEqual([]);
    expect(result.order).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
      name: "#1001",
      sourceName: "tiktok",
      sourceIdentifier: "577086512345678901",
      tags: ["TikTok", "tiktok-sync"],
      displayFinancialStatus: "PAID",
      subtotalPriceSet: { shopMoney: { amount: "56.8" } },
      totalDiscountsSet: { shopMoney: { amount: "5.0" } },
      totalShippingPriceSet: { shopMoney: { amount: "4.9" } },
      totalTaxSet: { shopMoney: { amount: "3.7" } },
      totalPriceSet: { shopMoney: { amount: "65.4", currencyCode: "MYR" } },
      currentTotalPriceSet: { shopMoney: { amount: "65.4", currencyCode: "MYR" } },
    });
    expect(result.order.lineItems.nodes).toEqual([
      {
        sku: "TEE",
        quantity: 2,
        variant: { id: tee },
        originalUnitPriceSet: { shopMoney: { amount: "25.9" } },
      },
      {
        sku: "CAP",
        quantity: 1,
        variant: { id: cap },
        originalUnitPriceSet: { shopMoney: { amount: "10.0" } },
      },
    ]);
  });

  it("numbers orders from #1001 and keeps a name given in the input", async () => {
    const variantId = await seedVariant(standin(), { sku: "NUM" });
    expect((await create({ lineItems: [{ variantId, quantity: 1 }] })).order.name).toBe("#1001");
    expect((await create({ name: "TT-577", lineItems: [{ variantId, quantity: 1 }] })).order.name).toBe(
      "TT-577",
    );
    expect((await create({ lineItems: [{ variantId, quantity: 1 }] })).order.name).toBe("#1003");
  });

  it("refuses with INVENTORY_CLAIM_FAILED when a DENY variant lacks the stock under DECREMENT_OBEYING_POLICY", async () => {
    const variantId = await seedVariant(standin(), {
      sku: "LAST-ONE",
      inventory: 1,
      inventoryPolicy: "DENY",
    });
    const result = await create(
      {
        lineItems: [
          { variantId, quantity: 1 },
          { variantId, quantity: 1 },
        ],
      },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    expect(result).toEqual({
      order: null,
      userErrors: [
        {
          field: ["order", "lineItems"],
          message: "Line items Unable to reserve inventory",
          code: "INVENTORY_CLAIM_FAILED",
        },
      ],
    });
    expect((await control().getVariant(SHOP, variantId)).inventoryQuantity).toBe(1);
    expect(await control().listOrders(SHOP)).toEqual([]);
  });

  it("decrements stock under DECREMENT_*, oversells CONTINUE variants, and leaves stock alone under BYPASS", async () => {
    const deny = await seedVariant(standin(), { sku: "DENY", inventory: 3, inventoryPolicy: "DENY" });
    const cont = await seedVariant(standin(), { sku: "CONT", inventory: 0, inventoryPolicy: "CONTINUE" });
    const untracked = await seedVariant(standin(), { sku: "FREE", inventory: 0, tracked: false });
    const lines = [
      { variantId: deny, quantity: 2 },
      { variantId: cont, quantity: 1 },
      { variantId: untracked, quantity: 5 },
    ];
    expect(
      (await create({ lineItems: lines }, { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" })).userErrors,
    ).toEqual([]);
    expect((await create({ lineItems: lines })).userErrors).toEqual([]);
    const quantities = async () =>
      Promise.all(
        [deny, cont, untracked].map(async (id) => (await control().getVariant(SHOP, id)).inventoryQuantity),
      );
    expect(await quantities()).toEqual([1, -1, 0]);
    expect(
      (await create({ lineItems: lines }, { inventoryBehaviour: "DECREMENT_IGNORING_POLICY" })).userErrors,
    ).toEqual([]);
    expect(await quantities()).toEqual([-1, -2, 0]);
  });

  it("answers code INVALID for missing stock on a shop set to the observed refusal", async () => {
    await control().deleteShop(SHOP);
    await control().createShop({ domain: SHOP, acceptAnyToken: true, stockRefusal: "observed" });
    const variantId = await seedVariant(standin(), { sku: "NONE", inventory: 0 });
    const result = await create(
      { lineItems: [{ variantId, quantity: 1 }] },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    expect(result.userErrors).toEqual([
      { field: ["order", "lineItems"], message: "Line items Unable to reserve inventory", code: "INVALID" },
    ]);
  });

  it("refuses TikTok's masked phone with 'Phone is invalid' on the shipping address", async () => {
    const variantId = await seedVariant(standin(), { sku: "MASK" });
    const result = await create({
      lineItems: [{ variantId, quantity: 1 }],
      shippingAddress: {
        firstName: "A***",
        address1: "Jalan 1",
        city: "Kuala Lumpur",
        countryCode: "MY",
        zip: "50450",
        phone: "(+60)113*****36",
      },
    });
    expect(result).toEqual({
      order: null,
      userErrors: [
        { field: ["order", "shippingAddress", "phone"], message: "Phone is invalid", code: "INVALID" },
      ],
    });
  });

  it("names every field it refuses: email, country, US zip, unknown variant, empty order", async () => {
    const result = await create({
      email: "not-an-email",
      lineItems: [{ variantId: "gid://shopify/ProductVariant/999999", quantity: 1 }],
      shippingAddress: { address1: "1 Main St", city: "Austin", countryCode: "US", zip: "7870" },
      billingAddress: { address1: "1 Main St", city: "Austin" },
    });
    expect(result.order).toBeNull();
    expect(result.userErrors).toEqual([
      { field: ["order", "lineItems", "0", "variantId"], message: "Variant not found", code: "INVALID" },
      { field: ["order", "email"], message: "Email is invalid", code: "INVALID" },
      { field: ["order", "shippingAddress", "zip"], message: "Zip is invalid", code: "INVALID" },
      {
        field: ["order", "billingAddress", "countryCode"],
        message: "Country code can't be blank",
        code: "INVALID",
      },
    ]);
    expect((await create({ lineItems: [] })).userErrors).toEqual([
      {
        field: ["order", "lineItems"],
        message: "Line items must have at least one line item",
        code: "INVALID",
      },
    ]);
  });
});

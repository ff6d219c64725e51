import { describe, expect, it } from "vitest";
import { seedVariant, useStandin } from "./testing";

// Shopify's calculated query cost, read back from extensions.cost.requestedQueryCost. The documented
// examples follow shopify.dev's rules; the observed ones are costs real stores answered.
describe("calculated query cost", () => {
  const { graphql, standin, control } = useStandin({ bucket: { maximumAvailable: 1000, restoreRate: 0 } });
  const requested = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await graphql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.extensions.cost.requestedQueryCost as number;
  };

  it("charges 1 for an object and nothing for its scalars", async () => {
    expect(await requested("{ shop { id name currencyCode myshopifyDomain } }")).toBe(1);
  });

  it("charges a connection 2 plus one point per object asked for", async () => {
    expect(
      await requested(
        "{ products(first: 5) { edges { cursor node { id title } } pageInfo { hasNextPage } } }",
      ),
    ).toBe(7);
    expect(await requested("{ orders(last: 3) { nodes { id name } } }")).toBe(5);
  });

  it("multiplies nested connections through their parent's page size", async () => {
    const query = "{ products(first: 10) { nodes { id variants(first: 5) { nodes { id sku } } } } }";
    expect(await requested(query)).toBe(2 + 10 * (1 + 2 + 5 * 1));
  });

  it("prices the documented example that real stores charge 25 for at 503", async () => {
    const query = `query Variants($id: ID!) {
      product(id: $id) { variants(first: 250) { nodes { inventoryItem { id tracked } } } }
    }`;
    expect(await requested(query, { id: "gid://shopify/Product/1" })).toBe(1 + 2 + 250 * 2);
  });

  it("charges 10 for a mutation whatever it selects", async () => {
    const variantId = await seedVariant(standin(), { sku: "COST-1", price: "5.00" });
    const { body } = await graphql(
      `
        mutation Create($order: OrderCreateOrderInput!) {
          orderCreate(order: $order) {
            order {
              id
              lineItems(first: 5) {
                nodes {
                  id
                }
              }
            }
            userErrors {
              field
              message
            }
          }
        }
      `,
      { order: { lineItems: [{ variantId, quantity: 1 }] } },
    );
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });

  it("prices an interface at its most expensive possible selection", async () => {
    const query = `{ nodes(ids: ["gid://shopify/ProductVariant/1"]) {
      id ... on ProductVariant { product { id } inventoryItem { id } } ... on Order { id }
    } }`;
    expect(await requested(query)).toBe(1 + 2);
  });

  it("charges the actual cost of what came back and refunds the rest", async () => {
    await seedVariant(standin(), { sku: "COST-2" });
    const { body } = await graphql("{ products(first: 50) { nodes { id title } } }");
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 52,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 997, restoreRate: 0 },
    });
  });

  it("refuses a query above 1000 points with MAX_COST_EXCEEDED and no cost extension", async () => {
    const { status, body } = await graphql(
      "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }",
    );
    expect(status).toBe(200);
    expect(body.extensions).toBeUndefined();
    expect(body.errors[0].message).toMatch(
      /^Query cost is 63252, which exceeds the single query max cost limit \(1000\)\./,
    );
    expect(body.errors[0].extensions).toEqual({
      code: "MAX_COST_EXCEEDED",
      cost: 63252,
      maxCost: 1000,
      documentation: "https://shopify.dev/api/usage/rate-limits",
    });
    expect((await control().getShop("test-shop.myshopify.com")).throttleStatus.currentlyAvailable).toBe(1000);
  });
});

describe("calculated query cost as real stores charge it", () => {
  const { graphql } = useStandin({
    costModel: "observed",
    bucket: { maximumAvailable: 2000, restoreRate: 0 },
  });
  const requested = async (query: string) => (await graphql(query)).body.extensions.cost.requestedQueryCost;

  it("scales page sizes logarithmically like the measured 13 and 156 point order pages", async () => {
    expect(await requested("{ orders(first: 250) { nodes { id name createdAt } } }")).toBe(13);
    expect(
      await requested("{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }"),
    ).toBe(156);
  });

  it("answers 25 for the product variants example", async () => {
    const query =
      '{ product(id: "gid://shopify/Product/1") { variants(first: 250) { nodes { inventoryItem { id tracked } } } } }';
    expect(await requested(query)).toBe(25);
  });
});

import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { adminGraphQL } from "./control/client";
import { SHOP, TOKEN, useStandin } from "./testing";

describe("requests Shopify refuses", () => {
  const { graphql, standin } = useStandin();

  it("answers a field the schema lacks with Shopify's undefinedField error", async () => {
    const { status, body } = await graphql(
      "query Lookup {\n  shop { name }\n  ordrs(first: 1) { nodes { id } }\n}",
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'ordrs' doesn't exist on type 'QueryRoot'",
          locations: [{ line: 3, column: 3 }],
          path: ["query Lookup", "ordrs"],
          extensions: { code: "undefinedField", typeName: "QueryRoot", fieldName: "ordrs" },
        },
      ],
    });
  });

  it("names a missing required argument", async () => {
    const { body } = await graphql("mutation { orderCreate { userErrors { message } } }");
    expect(body.errors[0]).toMatchObject({
      message: "Field 'orderCreate' is missing required arguments: order",
      path: ["mutation", "orderCreate"],
      extensions: { code: "missingRequiredArguments" },
    });
  });

  it("refuses variables that don't fit their type with INVALID_VARIABLE and each problem's path", async () => {
    const { body } = await graphql(
      "mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { userErrors { message } } }",
      { order: { lineItems: [{ title: "Tee" }], currency: "XXY" } },
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({
      message: expect.stringMatching(
        /^Variable \$order of type OrderCreateOrderInput! was provided invalid value for .*lineItems\.0\.quantity \(Expected value to not be null\)/,
      ),
      locations: [{ line: 1, column: 17 }],
      extensions: {
        code: "INVALID_VARIABLE",
        value: { lineItems: [{ title: "Tee" }], currency: "XXY" },
        problems: expect.arrayContaining([
          { path: ["lineItems", 0, "quantity"], explanation: "Expected value to not be null" },
          { path: ["currency"], explanation: expect.stringMatching(/^Expected "XXY" to be one of: AED, /) },
        ]),
      },
    });
  });

  it("answers a syntax error without executing anything", async () => {
    const { status, body } = await graphql("{ shop { name }");
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: "Unexpected end of document",
      locations: [{ line: 1, column: 16 }],
    });
  });

  it("refuses a real Admin field the stand-in does not serve, clearly and before charging", async () => {
    const { body } = await graphql("{ customers(first: 1) { nodes { id } } shop { name } }");
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: "Field 'customers' is not supported by the Shopify Admin stand-in",
      extensions: { code: "NOT_SUPPORTED_BY_STANDIN" },
    });
  });

  it("answers 401 with Shopify's message without an access token or with an unknown one", async () => {
    for (const token of ["", "shpat_wrong"]) {
      const { status, body } = await graphql("{ shop { name } }", undefined, token);
      expect(status).toBe(401);
      expect(body).toEqual({
        errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
      });
    }
  });

  it("answers 404 for an API version other than the pinned one and for an unknown shop", async () => {
    const url = standin().url;
    const query = "{ shop { name } }";
    const otherVersion = await adminGraphQL(`${url}/shops/${SHOP}/admin/api/2025-01/graphql.json`, {
      token: TOKEN,
      query,
    });
    expect(otherVersion).toEqual({ status: 404, body: { errors: "Not Found" } });
    const unknownShop = await adminGraphQL(standin().control.adminUrl("nobody.myshopify.com"), {
      token: TOKEN,
      query,
    });
    expect(unknownShop.status).toBe(404);
  });

  it("finds the shop from X-Shopify-Shop-Domain on the plain Admin path", async () => {
    const url = `${standin().url}/admin/api/2026-10/graphql.json`;
    const headers = { "x-shopify-shop-domain": SHOP };
    const { status, body } = await adminGraphQL(url, {
      token: TOKEN,
      query: "{ shop { myshopifyDomain } }",
      headers,
    });
    expect(status).toBe(200);
    expect(body.data.shop.myshopifyDomain).toBe(SHOP);
  });

  it("finds the shop from the Host header on the plain Admin path", async () => {
    // fetch won't send a Host of our choosing; node:http will.
    const body = JSON.stringify({ query: "{ shop { myshopifyDomain } }" });
    const answer = await new Promise<{ status?: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        `${standin().url}/admin/api/2026-10/graphql.json`,
        {
          method: "POST",
          headers: {
            host: `${SHOP}:443`,
            "content-type": "application/json",
            "x-shopify-access-token": TOKEN,
          },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode, text }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.shop.myshopifyDomain).toBe(SHOP);
  });
});

import { getVariableValues, parse, validate, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import { buildMappingContext } from "./factories/sync-context";
import { buildTikTokOrder } from "./factories/tiktok-order";
import { toOrderCreateInput } from "../app/sync/mapping";
import { orderCreateInputErrors } from "./order-input-validation";

const ORDER_CREATE = parse(`#graphql
  mutation OrderCreateCheck($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) { order { id } userErrors { field message } }
  }
`);

function mappedOrder() {
  const order = buildTikTokOrder();
  const result = toOrderCreateInput(order, buildMappingContext(order));
  if (!result.ok) throw new Error(result.failure.message);
  return { order: result.order, options: result.options };
}

describe("validating an orderCreate input against Shopify's schema", () => {
  it("accepts the mapper's output as the variables of an orderCreate mutation", () => {
    const schema = loadAdminSchema();
    expect(validate(schema, ORDER_CREATE)).toEqual([]);
    const operation = ORDER_CREATE.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], mappedOrder());
    expect(coerced.errors).toBeUndefined();
  });

  it("reports an unknown field, a missing required one and a currency outside the enum", () => {
    const input = mappedOrder();
    const broken = {
      order: {
        ...input.order,
        currency: "XYZ",
        quantity: 3,
        lineItems: input.order.lineItems.map(({ quantity: _quantity, ...line }) => line),
      },
      options: input.options,
    };
    const errors = orderCreateInputErrors(loadAdminSchema(), broken as never);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^order\.currency: .*"XYZ"/),
        expect.stringMatching(/^order: .*"quantity"/),
        expect.stringMatching(/^order\.lineItems\.0: .*"quantity"/),
      ]),
    );
  });

  it("reports an inventory behaviour Shopify does not know", () => {
    const input = mappedOrder();
    const errors = orderCreateInputErrors(loadAdminSchema(), {
      ...input,
      options: { ...input.options, inventoryBehaviour: "DECREMENT" as never },
    });
    expect(errors).toEqual([expect.stringMatching(/^options\.inventoryBehaviour/)]);
  });
});

import { coerceInputValue, isInputType, type GraphQLSchema } from "graphql";
import type { OrderCreateInput } from "../app/sync/shopify-order-input";

/**
 * What Shopify's schema says is wrong with an `orderCreate` input: unknown fields, missing required ones,
 * values outside an enum (a currency or country code). Empty when the input is acceptable. The schema is
 * passed in (app/admin-api/admin-schema.server.ts loads it) so this stays pure.
 */
export function orderCreateInputErrors(schema: GraphQLSchema, input: OrderCreateInput): string[] {
  const errors: string[] = [];
  const check = (typeName: string, value: unknown, argument: string) => {
    const type = schema.getType(typeName);
    if (!type || !isInputType(type)) {
      errors.push(`${typeName} is not an input type of this schema`);
      return;
    }
    coerceInputValue(value, type, (path, _invalid, error) => {
      errors.push(`${[argument, ...path].join(".")}: ${error.message}`);
    });
  };
  check("OrderCreateOrderInput", input.order, "order");
  check("OrderCreateOptionsInput", input.options, "options");
  return errors;
}

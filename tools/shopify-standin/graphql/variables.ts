import {
  coerceInputValue,
  isEnumType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { ShopifyGraphQLError } from "./validation-errors";

type Problem = { path: Array<string | number>; explanation: string };

/**
 * Coerces the request's variables like Shopify: one INVALID_VARIABLE error per bad variable, with the
 * value it got and each problem's path, e.g. "Variable $order of type OrderCreateOrderInput! was
 * provided invalid value for lineItems.0.quantity (Expected value to not be null)".
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): { values: Record<string, unknown>; errors: ShopifyGraphQLError[] } {
  const values: Record<string, unknown> = {};
  const errors: ShopifyGraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const given = Object.hasOwn(inputs, name);
    if (!given && definition.defaultValue) {
      values[name] = valueFromAST(definition.defaultValue, type);
      continue;
    }
    if (!given && !isNonNullType(type)) continue;
    const problems: Problem[] = [];
    const coerced = coerceInputValue(given ? inputs[name] : null, type, (path, _invalid, error) =>
      problems.push(problem(schema, [...path], error.message.replace(/\s*Did you mean .*$/, ""))),
    );
    if (problems.length === 0) {
      values[name] = coerced;
      continue;
    }
    const withPath = problems.filter((entry) => entry.path.length > 0);
    const detail = withPath.map((entry) => `${entry.path.join(".")} (${entry.explanation})`).join(", ");
    errors.push({
      message: `Variable $${name} of type ${String(type)} was provided invalid value${detail ? ` for ${detail}` : ""}`,
      locations: definition.loc
        ? [{ line: definition.loc.startToken.line, column: definition.loc.startToken.column }]
        : undefined,
      extensions: { code: "INVALID_VARIABLE", value: given ? inputs[name] : null, problems },
    });
  }
  return { values, errors };
}

/** graphql-js's explanation in graphql-ruby's words. */
function problem(schema: GraphQLSchema, path: Array<string | number>, message: string): Problem {
  let match = /^Field "(\w+)" of required type "[^"]+" was not provided/.exec(message);
  if (match) return { path: [...path, match[1] ?? ""], explanation: "Expected value to not be null" };
  if (/^Expected non-nullable type "[^"]+" not to be null/.test(message)) {
    return { path, explanation: "Expected value to not be null" };
  }
  match = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(message);
  if (match) return { path: [...path, match[1] ?? ""], explanation: `Field is not defined on ${match[2]}` };
  match = /^(\w+) cannot represent [^:]*: (.+)$/.exec(message);
  if (match) return { path, explanation: `Could not coerce value ${match[2]} to ${match[1]}` };
  match = /^Value (.+) does not exist in "(\w+)" enum|^Enum "(\w+)" cannot represent [^:]*: (.+?)\.?$/.exec(
    message,
  );
  if (match) {
    const enumType = schema.getType(match[2] ?? match[3] ?? "");
    const choices = isEnumType(enumType)
      ? enumType
          .getValues()
          .map((value) => value.name)
          .join(", ")
      : "";
    return { path, explanation: `Expected ${match[1] ?? match[4]} to be one of: ${choices}` };
  }
  match = /^Expected type "(\w+)" to be an object/.exec(message);
  if (match) return { path, explanation: "Expected value to be a key-value object" };
  return { path, explanation: message };
}

import { GraphQLError, type GraphQLFieldResolver } from "graphql";

/**
 * Reads fields off the store's views (plain objects; a function property is called with the field's
 * arguments). A field a view doesn't carry is an error naming it, never a silent null.
 */
export const strictFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source !== null && typeof source === "object" && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === "function" ? value.call(source, args, context, info) : value;
  }
  throw new GraphQLError(
    `${info.parentType.name}.${info.fieldName} is not supported by the Shopify Admin stand-in`,
    {
      extensions: { code: "NOT_SUPPORTED_BY_STANDIN" },
    },
  );
};

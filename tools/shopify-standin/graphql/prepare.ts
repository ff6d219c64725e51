import {
  extendSchema,
  getOperationAST,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { SUPPORTED_ROOT_FIELDS } from "./root";
import { shopifyParseError, shopifyValidationErrors, type ShopifyGraphQLError } from "./validation-errors";
import { coerceVariables } from "./variables";

export type GraphQLRequest = { query?: unknown; variables?: unknown; operationName?: unknown };

export type PreparedRequest = {
  /** The document as it runs on `executionSchemaOf(schema)`, with `coercedVariables`. */
  executionDocument: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced against their declared types: for pricing, and for execution. */
  coercedVariables: Record<string, unknown>;
};

type CheckedDocument =
  { document: DocumentNode; executionDocument: DocumentNode } | { errors: ShopifyGraphQLError[] };

// Variables are coerced once, here, where Shopify's errors for them are made. graphql-js's execute() would
// coerce them again against their declared types (for an order, the most costly step of the request), so
// requests run on the schema plus one scalar that takes a value as it is, with every variable declared of
// that type. Execution reads nothing else of the declarations; the views resolve types by name.
const COERCED_SCALAR = "StandinCoercedValue";
const executionSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

export function executionSchemaOf(schema: GraphQLSchema): GraphQLSchema {
  let executable = executionSchemas.get(schema);
  if (!executable) {
    executable = extendSchema(schema, parse(`scalar ${COERCED_SCALAR}`));
    executionSchemas.set(schema, executable);
  }
  return executable;
}

function forExecution(document: DocumentNode): DocumentNode {
  return visit(document, {
    VariableDefinition: (node) => ({
      ...node,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: COERCED_SCALAR } },
      defaultValue: undefined,
    }),
  });
}

// A client sends the same few documents over and over: each is parsed and validated once per schema, as
// GraphQL servers keep a document cache. Bounded: a client sending endless distinct documents starts it over.
const DOCUMENT_CACHE_SIZE = 500;
const documentCaches = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();

function checkDocument(schema: GraphQLSchema, query: string): CheckedDocument {
  let cache = documentCaches.get(schema);
  if (!cache) documentCaches.set(schema, (cache = new Map()));
  const known = cache.get(query);
  if (known) return known;
  let checked: CheckedDocument;
  try {
    const document = parse(query);
    const validationErrors = validate(schema, document);
    checked =
      validationErrors.length > 0
        ? { errors: shopifyValidationErrors(document, validationErrors) }
        : { document, executionDocument: forExecution(document) };
  } catch (error) {
    checked = { errors: [shopifyParseError(error as GraphQLError)] };
  }
  if (cache.size >= DOCUMENT_CACHE_SIZE) cache.clear();
  cache.set(query, checked);
  return checked;
}

/**
 * Everything Shopify checks before it runs a request: the document parses, validates against the schema,
 * names an operation this stand-in serves, and its variables fit their types. Refusals come back as
 * Shopify-shaped errors; `rootFields` is known as soon as the operation is.
 */
export function prepareRequest(
  schema: GraphQLSchema,
  request: GraphQLRequest,
):
  | { prepared: PreparedRequest; rootFields: string[] }
  | { errors: ShopifyGraphQLError[]; rootFields: string[] } {
  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const checked = checkDocument(schema, String(request.query));
  if ("errors" in checked) return { errors: checked.errors, rootFields: [] };
  const { document, executionDocument } = checked;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName ? `No operation named "${operationName}"` : "An operation name is required";
    return { errors: [{ message }], rootFields: [] };
  }
  const fields = operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection] : [],
  );
  const rootFields = fields.map((field) => field.name.value);
  const unsupported = fields.filter(
    (field) => !field.name.value.startsWith("__") && !SUPPORTED_ROOT_FIELDS.has(field.name.value),
  );
  if (unsupported.length > 0) {
    const errors = unsupported.map((field) => ({
      message: `Field '${field.name.value}' is not supported by the Shopify Admin stand-in`,
      locations: field.loc
        ? [{ line: field.loc.startToken.line, column: field.loc.startToken.column }]
        : undefined,
      path: [operation.operation, field.name.value],
      extensions: { code: "NOT_SUPPORTED_BY_STANDIN" },
    }));
    return { errors, rootFields };
  }
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const coerced = coerceVariables(schema, operation, variables);
  if (coerced.errors.length > 0) return { errors: coerced.errors, rootFields };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return {
    prepared: { executionDocument, operation, fragments, coercedVariables: coerced.values },
    rootFields,
  };
}

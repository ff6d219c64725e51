import { execute, type GraphQLSchema } from "graphql";
import type { WebhookMessage } from "../control/webhooks";
import type { CostInput } from "../cost";
import type { RequestLogEntry, ShopState } from "../store";
import { strictFieldResolver } from "./field-resolver";
import { executionSchemaOf, prepareRequest, type GraphQLRequest } from "./prepare";
import { admit, settle } from "./rate-limit";
import { rootResolvers, type RequestContext } from "./root";

export type { GraphQLRequest } from "./prepare";

export type GraphQLResult = {
  status: number;
  body: unknown;
  /** The request ran orderCreate (a "drop after create" fault drops its answer). */
  orderCreated: boolean;
  /** Webhooks the request caused, for the server to deliver once it has answered. */
  webhooks: WebhookMessage[];
  log: Pick<
    RequestLogEntry,
    "operationName" | "rootFields" | "outcome" | "requestedQueryCost" | "actualQueryCost"
  >;
};

/**
 * One Admin GraphQL request against Shopify's real schema: check it, price it, take the price from the
 * shop's bucket (or answer THROTTLED), execute it over the store, refund the difference to the actual
 * cost and answer with `extensions.cost` — every refusal in Shopify's shape.
 */
export async function runGraphQL(
  schema: GraphQLSchema,
  shop: ShopState,
  request: GraphQLRequest,
  /** How the client reached the stand-in (e.g. http://127.0.0.1:4401), for the URLs answers carry. */
  origin = "http://127.0.0.1",
): Promise<GraphQLResult> {
  const operationName = typeof request.operationName === "string" ? request.operationName : null;
  if (typeof request.query !== "string" || request.query.trim() === "") {
    const body = { errors: { query: "Required parameter missing or invalid" } };
    return {
      status: 400,
      body,
      orderCreated: false,
      webhooks: [],
      log: { operationName, rootFields: [], outcome: "invalid" },
    };
  }
  const checked = prepareRequest(schema, request);
  const log = { operationName, rootFields: checked.rootFields };
  if ("errors" in checked) {
    return {
      status: 200,
      body: { errors: checked.errors },
      orderCreated: false,
      webhooks: [],
      log: { ...log, outcome: "invalid" },
    };
  }
  const { executionDocument, operation, fragments, coercedVariables } = checked.prepared;
  log.operationName = operation.name?.value ?? operationName;
  const costInput: CostInput = {
    schema,
    operation,
    fragments,
    variables: coercedVariables,
    model: shop.costModel,
  };
  const admission = admit(shop, costInput);
  if (!admission.admitted) {
    const entry = { ...log, outcome: admission.outcome, requestedQueryCost: admission.requested };
    return { status: 200, body: admission.body, orderCreated: false, webhooks: [], log: entry };
  }

  const context: RequestContext = { shop, orderCreated: false, webhooks: [], origin };
  const result = await execute({
    schema: executionSchemaOf(schema),
    document: executionDocument,
    rootValue: rootResolvers(shop),
    contextValue: context,
    variableValues: coercedVariables,
    operationName: operation.name?.value,
    fieldResolver: strictFieldResolver,
  });
  const cost = settle(shop, costInput, admission.requested, result.data);
  const errors = result.errors?.map((error) => error.toJSON());
  return {
    status: 200,
    body: { ...(errors ? { errors } : {}), data: result.data ?? null, extensions: { cost } },
    orderCreated: context.orderCreated,
    webhooks: context.webhooks,
    log: {
      ...log,
      outcome: "ok",
      requestedQueryCost: admission.requested,
      actualQueryCost: cost.actualQueryCost ?? undefined,
    },
  };
}

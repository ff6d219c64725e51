import type { ThrottleStatus } from "../bucket";
import { actualQueryCost, MAX_QUERY_COST, requestedQueryCost, type CostInput } from "../cost";
import type { ShopState } from "../store";
import type { ShopifyGraphQLError } from "./validation-errors";

/** `extensions.cost` of a response; actualQueryCost is null when the query did not run. */
export type CostExtension = {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
};

const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

/**
 * Admits a query by its requested cost: above 1000 points it is refused outright (MAX_COST_EXCEEDED,
 * answered without a cost extension, as Shopify does), and when the bucket can't cover it the answer is
 * THROTTLED with the cost extension. Otherwise the requested cost is taken from the bucket.
 */
export function admit(
  shop: ShopState,
  input: CostInput,
):
  | { admitted: true; requested: number }
  | { admitted: false; requested: number; outcome: "max-cost" | "throttled"; body: object } {
  const requested = requestedQueryCost(input);
  if (requested > MAX_QUERY_COST) {
    return {
      admitted: false,
      requested,
      outcome: "max-cost",
      body: { errors: [maxCostExceeded(requested)] },
    };
  }
  if (!shop.bucket.tryTake(requested)) {
    const cost: CostExtension = {
      requestedQueryCost: requested,
      actualQueryCost: null,
      throttleStatus: shop.bucket.status(),
    };
    const throttled = {
      message: "Throttled",
      extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC },
    };
    return {
      admitted: false,
      requested,
      outcome: "throttled",
      body: { errors: [throttled], extensions: { cost } },
    };
  }
  return { admitted: true, requested };
}

/** After the query ran: refunds what it didn't use and reports the cost. */
export function settle(
  shop: ShopState,
  input: CostInput,
  requested: number,
  data: Record<string, unknown> | null | undefined,
): CostExtension {
  const actual = data ? actualQueryCost(input, data) : requested;
  shop.bucket.refund(requested - actual);
  return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: shop.bucket.status() };
}

function maxCostExceeded(cost: number): ShopifyGraphQLError {
  return {
    message:
      `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\n` +
      "See https://shopify.dev/docs/api/usage/rate-limits for more information on how the\n" +
      "cost of a query is calculated.\n\n" +
      "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
      "See https://shopify.dev/docs/api/usage/bulk-operations/queries for usage details.\n",
    extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_QUERY_COST, documentation: RATE_LIMITS_DOC },
  };
}

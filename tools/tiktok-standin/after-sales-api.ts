import type { StandinParts } from "./control-api";
import { AFTER_SALES_ERRORS } from "./after-sales";
import { CancellationDesk } from "./cancellations";
import { guard } from "./gate";
import {
  invalidParam,
  jsonObject,
  ok,
  query,
  tiktokError,
  type RequestContext,
  type Route,
} from "./http-kit";
import { answer } from "./refusal";
import { ReturnDesk } from "./returns";

/**
 * TikTok's Return and Refund endpoints (Open API 202309) behind the gateway's checks: searching and
 * answering the buyer's cancellation, refund and return requests, and the seller's own cancel.
 */
export function afterSalesRoutes({ state, webhooks, lifecycle }: StandinParts): Route[] {
  const guarded = guard(state);
  const cancellations = new CancellationDesk(state, webhooks, lifecycle);
  const returns = new ReturnDesk(state, webhooks);
  const id = (context: RequestContext) => context.params[0] ?? "";
  const route = (method: string, path: string, handler: Route["handler"]): Route => ({
    method,
    pattern: new RegExp(`^/return_refund/202309${path}$`),
    handler,
  });
  return [
    route(
      "POST",
      "/cancellations/search",
      guarded((c, { shop }) => answer(() => cancellations.search(shop, query(c), jsonObject(c)))),
    ),
    route(
      "POST",
      "/cancellations/([^/]+)/approve",
      guarded((c, { shop }) => answer(() => cancellations.approve(shop, id(c), query(c).idempotency_key))),
    ),
    route(
      "POST",
      "/cancellations/([^/]+)/reject",
      guarded((c, { shop }) => answer(() => cancellations.reject(shop, id(c), jsonObject(c)))),
    ),
    route(
      "POST",
      "/cancellations",
      guarded((c, { shop }) => answer(() => cancellations.sellerCancel(shop, jsonObject(c)))),
    ),
    route(
      "GET",
      "/reject_reasons",
      guarded((c, { shop }) => {
        const requestId = query(c).return_or_cancel_id;
        if (!requestId) return invalidParam("return_or_cancel_id is required.");
        const reasons =
          cancellations.rejectReasons(shop, requestId) ?? returns.rejectReasons(shop, requestId);
        if (reasons) return ok({ reasons: reasons.map(({ name, text }) => ({ name, text })) });
        const message = `Return or cancellation ${requestId} does not exist.`;
        return tiktokError(404, AFTER_SALES_ERRORS.REQUEST_NOT_FOUND, message);
      }),
    ),
    route(
      "POST",
      "/returns/search",
      guarded((c, { shop }) => answer(() => returns.search(shop, query(c), jsonObject(c)))),
    ),
    route(
      "POST",
      "/returns/([^/]+)/approve",
      guarded((c, { shop }) => answer(() => returns.approve(shop, id(c), jsonObject(c)))),
    ),
    route(
      "POST",
      "/returns/([^/]+)/reject",
      guarded((c, { shop }) => answer(() => returns.reject(shop, id(c), jsonObject(c)))),
    ),
  ];
}

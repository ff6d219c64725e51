import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmbeddedApp } from "../admin/session-token";
import { BadRequest, readJson, sendJson } from "../http";
import type { Store } from "../store";
import { ControlInputError } from "./catalog";
import { CATALOG_ROUTES } from "./catalog-routes";
import { FLOW_ROUTES } from "./flow-routes";
import { ORDER_ROUTES } from "./order-routes";
import type { Route } from "./routing";
import { SHOP_ROUTES } from "./shop-routes";

const ROUTES: Route[] = [...SHOP_ROUTES, ...CATALOG_ROUTES, ...ORDER_ROUTES, ...FLOW_ROUTES];

/** Answers a request under /_control/ (see README for every route with a curl example). */
export async function handleControl(
  store: Store,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  app?: EmbeddedApp,
): Promise<void> {
  const matching = ROUTES.flatMap(([method, pattern, handler]) => {
    const match = pattern.exec(path);
    return match
      ? [{ method, params: match.slice(1).map((part) => decodeURIComponent(part ?? "")), handler }]
      : [];
  });
  const route = matching.find(({ method }) => method === request.method);
  if (!route) {
    const allowed = matching.length > 0;
    sendJson(response, allowed ? 405 : 404, { error: allowed ? "Method not allowed" : "Not found" });
    return;
  }
  try {
    const result = await route.handler(store, route.params, () => readJson(request), app);
    const created =
      request.method === "POST" && /\/(shops|products|variants|fulfillments|refunds)$/.test(path);
    sendJson(response, created ? 201 : 200, result ?? null);
  } catch (error) {
    if (error instanceof ControlInputError) sendJson(response, error.status, { error: error.message });
    else if (error instanceof BadRequest) sendJson(response, 400, { error: error.message });
    else throw error;
  }
}

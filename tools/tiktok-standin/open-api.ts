import { guard } from "./gate";
import {
  invalidParam,
  jsonObject,
  ok,
  query,
  tiktokError,
  type Reply,
  type RequestContext,
  type Route,
} from "./http-kit";
import type { OrderRecord } from "./order-builder";
import { paginate } from "./paging";
import { renderOrder } from "./order-view";
import { renderProduct } from "./product-view";
import type { Shop, StandinState } from "./state";

/** The Open API 202309 endpoints the app calls, each behind TikTok's gateway checks. */
export function openApiRoutes(state: StandinState): Route[] {
  const guarded = guard(state);
  return [
    {
      method: "GET",
      pattern: /^\/authorization\/202309\/shops$/,
      handler: guarded((_, { shops }) => authorizedShops(shops)),
    },
    {
      method: "POST",
      pattern: /^\/order\/202309\/orders\/search$/,
      handler: guarded((c, { shop }) => searchOrders(c, shop, state)),
    },
    {
      method: "GET",
      pattern: /^\/order\/202309\/orders$/,
      handler: guarded((c, { shop }) => orderDetails(c, shop, state)),
    },
    {
      method: "POST",
      pattern: /^\/product\/202309\/products\/search$/,
      handler: guarded((c, { shop }) => searchProducts(c, shop, state)),
    },
    {
      method: "GET",
      pattern: /^\/product\/202309\/products\/([^/]+)$/,
      handler: guarded((c, { shop }) => getProduct(c, shop, state)),
    },
  ];
}

/** Every shop the token still grants (a deauthorized one drops out), in the order they were granted. */
function authorizedShops(shops: Shop[]): Reply {
  return ok({
    shops: shops.map(({ id, name, region, cipher, code }) => ({
      id,
      name,
      region,
      cipher,
      code,
      seller_type: "LOCAL",
    })),
  });
}

function searchOrders(context: RequestContext, shop: Shop, state: StandinState): Reply {
  const params = query(context);
  const filters = jsonObject(context);
  if (!filters) return invalidParam("The request body must be a JSON object.");
  const sortField = params.sort_field ?? "create_time";
  if (sortField !== "create_time" && sortField !== "update_time")
    return invalidParam("sort_field is invalid.");
  const descending = (params.sort_order ?? "DESC") === "DESC";
  const inRange = (value: number, ge: unknown, lt: unknown) =>
    (typeof ge !== "number" || value >= ge) && (typeof lt !== "number" || value < lt);
  const records = [...state.orders.values()]
    .filter(
      ({ shopId, order }) =>
        shopId === shop.id && (!filters.order_status || order.status === filters.order_status),
    )
    .filter(({ order }) => inRange(order.create_time, filters.create_time_ge, filters.create_time_lt))
    .filter(({ order }) => inRange(order.update_time, filters.update_time_ge, filters.update_time_lt))
    .sort(
      ({ order: a }, { order: b }) =>
        (descending ? -1 : 1) * (a[sortField] - b[sortField] || a.id.localeCompare(b.id)),
    );
  const page = paginate(records, params);
  if ("status" in page) return page;
  const items = page.items.map(renderOrder);
  return ok({ orders: items, next_page_token: page.nextPageToken, total_count: records.length });
}

function orderDetails(context: RequestContext, shop: Shop, state: StandinState): Reply {
  const ids = (query(context).ids ?? "").split(",").filter(Boolean);
  if (ids.length === 0) return invalidParam("ids is required.");
  if (ids.length > 50) return invalidParam("ids must contain at most 50 order ids.");
  const orders = ids
    .map((id) => state.orders.get(id))
    .filter((record): record is OrderRecord => record?.shopId === shop.id)
    .map(renderOrder);
  return ok({ orders });
}

function searchProducts(context: RequestContext, shop: Shop, state: StandinState): Reply {
  const filters = jsonObject(context);
  if (!filters) return invalidParam("The request body must be a JSON object.");
  const products = [...state.products.values()]
    .filter((product) => product.shopId === shop.id)
    .filter((product) => !filters.status || filters.status === "ALL" || product.status === filters.status);
  const page = paginate(products, query(context));
  if ("status" in page) return page;
  const items = page.items.map((product) => renderProduct(product, "search"));
  return ok({ products: items, next_page_token: page.nextPageToken, total_count: products.length });
}

function getProduct(context: RequestContext, shop: Shop, state: StandinState): Reply {
  const product = state.products.get(context.params[0] ?? "");
  // The stand-in's own code: TikTok documents product-not-found codes per endpoint.
  if (!product || product.shopId !== shop.id) return tiktokError(404, 12052217, "Product does not exist.");
  return ok(renderProduct(product, "detail"));
}

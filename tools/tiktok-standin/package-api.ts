import type { StandinParts } from "./control-api";
import { guard } from "./gate";
import { invalidParam, jsonObject, ok, type Reply, type RequestContext, type Route } from "./http-kit";
import { answer, PackageDesk } from "./packages";
import { renderPackage } from "./package-view";
import { deliveryOptionFor, shippingProvidersFor } from "./shipping-providers";
import type { Shop } from "./state";

/**
 * TikTok's logistics and fulfillment endpoints for seller-shipped orders (Open API 202309), behind the
 * gateway's checks: the carriers of a delivery option, Mark as shipped, package detail, and fixing a
 * tracking number.
 */
export function packageRoutes({ state, webhooks, lifecycle }: StandinParts): Route[] {
  const guarded = guard(state);
  const desk = new PackageDesk(state, webhooks, lifecycle);
  const id = (context: RequestContext) => context.params[0] ?? "";
  return [
    {
      method: "GET",
      pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
      handler: guarded((c, { shop }) => shippingProviders(shop, id(c))),
    },
    {
      method: "POST",
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/packages$/,
      handler: guarded((c, { shop }) =>
        answer(async () => ok({ package_id: (await desk.ship(shop, id(c), jsonObject(c))).id })),
      ),
    },
    {
      method: "GET",
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)$/,
      handler: guarded((c, { shop }) => answer(async () => ok(renderPackage(desk.find(shop, id(c)))))),
    },
    {
      method: "POST",
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_info\/update$/,
      handler: guarded((c, { shop }) =>
        answer(async () => {
          await desk.updateShippingInfo(shop, id(c), jsonObject(c));
          return ok({});
        }),
      ),
    },
    {
      method: "POST",
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/shipping_info\/update$/,
      handler: guarded((c, { shop }) =>
        answer(async () => {
          await desk.updateOrderShippingInfo(shop, id(c), jsonObject(c));
          return ok({});
        }),
      ),
    },
  ];
}

/** The carriers of the shop's delivery option; TikTok gives no number format, only ids and names. */
function shippingProviders(shop: Shop, deliveryOptionId: string): Reply {
  if (deliveryOptionId !== deliveryOptionFor(shop.region).id) {
    return invalidParam("delivery_option_id is invalid.");
  }
  const providers = shippingProvidersFor(shop.region).map(({ id, name }) => ({ id, name }));
  return ok({ shipping_providers: providers });
}

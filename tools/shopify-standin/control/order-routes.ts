import { restFulfillment, restOrder, restRefund } from "../orders/rest-payloads";
import { cancelInput, fulfillmentInput, refundInput, trackingPatch } from "./input";
import {
  cancelAsMerchant,
  editTrackingAsMerchant,
  fulfilAsMerchant,
  refundAsMerchant,
  requireFulfillment,
  requireOrder,
} from "./merchant-actions";
import { parseBody, SHOP_PATH, shopOf, type Route } from "./routing";
import { fulfillmentSnapshot, orderSnapshot, refundSnapshot } from "./views";
import { notifyApp } from "./webhooks";

const at = (suffix: string) => new RegExp(`^${SHOP_PATH}${suffix}$`);
const ORDER = "/orders/([^/]+)";

/**
 * The orders of a shop, and what a merchant does to them in Shopify admin — fulfil, edit tracking, cancel,
 * refund — each followed by the webhook Shopify sends the app, whose delivery the answer reports (`webhook`,
 * null when the stand-in has no app).
 */
export const ORDER_ROUTES: Route[] = [
  ["GET", at("/orders"), (store, [domain]) => [...shopOf(store, domain).orders.values()].map(orderSnapshot)],
  ["GET", at(ORDER), (store, [domain, id]) => orderSnapshot(requireOrder(shopOf(store, domain), id))],
  [
    "POST",
    at(`${ORDER}/fulfillments`),
    async (store, [domain, id], body, app) => {
      const shop = shopOf(store, domain);
      const order = requireOrder(shop, id);
      const fulfillment = fulfilAsMerchant(shop, order, await parseBody(fulfillmentInput, body));
      const payload = restFulfillment(order, fulfillment);
      const webhook = await notifyApp(app, { topic: "fulfillments/create", shop: shop.domain, payload });
      return { fulfillment: fulfillmentSnapshot(order, fulfillment), webhook };
    },
  ],
  [
    "PATCH",
    at(`${ORDER}/fulfillments/([^/]+)`),
    async (store, [domain, id, fulfillmentId], body, app) => {
      const shop = shopOf(store, domain);
      const order = requireOrder(shop, id);
      const fulfillment = requireFulfillment(order, fulfillmentId);
      editTrackingAsMerchant(order, fulfillment, await parseBody(trackingPatch, body));
      const payload = restFulfillment(order, fulfillment);
      const webhook = await notifyApp(app, { topic: "fulfillments/update", shop: shop.domain, payload });
      return { fulfillment: fulfillmentSnapshot(order, fulfillment), webhook };
    },
  ],
  [
    "POST",
    at(`${ORDER}/cancel`),
    async (store, [domain, id], body, app) => {
      const shop = shopOf(store, domain);
      const order = requireOrder(shop, id);
      cancelAsMerchant(shop, order, await parseBody(cancelInput, body));
      const payload = restOrder(order);
      const webhook = await notifyApp(app, { topic: "orders/cancelled", shop: shop.domain, payload });
      return { order: orderSnapshot(order), webhook };
    },
  ],
  [
    "POST",
    at(`${ORDER}/refunds`),
    async (store, [domain, id], body, app) => {
      const shop = shopOf(store, domain);
      const order = requireOrder(shop, id);
      const refund = refundAsMerchant(shop, order, await parseBody(refundInput, body));
      const payload = restRefund(order, refund);
      const webhook = await notifyApp(app, { topic: "refunds/create", shop: shop.domain, payload });
      return { refund: refundSnapshot(order, refund), webhook };
    },
  ],
];

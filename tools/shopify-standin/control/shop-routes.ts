import { createShop } from "../store";
import { ControlInputError, setSubscription } from "./catalog";
import { parseBody, SHOP_PATH, shopOf, type Route } from "./routing";
import { bucketInput, createShopInput, faultInput, subscriptionInput, tokenInput } from "./input";
import { shopSnapshot } from "./views";

const at = (suffix = "") => new RegExp(`^${SHOP_PATH}${suffix}$`);

/** Shops, their tokens, billing, faults, bucket and request log. */
export const SHOP_ROUTES: Route[] = [
  ["POST", /^\/_control\/reset$/, (store) => (store.shops.clear(), { ok: true })],
  ["GET", /^\/_control\/shops$/, (store) => [...store.shops.values()].map(shopSnapshot)],
  [
    "POST",
    /^\/_control\/shops$/,
    async (store, _params, body) => {
      const input = await parseBody(createShopInput, body);
      if (store.shops.has(input.domain.toLowerCase()))
        throw new ControlInputError(`Shop ${input.domain} exists`, 409);
      const shop = createShop(input);
      store.shops.set(shop.domain, shop);
      return shopSnapshot(shop);
    },
  ],
  ["GET", at(), (store, [domain]) => shopSnapshot(shopOf(store, domain))],
  ["DELETE", at(), (store, [domain]) => ({ ok: store.shops.delete(shopOf(store, domain).domain) })],
  [
    "POST",
    at("/tokens"),
    async (store, [domain], body) => {
      shopOf(store, domain).tokens.add((await parseBody(tokenInput, body)).token);
      return { ok: true };
    },
  ],
  [
    "PUT",
    at("/subscription"),
    async (store, [domain], body) => {
      const shop = shopOf(store, domain);
      setSubscription(shop, await parseBody(subscriptionInput, body));
      return shopSnapshot(shop).subscriptions[0];
    },
  ],
  [
    "DELETE",
    at("/subscription"),
    (store, [domain]) => (setSubscription(shopOf(store, domain), null), { ok: true }),
  ],
  [
    "PUT",
    at("/faults"),
    async (store, [domain], body) => {
      const shop = shopOf(store, domain);
      shop.faults.set(await parseBody(faultInput, body));
      return shop.faults.describe();
    },
  ],
  ["DELETE", at("/faults"), (store, [domain]) => (shopOf(store, domain).faults.clear(), { ok: true })],
  [
    "PATCH",
    at("/bucket"),
    async (store, [domain], body) => {
      const shop = shopOf(store, domain);
      shop.bucket.configure(await parseBody(bucketInput, body));
      return shop.bucket.status();
    },
  ],
  ["GET", at("/requests"), (store, [domain]) => shopOf(store, domain).requests],
  [
    "DELETE",
    at("/requests"),
    (store, [domain]) => ((shopOf(store, domain).requests.length = 0), { ok: true }),
  ],
];

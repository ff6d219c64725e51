import type { z } from "zod";
import { CancellationDesk, cancellationsOf } from "./cancellations";
import * as schemas from "./control-schemas";
import { jsonObject, type Reply, type RequestContext, type Route } from "./http-kit";
import type { OrderLifecycle } from "./lifecycle";
import { SpecError } from "./money";
import { renderOrder } from "./order-view";
import { describePackage } from "./package-view";
import { packagesOf } from "./packages";
import { renderProduct } from "./product-view";
import { ReturnDesk, returnsOf } from "./returns";
import type { Shop, StandinState } from "./state";
import { TikTokShippingDesk } from "./tiktok-shipping";
import { WEBHOOK_TYPES, type WebhookSender } from "./webhooks";

export type StandinParts = { state: StandinState; webhooks: WebhookSender; lifecycle: OrderLifecycle };

/** The JSON control API under /_control, documented in README.md. Replies are plain JSON, not TikTok envelopes. */
export function controlRoutes(parts: StandinParts): Route[] {
  const { state, webhooks, lifecycle } = parts;
  const route = (method: string, path: string, handler: (c: RequestContext) => unknown): Route => ({
    method,
    pattern: new RegExp(`^/_control${path}$`),
    handler: async (context) => reply(await handler(context)),
  });
  const shopId = (c: RequestContext) => shopOf(state, c.params[0]).id;
  const orderId = (c: RequestContext) => orderOf(state, c.params[0]).order.id;
  const shipping = new TikTokShippingDesk(state, webhooks, lifecycle);
  const cancellations = new CancellationDesk(state, webhooks, lifecycle);
  const returns = new ReturnDesk(state, webhooks);
  return [
    route("GET", "/config", () => state.config),
    route("POST", "/config", (c) => {
      const { webhookUrl, ...patch } = input(c, schemas.configPatchSchema);
      Object.assign(
        state.config,
        patch,
        webhookUrl === undefined ? {} : { webhookUrl: webhookUrl ?? undefined },
      );
      return state.config;
    }),
    route("POST", "/shops", (c) => createShop(state, input(c, schemas.shopInputSchema))),
    route("POST", "/shops/([^/]+)/auth-codes", (c) => {
      const { authCode, expiresAt } = state.issueAuthCode([shopId(c)]);
      return { authCode, shopId: shopId(c), expiresAt };
    }),
    route("POST", "/auth-codes", (c) => {
      // Each shop must exist (404 otherwise, as on the per-shop route); a shop named twice is granted once.
      const shopIds = [...new Set(input(c, schemas.authCodeInputSchema).shopIds)].map(
        (id) => shopOf(state, id).id,
      );
      const { authCode, expiresAt } = state.issueAuthCode(shopIds);
      // The per-shop route's shape; `shopId` is the first shop, the one the token's seller fields describe.
      return { authCode, shopId: shopIds[0], expiresAt };
    }),
    route("POST", "/shops/([^/]+)/deauthorize", async (c) => {
      state.revokeShop(shopId(c));
      const message = `Shop_id ${shopId(c)} is deauthorized from your APP by merchant.`;
      return {
        webhooks: compact([
          await webhooks.emit(WEBHOOK_TYPES.SELLER_DEAUTHORIZATION, shopId(c), { message }),
        ]),
      };
    }),
    route("POST", "/shops/([^/]+)/authorization-expiring", async (c) => {
      const days = Number(jsonObject(c)?.days ?? 30);
      const data = {
        message: `Authorization of shop_id ${shopId(c)} is expiring in ${days} days. Please direct the merchant to re-authorize.`,
        expiration_time: String(state.now() + days * 86_400),
      };
      return {
        webhooks: compact([
          await webhooks.emit(WEBHOOK_TYPES.UPCOMING_AUTHORIZATION_EXPIRATION, shopId(c), data),
        ]),
      };
    }),
    route("POST", "/products", (c) =>
      renderProduct(addProduct(state, input(c, schemas.productInputSchema)), "detail"),
    ),
    route("POST", "/orders", (c) => lifecycle.create(input(c, schemas.orderSpecSchema))),
    route("GET", "/orders", () => ({
      orders: [...state.orders.values()].map((record) => renderOrder(record)),
    })),
    route("GET", "/orders/([^/]+)", (c) => {
      const record = orderOf(state, c.params[0]);
      const id = record.order.id;
      return {
        order: renderOrder(record),
        packages: packagesOf(state, id).map(describePackage),
        shipCalls: { ...(state.shipCalls.get(id) ?? { shipped: 0, refused: 0 }) },
        cancellations: cancellationsOf(state, id),
        returns: returnsOf(state, id),
      };
    }),
    route("POST", "/orders/([^/]+)/collect", (c) => shipping.collect(orderId(c))),
    route("POST", "/orders/([^/]+)/cancellation-request", (c) =>
      cancellations.request(orderId(c), input(c, schemas.cancellationRequestSchema).reason),
    ),
    route("POST", "/orders/([^/]+)/returns", (c) =>
      returns.request(orderId(c), input(c, schemas.returnRequestSchema)),
    ),
    route("POST", "/returns/([^/]+)/complete", (c) => returns.complete(c.params[0] ?? "")),
    route("POST", "/returns/([^/]+)/buyer-shipped", (c) => returns.buyerShipped(c.params[0] ?? "")),
    route("GET", "/packages", () => ({ packages: [...state.packages.values()].map(describePackage) })),
    route("POST", "/orders/([^/]+)/status", (c) => {
      const { status, cancelReason } = input(c, schemas.statusChangeSchema);
      return lifecycle.setStatus(orderOf(state, c.params[0]).order.id, status, { cancelReason });
    }),
    route("POST", "/orders/([^/]+)/address", (c) =>
      lifecycle.updateAddress(orderOf(state, c.params[0]).order.id, input(c, schemas.addressSchema)),
    ),
    route("POST", "/tokens/expire", (c) => ({
      expired: state.expireTokens(input(c, schemas.expireTokensSchema)),
    })),
    route("POST", "/faults", (c) => Object.assign(state.faults, input(c, schemas.faultsSchema))),
    route("GET", "/rate-limit", () => state.rateLimit.describe()),
    route("POST", "/rate-limit", (c) =>
      state.rateLimit.set(input(c, schemas.rateLimitSchema).requestsPerSecond),
    ),
    route("GET", "/webhook-faults", () => ({ faults: webhooks.faults.describe() })),
    route("POST", "/webhook-faults", (c) => {
      webhooks.faults.set(input(c, schemas.webhookFaultsSchema));
      return { faults: webhooks.faults.describe() };
    }),
    route("DELETE", "/webhook-faults", () => {
      webhooks.faults.clear();
      return { faults: null };
    }),
    route("POST", "/tick", () => lifecycle.advanceDueOrders()),
    route("POST", "/reset", () => {
      state.reset();
      webhooks.reset();
      return { reset: true };
    }),
    route("GET", "/webhooks", () => ({ webhooks: webhooks.sent })),
    route("DELETE", "/webhooks", () => ({ cleared: webhooks.sent.splice(0).length })),
  ];
}

function reply(body: unknown): Reply {
  return { status: 200, body };
}

function input<S extends z.ZodType>(context: RequestContext, schema: S): z.infer<S> {
  const parsed = schema.safeParse(jsonObject(context));
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
  throw new SpecError(detail.join("; "));
}

/** The currency a shop in each region sells in; a region not listed sells in USD. */
const REGION_CURRENCIES: Record<string, string> = {
  US: "USD",
  GB: "GBP",
  ID: "IDR",
  MY: "MYR",
  TH: "THB",
  VN: "VND",
  PH: "PHP",
  SG: "SGD",
  MX: "MXN",
  ES: "EUR",
  DE: "EUR",
  FR: "EUR",
  IT: "EUR",
  IE: "EUR",
  JP: "JPY",
  BR: "BRL",
};

function createShop(state: StandinState, shop: z.infer<typeof schemas.shopInputSchema>): Shop {
  const id = shop.id ?? state.nextId("7494", 19);
  const region = shop.region ?? "US";
  const created = {
    id,
    name: shop.name ?? `Stand-in Shop ${state.shops.size + 1}`,
    region,
    cipher: shop.cipher ?? `GCP_${Buffer.from(id).toString("base64url")}`,
    code: `${region.toUpperCase()}${id.slice(-8)}`,
    sellerName: shop.sellerName ?? "Stand-in Seller",
    currency: shop.currency ?? REGION_CURRENCIES[region.toUpperCase()] ?? "USD",
  };
  state.shops.set(id, created);
  return created;
}

function addProduct(state: StandinState, product: z.infer<typeof schemas.productInputSchema>) {
  const shop = shopOf(state, product.shopId);
  const now = state.now();
  const record = {
    id: product.id ?? state.nextId("1729", 19),
    shopId: shop.id,
    title: product.title,
    status: product.status ?? "ACTIVATE",
    createTime: now,
    updateTime: now,
    skus: product.skus.map((sku) => ({
      id: sku.id ?? state.nextId("1729", 19),
      sellerSku: sku.sellerSku,
      price: sku.price,
      currency: sku.currency ?? shop.currency,
      quantity: sku.quantity ?? 100,
      attributes: sku.attributes ?? [],
    })),
  };
  state.products.set(record.id, record);
  return record;
}

function shopOf(state: StandinState, id: string | undefined) {
  const shop = state.shopFor(id);
  if (!shop) throw new SpecError(id ? `no shop ${id}` : "create a shop first", id ? 404 : 400);
  return shop;
}

function orderOf(state: StandinState, id: string | undefined) {
  const record = state.orders.get(id ?? "");
  if (!record) throw new SpecError(`no order ${id}`, 404);
  return record;
}

function compact<T>(items: (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

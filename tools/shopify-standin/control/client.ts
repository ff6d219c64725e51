import { ADMIN_API_VERSION } from "../../../app/admin-api/api-version";
import type { ThrottleStatus } from "../bucket";
import type {
  BucketInput,
  CancelInput,
  CreateShopInput,
  FaultInput,
  FlowTriggerDefinitionsInput,
  FulfillmentInput,
  ProductInput,
  RefundInput,
  SubscriptionInput,
  TrackingPatch,
  VariantInput,
  VariantPatch,
} from "./input";
import type {
  FlowTriggerSnapshot,
  FulfillmentSnapshot,
  OrderSnapshot,
  ProductSnapshot,
  RefundSnapshot,
  ShopSnapshot,
  VariantSnapshot,
} from "./views";
import type { WebhookDelivery } from "./webhooks";
import type { RequestLogEntry } from "../store";

export type {
  BucketInput,
  CancelInput,
  CreateShopInput,
  FaultInput,
  FlowTriggerDefinitionsInput,
  FulfillmentInput,
  ProductInput,
  RefundInput,
  SubscriptionInput,
  TrackingPatch,
  VariantInput,
  VariantPatch,
};
export type {
  FlowTriggerSnapshot,
  FulfillmentSnapshot,
  OrderSnapshot,
  ProductSnapshot,
  RefundSnapshot,
  ShopSnapshot,
  VariantSnapshot,
  RequestLogEntry,
  ThrottleStatus,
  WebhookDelivery,
};

/** What a merchant's action answers: the result, and the webhook sent the app (null without an app). */
export type FulfillmentResult = { fulfillment: FulfillmentSnapshot; webhook: WebhookDelivery | null };
export type CancelResult = { order: OrderSnapshot; webhook: WebhookDelivery | null };
export type RefundResult = { refund: RefundSnapshot; webhook: WebhookDelivery | null };

/** A typed client for the stand-in's control API (`/_control/...`). Ids are gids or numbers. */
export class StandinControl {
  constructor(readonly baseUrl: string) {}

  /** What stands for `https://<shop>` on this stand-in: append `/admin/api/<version>/graphql.json`. */
  shopUrl(shop: string): string {
    return `${this.baseUrl}/shops/${shop}`;
  }

  /** The Admin GraphQL endpoint of one shop on this stand-in. */
  adminUrl(shop: string): string {
    return `${this.shopUrl(shop)}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  }

  reset = () => this.call<{ ok: true }>("POST", "/_control/reset");
  /** Delivers a webhook to the app the stand-in was started for, signed as Shopify signs it. */
  sendWebhook = (topic: string, shop: string, payload: Record<string, unknown>) =>
    this.call<{ status: number }>("POST", "/_control/webhooks", { topic, shop, payload });
  createShop = (input: CreateShopInput) => this.call<ShopSnapshot>("POST", "/_control/shops", input);
  getShop = (shop: string) => this.call<ShopSnapshot>("GET", this.shop(shop));
  deleteShop = (shop: string) => this.call<{ ok: boolean }>("DELETE", this.shop(shop));
  addToken = (shop: string, token: string) =>
    this.call<{ ok: true }>("POST", this.shop(shop, "tokens"), { token });
  addProduct = (shop: string, input: ProductInput) =>
    this.call<ProductSnapshot>("POST", this.shop(shop, "products"), input);
  listProducts = (shop: string) => this.call<ProductSnapshot[]>("GET", this.shop(shop, "products"));
  deleteProduct = (shop: string, productId: string | number) =>
    this.call<{ ok: true }>("DELETE", this.shop(shop, "products", productId));
  addVariant = (shop: string, productId: string | number, input: VariantInput) =>
    this.call<VariantSnapshot>("POST", this.shop(shop, "products", productId, "variants"), input);
  getVariant = (shop: string, variantId: string | number) =>
    this.call<VariantSnapshot>("GET", this.shop(shop, "variants", variantId));
  updateVariant = (shop: string, variantId: string | number, patch: VariantPatch) =>
    this.call<VariantSnapshot>("PATCH", this.shop(shop, "variants", variantId), patch);
  deleteVariant = (shop: string, variantId: string | number) =>
    this.call<{ ok: true }>("DELETE", this.shop(shop, "variants", variantId));
  /** Sets the app's subscription (default: an active "Standard" plan); null removes it. */
  setSubscription = (shop: string, input: SubscriptionInput | null) =>
    input
      ? this.call<unknown>("PUT", this.shop(shop, "subscription"), input)
      : this.call("DELETE", this.shop(shop, "subscription"));
  listOrders = (shop: string) => this.call<OrderSnapshot[]>("GET", this.shop(shop, "orders"));
  getOrder = (shop: string, orderId: string | number) =>
    this.call<OrderSnapshot>("GET", this.shop(shop, "orders", orderId));
  /** Fulfils as a merchant does in Shopify admin (every unit left, or `lineItems` by SKU); sends fulfillments/create. */
  fulfill = (shop: string, orderId: string | number, input: FulfillmentInput) =>
    this.call<FulfillmentResult>("POST", this.shop(shop, "orders", orderId, "fulfillments"), input);
  /** "Edit tracking" on a fulfillment; sends fulfillments/update. */
  updateFulfillmentTracking = (
    shop: string,
    orderId: string | number,
    fulfillmentId: string | number,
    input: TrackingPatch,
  ) =>
    this.call<FulfillmentResult>(
      "PATCH",
      this.shop(shop, "orders", orderId, "fulfillments", fulfillmentId),
      input,
    );
  /** Cancels as a merchant does in Shopify admin; sends orders/cancelled. */
  cancelOrder = (shop: string, orderId: string | number, input: CancelInput = {}) =>
    this.call<CancelResult>("POST", this.shop(shop, "orders", orderId, "cancel"), input);
  /** Refunds as a merchant does in Shopify admin (everything left, or `lineItems` by SKU); sends refunds/create. */
  refund = (shop: string, orderId: string | number, input: RefundInput = {}) =>
    this.call<RefundResult>("POST", this.shop(shop, "orders", orderId, "refunds"), input);
  /** Sets the shop's faults (replacing any); null clears them. */
  setFaults = (shop: string, faults: FaultInput | null) =>
    faults
      ? this.call<unknown>("PUT", this.shop(shop, "faults"), faults)
      : this.call("DELETE", this.shop(shop, "faults"));
  setBucket = (shop: string, input: BucketInput) =>
    this.call<ThrottleStatus>("PATCH", this.shop(shop, "bucket"), input);
  /** The runs of the app's Flow triggers the shop accepted (`flowTriggerReceive`), oldest first. */
  listFlowTriggers = (shop: string) =>
    this.call<FlowTriggerSnapshot[]>("GET", this.shop(shop, "flow-triggers"));
  clearFlowTriggers = (shop: string) => this.call<{ ok: true }>("DELETE", this.shop(shop, "flow-triggers"));
  /**
   * The app's deployed Flow triggers (handle and payload keys): `flowTriggerReceive` then refuses another
   * handle or payload keys that differ. null: any handle and payload are taken (the default).
   */
  setFlowTriggerDefinitions = (
    shop: string,
    definitions: FlowTriggerDefinitionsInput["definitions"] | null,
  ) =>
    definitions
      ? this.call<FlowTriggerDefinitionsInput>("PUT", this.shop(shop, "flow-trigger-definitions"), {
          definitions,
        })
      : this.call<{ ok: true }>("DELETE", this.shop(shop, "flow-trigger-definitions"));
  listRequests = (shop: string) => this.call<RequestLogEntry[]>("GET", this.shop(shop, "requests"));
  clearRequests = (shop: string) => this.call<{ ok: true }>("DELETE", this.shop(shop, "requests"));

  private shop(shop: string, ...rest: Array<string | number>): string {
    return `/_control/shops/${[shop, ...rest].map((part) => encodeURIComponent(String(part))).join("/")}`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as unknown;
    if (!response.ok) {
      const message = (payload as { error?: string } | null)?.error ?? response.statusText;
      throw new Error(`Shopify stand-in control ${method} ${path} failed (${response.status}): ${message}`);
    }
    return payload as T;
  }
}

/** Status and body of an Admin call; the body is loosely typed because callers read arbitrary paths. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AdminResponse = { status: number; body: any };

/** One Admin GraphQL call, answered as status and parsed body (for tools and tests). */
export async function adminGraphQL(
  url: string,
  options: {
    token?: string;
    query: string;
    variables?: Record<string, unknown>;
    headers?: Record<string, string>;
  },
): Promise<AdminResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { "x-shopify-access-token": options.token } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: options.query, variables: options.variables }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML error page (a 502 from the edge): keep the text.
  }
  return { status: response.status, body };
}

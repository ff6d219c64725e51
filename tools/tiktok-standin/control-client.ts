import type { z } from "zod";
import type { TikTokOrderStatus } from "../../app/tiktok/types";
import type { StandinCancellation, StandinReturn } from "./after-sales";
import type * as schemas from "./control-schemas";
import type { OrderSpec } from "./order-builder";
import type { StandinPackage } from "./package-view";
import type { renderProduct } from "./product-view";
import type { RateLimitState } from "./rate-limit";
import type { ShipCalls, Shop, StandinConfig } from "./state";
import type { WebhookFaultConfig } from "./webhook-faults";
import type { SentWebhook } from "./webhooks";

export type OrderChange = {
  order: Record<string, unknown> & { id: string; update_time: number };
  webhooks: SentWebhook[];
};
export type StandinProduct = ReturnType<typeof renderProduct>;
/**
 * An order with its packages, how many Mark-as-shipped calls for it were made and refused, and its
 * cancellations and returns (oldest first, as the Open API's searches serve each).
 */
export type OrderWithPackages = {
  order: OrderChange["order"];
  packages: StandinPackage[];
  shipCalls: ShipCalls;
  cancellations: StandinCancellation[];
  returns: StandinReturn[];
};
/** A buyer's cancellation request: the record, the order after it, and the webhooks sent. */
export type CancellationChange = {
  cancellation: StandinCancellation;
  order: OrderChange["order"];
  webhooks: SentWebhook[];
};
/** A refund or return request, or a change to one: the record after it and the webhook sent. */
export type ReturnChange = { returnOrder: StandinReturn; webhooks: SentWebhook[] };
export type ReturnSpec = z.input<typeof schemas.returnRequestSchema>;
/** An auth code the app exchanges at /api/v2/token/get; `shopId` is the first shop it grants. */
export type AuthCode = { authCode: string; shopId: string; expiresAt: number };

/** A typed client for the stand-in's /_control API, for tests and scripts. */
export class TikTokStandinControl {
  constructor(readonly baseUrl: string) {}

  configure(patch: z.input<typeof schemas.configPatchSchema>): Promise<StandinConfig> {
    return this.request("POST", "/config", patch);
  }
  setWebhooksEnabled(webhooksEnabled: boolean): Promise<StandinConfig> {
    return this.configure({ webhooksEnabled });
  }
  createShop(shop: z.input<typeof schemas.shopInputSchema> = {}): Promise<Shop> {
    return this.request("POST", "/shops", shop);
  }
  createAuthCode(shopId: string): Promise<AuthCode> {
    return this.request("POST", `/shops/${encodeURIComponent(shopId)}/auth-codes`);
  }
  /** One authorization for several shops of a seller: the token works for each, through its cipher. */
  createAuthCodeForShops(shopIds: string[]): Promise<AuthCode> {
    return this.request("POST", "/auth-codes", { shopIds });
  }
  deauthorizeShop(shopId: string): Promise<{ webhooks: SentWebhook[] }> {
    return this.request("POST", `/shops/${encodeURIComponent(shopId)}/deauthorize`);
  }
  warnAuthorizationExpiring(shopId: string, days = 30): Promise<{ webhooks: SentWebhook[] }> {
    return this.request("POST", `/shops/${encodeURIComponent(shopId)}/authorization-expiring`, { days });
  }
  addProduct(product: z.input<typeof schemas.productInputSchema>): Promise<StandinProduct> {
    return this.request("POST", "/products", product);
  }
  createOrder(spec: OrderSpec = {}): Promise<OrderChange> {
    return this.request("POST", "/orders", spec);
  }
  /** Every order of every shop, as the Open API serves it. */
  async listOrders(): Promise<OrderChange["order"][]> {
    return (await this.request<{ orders: OrderChange["order"][] }>("GET", "/orders")).orders;
  }
  async getOrder(id: string): Promise<OrderChange["order"]> {
    return (await this.request<{ order: OrderChange["order"] }>("GET", `/orders/${encodeURIComponent(id)}`))
      .order;
  }
  /** The order, its packages (oldest first) and its Mark-as-shipped calls, to prove the app shipped once. */
  getOrderWithPackages(id: string): Promise<OrderWithPackages> {
    return this.request("GET", `/orders/${encodeURIComponent(id)}`);
  }
  async getOrderPackages(id: string): Promise<StandinPackage[]> {
    return (await this.getOrderWithPackages(id)).packages;
  }
  /** Every package of every shop, oldest first. */
  async listPackages(): Promise<StandinPackage[]> {
    return (await this.request<{ packages: StandinPackage[] }>("GET", "/packages")).packages;
  }
  setOrderStatus(
    id: string,
    status: TikTokOrderStatus,
    options: { cancelReason?: string } = {},
  ): Promise<OrderChange> {
    return this.request("POST", `/orders/${encodeURIComponent(id)}/status`, { status, ...options });
  }
  updateAddress(id: string, address: z.input<typeof schemas.addressSchema>): Promise<OrderChange> {
    return this.request("POST", `/orders/${encodeURIComponent(id)}/address`, address);
  }
  /** TikTok Shipping's carrier scanned the parcel: an AWAITING_COLLECTION order moves to IN_TRANSIT. */
  collect(orderId: string): Promise<OrderChange> {
    return this.request("POST", `/orders/${encodeURIComponent(orderId)}/collect`);
  }
  /** The buyer asks to cancel; unpaid or on hold, TikTok cancels at once, otherwise the seller answers. */
  requestCancellation(orderId: string, options: { reason?: string } = {}): Promise<CancellationChange> {
    return this.request("POST", `/orders/${encodeURIComponent(orderId)}/cancellation-request`, options);
  }
  /** The buyer asks for a refund, or to return items for one; every line not yet in a return by default. */
  requestReturn(orderId: string, spec: ReturnSpec): Promise<ReturnChange> {
    return this.request("POST", `/orders/${encodeURIComponent(orderId)}/returns`, spec);
  }
  /** TikTok refunds the buyer: the return is RETURN_OR_REFUND_REQUEST_COMPLETE. */
  completeReturn(returnId: string): Promise<ReturnChange> {
    return this.request("POST", `/returns/${encodeURIComponent(returnId)}/complete`);
  }
  /** The buyer sent the items back after the seller approved the return: BUYER_SHIPPED_ITEM. */
  markReturnShipped(returnId: string): Promise<ReturnChange> {
    return this.request("POST", `/returns/${encodeURIComponent(returnId)}/buyer-shipped`);
  }
  expireTokens(filter: z.input<typeof schemas.expireTokensSchema> = {}): Promise<{ expired: number }> {
    return this.request("POST", "/tokens/expire", filter);
  }
  injectFaults(
    faults: z.input<typeof schemas.faultsSchema>,
  ): Promise<{ rateLimited: number; unavailable: number }> {
    return this.request("POST", "/faults", faults);
  }
  /**
   * TikTok's per-shop rate limit: each shop may make `requestsPerSecond` Open API requests a second (null
   * lifts it); the counts start afresh.
   */
  setRateLimit(requestsPerSecond: number | null): Promise<RateLimitState> {
    return this.request("POST", "/rate-limit", { requestsPerSecond });
  }
  /** The limit in force and each shop's requests since it was set: accepted, and refused with 429. */
  rateLimit(): Promise<RateLimitState> {
    return this.request("GET", "/rate-limit");
  }
  /** Replaces how webhooks are delivered (skipped, late, twice); null delivers each once, on time again. */
  setWebhookFaults(
    faults: z.input<typeof schemas.webhookFaultsSchema> | null,
  ): Promise<{ faults: WebhookFaultConfig | null }> {
    return faults
      ? this.request("POST", "/webhook-faults", faults)
      : this.request("DELETE", "/webhook-faults");
  }
  /**
   * Releases ON_HOLD orders whose window has passed and delivers orders whose `deliverAfterSeconds` is up
   * (the stand-in also does this every second on the real clock).
   */
  tick(): Promise<{ released: string[]; delivered: string[] }> {
    return this.request("POST", "/tick");
  }
  async webhooks(): Promise<SentWebhook[]> {
    return (await this.request<{ webhooks: SentWebhook[] }>("GET", "/webhooks")).webhooks;
  }
  clearWebhooks(): Promise<{ cleared: number }> {
    return this.request("DELETE", "/webhooks");
  }
  reset(): Promise<{ reset: true }> {
    return this.request("POST", "/reset");
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_control${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`stand-in ${method} ${path}: ${payload.error ?? response.status}`);
    return payload;
  }
}

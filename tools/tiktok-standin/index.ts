import type { AddressInfo } from "node:net";
import { TikTokStandinControl } from "./control-client";
import { OrderLifecycle } from "./lifecycle";
import { createStandinServer } from "./server";
import { StandinState, type StandinConfig } from "./state";
import { WebhookSender } from "./webhooks";

export { TikTokStandinControl } from "./control-client";
export type {
  AuthCode,
  CancellationChange,
  OrderChange,
  OrderWithPackages,
  ReturnChange,
  ReturnSpec,
  StandinProduct,
} from "./control-client";
export {
  AFTER_SALES_ERRORS,
  CANCELLATION_REJECT_REASONS,
  RETURN_REJECT_REASONS,
  SELLER_CANCEL_REASONS,
  type StandinCancellation,
  type StandinReturn,
} from "./after-sales";
export type { LineSpec, OrderSpec } from "./order-builder";
export type { StandinPackage } from "./package-view";
export { DOCUMENT_TTL_SECONDS, pickupSlots, tiktokShippingCarrier } from "./tiktok-shipping";
export { PACKAGE_ERRORS, SHIPPING_INFO_UPDATE_WINDOW_SECONDS, TRACKING_NUMBER_PATTERN } from "./packages";
export {
  DELIVERY_OPTION_NAME,
  SHIPPING_PROVIDERS,
  deliveryOptionFor,
  shippingProviderId,
  shippingProvidersFor,
  type ShippingProvider,
} from "./shipping-providers";
export type { RateLimitState, ShopRequestCount } from "./rate-limit";
export type { ShipCalls, Shop, StandinConfig } from "./state";
export type { WebhookFaultConfig } from "./webhook-faults";
export { WEBHOOK_TYPES, type SentWebhook } from "./webhooks";

export type StartTikTokStandinOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  appKey: string;
  appSecret: string;
  webhookUrl?: string;
  /**
   * The stand-in's address as the app reaches it, for the URLs it hands out (shipping documents); defaults to
   * the address it listens on. Set it when the app reaches the stand-in through another name (a container).
   */
  publicUrl?: string;
  /** Where the authorization page (GET /open/authorize) sends the seller back. */
  redirectUrl?: string;
  webhooksEnabled?: boolean;
  onHoldSeconds?: number;
  /** Unix seconds. Tests pass the same clock to the app's client: TikTok rejects stale timestamps. */
  now?: () => number;
  /** TikTok's per-shop rate limit, in requests per second per shop; none by default (`/_control/rate-limit`). */
  requestsPerSecondPerShop?: number;
  /**
   * How often ON_HOLD windows and timed deliveries are checked; defaults to 1000 ms with the real clock, off
   * with an injected one.
   */
  tickIntervalMs?: number;
};

export type TikTokStandin = {
  url: string;
  control: TikTokStandinControl;
  state: StandinState;
  close(): Promise<void>;
};

/** Starts the TikTok Shop stand-in: Open API, token paths and /_control on one HTTP server. */
export async function startTikTokStandin(options: StartTikTokStandinOptions): Promise<TikTokStandin> {
  const config: StandinConfig = {
    appKey: options.appKey,
    appSecret: options.appSecret,
    webhookUrl: options.webhookUrl,
    redirectUrl: options.redirectUrl,
    webhooksEnabled: options.webhooksEnabled ?? true,
    onHoldSeconds: options.onHoldSeconds ?? 3600,
    accessTokenTtlSeconds: 7 * 86_400,
    refreshTokenTtlSeconds: 365 * 86_400,
  };
  const state = new StandinState(config, options.now ?? (() => Math.floor(Date.now() / 1000)));
  if (options.requestsPerSecondPerShop) state.rateLimit.set(options.requestsPerSecondPerShop);
  const webhooks = new WebhookSender(state);
  const lifecycle = new OrderLifecycle(state, webhooks);
  const server = createStandinServer({ state, webhooks, lifecycle });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  // Known only now that it listens: shipping documents' URLs point here.
  config.publicUrl = options.publicUrl ?? url;

  const interval = options.tickIntervalMs ?? (options.now ? 0 : 1000);
  const ticker =
    interval > 0 ? setInterval(() => void lifecycle.advanceDueOrders().catch(() => {}), interval) : undefined;
  ticker?.unref();

  return {
    url,
    state,
    control: new TikTokStandinControl(url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (ticker) clearInterval(ticker);
        webhooks.dropLateDeliveries();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

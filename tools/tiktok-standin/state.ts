import { randomBytes } from "node:crypto";
import type { CancellationRecord, ReturnRecord } from "./after-sales";
import type { OrderRecord } from "./order-builder";
import { ShopRateLimit } from "./rate-limit";

/** Everything the stand-in knows, in memory. Times are Unix seconds from the injectable clock. */
export type StandinConfig = {
  appKey: string;
  appSecret: string;
  webhookUrl?: string;
  /**
   * The stand-in's own address as the app reaches it, for the URLs it hands out (shipping documents, drop-off
   * points). Defaults to the address it listens on.
   */
  publicUrl?: string;
  /** The app's registered redirect URL: where the authorization page sends the seller back with a code. */
  redirectUrl?: string;
  webhooksEnabled: boolean;
  /** How long a new ON_HOLD order stays on hold before it moves to AWAITING_SHIPMENT. */
  onHoldSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
};

export type Shop = {
  id: string;
  name: string;
  region: string;
  cipher: string;
  code: string;
  sellerName: string;
  /** What its orders and products are priced in unless they say otherwise. */
  currency: string;
};

/**
 * One authorization, as TikTok grants it: a seller authorizes an app once for any of their shops (one per
 * market), and the token works for each of them through that shop's cipher.
 */
export type TokenRecord = {
  /** The granted shops, in the order the seller granted them. */
  shopIds: string[];
  /** Granted shops the seller has since deauthorized: their cipher is refused as an invalid token. */
  deauthorizedShopIds: string[];
  expiresAt: number;
  /** Every granted shop is deauthorized, so the token is refused whatever it asks for. */
  revoked: boolean;
};
/** The part of a token that a refresh carries over to the new access token. */
export type Grant = Pick<TokenRecord, "shopIds" | "deauthorizedShopIds">;

export type ProductRecord = {
  id: string;
  shopId: string;
  title: string;
  status: string;
  createTime: number;
  updateTime: number;
  skus: SkuRecord[];
};
export type SkuRecord = {
  id: string;
  sellerSku: string;
  price: string;
  currency: string;
  quantity: number;
  attributes: { name: string; value: string }[];
};

/**
 * A package: the lines it holds and the carrier's tracking number. A seller's is made by Mark as shipped,
 * already FULFILLING. TikTok makes a TikTok Shipping order's package with the order, PROCESSING and without
 * tracking (empty strings) until the seller arranges its handover. COMPLETED once the order is delivered;
 * CANCELLED when the order is cancelled before the package left.
 */
export type PackageRecord = {
  id: string;
  orderId: string;
  shopId: string;
  status: "PROCESSING" | "FULFILLING" | "COMPLETED" | "CANCELLED";
  shippingType: "SELLER" | "TIKTOK";
  trackingNumber: string;
  shippingProviderId: string;
  shippingProviderName: string;
  deliveryOptionId: string;
  orderLineItemIds: string[];
  /** TikTok Shipping: how the seller hands the package over, once arranged. */
  handoverMethod?: "PICKUP" | "DROP_OFF";
  pickupSlot?: { start_time: number; end_time: number };
  createTime: number;
  updateTime: number;
};

/** A shipping document handed out as a URL; like TikTok's, the link works for 24 hours. */
export type DocumentRecord = { packageId: string; pdf: Buffer; expiresAt: number };

/** Mark-as-shipped calls for one order that passed the gateway: those that made a package, those refused. */
export type ShipCalls = { shipped: number; refused: number };

export class StandinState {
  readonly shops = new Map<string, Shop>();
  readonly authCodes = new Map<string, { shopIds: string[]; expiresAt: number }>();
  readonly accessTokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, TokenRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly orders = new Map<string, OrderRecord>();
  readonly packages = new Map<string, PackageRecord>();
  /** By order id, so a test can prove the app shipped an order exactly once. */
  readonly shipCalls = new Map<string, ShipCalls>();
  readonly cancellations = new Map<string, CancellationRecord>();
  readonly returns = new Map<string, ReturnRecord>();
  /** Shipping documents by the token in their URL. */
  readonly documents = new Map<string, DocumentRecord>();
  /** Approve Cancellation's `idempotency_key` → the cancellation it approved, so a repeat changes nothing. */
  readonly idempotencyKeys = new Map<string, string>();
  /** Requests still to fail, for testing the app's retries. */
  readonly faults = { rateLimited: 0, unavailable: 0 };
  /** TikTok's per-shop rate limit (off unless set) and every shop's request count. */
  readonly rateLimit = new ShopRateLimit();
  private counter = 0;

  constructor(
    public config: StandinConfig,
    readonly now: () => number,
  ) {}

  /** TikTok-looking numeric ids: a fixed prefix and a counter, so runs are reproducible. */
  nextId(prefix: string, length = 18): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(length - prefix.length, "0")}`;
  }

  shopFor(shopId: string | undefined): Shop | undefined {
    return shopId ? this.shops.get(shopId) : this.shops.values().next().value;
  }

  /** An auth code for these shops: single use, valid for ten minutes, exchanged at /api/v2/token/get. */
  issueAuthCode(shopIds: string[]): { authCode: string; expiresAt: number } {
    const authCode = `TTP_${this.nextId("AC", 22)}`;
    const expiresAt = this.now() + 600;
    this.authCodes.set(authCode, { shopIds: [...shopIds], expiresAt });
    return { authCode, expiresAt };
  }

  issueTokens(shopIds: string[]): { accessToken: string; refreshToken: string } {
    const grant = { shopIds, deauthorizedShopIds: [] };
    const accessToken = `TTP_${randomBytes(24).toString("base64url")}`;
    const refreshToken = `TTP_${randomBytes(18).toString("base64url")}`;
    this.accessTokens.set(accessToken, this.tokenRecord(grant, this.config.accessTokenTtlSeconds));
    this.refreshTokens.set(refreshToken, this.tokenRecord(grant, this.config.refreshTokenTtlSeconds));
    return { accessToken, refreshToken };
  }

  /**
   * A new access token for an existing refresh token; TikTok keeps the refresh token. The new token has the
   * same grant, shops deauthorized since included, so a refresh does not bring a deauthorized shop back.
   */
  reissueAccessToken(grant: Grant): string {
    const accessToken = `TTP_${randomBytes(24).toString("base64url")}`;
    this.accessTokens.set(accessToken, this.tokenRecord(grant, this.config.accessTokenTtlSeconds));
    return accessToken;
  }

  /** Makes matching tokens expire now; with no filter, every access token. */
  expireTokens(filter: { accessToken?: string; refreshToken?: string; shopId?: string }): number {
    const expire = (tokens: Map<string, TokenRecord>, only?: string) => {
      let count = 0;
      for (const [token, record] of tokens) {
        if ((only && token !== only) || (filter.shopId && !record.shopIds.includes(filter.shopId))) continue;
        record.expiresAt = this.now() - 1;
        count += 1;
      }
      return count;
    };
    if (filter.refreshToken) return expire(this.refreshTokens, filter.refreshToken);
    return expire(this.accessTokens, filter.accessToken);
  }

  /**
   * Forgets shops, tokens, products, orders, packages, cancellations, returns, faults and the rate limit;
   * keeps the configuration.
   */
  reset(): void {
    for (const map of [
      this.shops,
      this.authCodes,
      this.accessTokens,
      this.refreshTokens,
      this.products,
      this.orders,
      this.packages,
      this.shipCalls,
      this.cancellations,
      this.returns,
      this.documents,
      this.idempotencyKeys,
    ]) {
      map.clear();
    }
    Object.assign(this.faults, { rateLimited: 0, unavailable: 0 });
    this.rateLimit.set(null);
  }

  /** Ends every token's access to this shop; a token left with no shop is revoked altogether. */
  revokeShop(shopId: string): void {
    for (const tokens of [this.accessTokens, this.refreshTokens]) {
      for (const record of tokens.values()) {
        if (!record.shopIds.includes(shopId) || record.deauthorizedShopIds.includes(shopId)) continue;
        record.deauthorizedShopIds.push(shopId);
        record.revoked = record.shopIds.every((id) => record.deauthorizedShopIds.includes(id));
      }
    }
  }

  private tokenRecord({ shopIds, deauthorizedShopIds }: Grant, ttl: number): TokenRecord {
    return {
      shopIds: [...shopIds],
      deauthorizedShopIds: [...deauthorizedShopIds],
      expiresAt: this.now() + ttl,
      revoked: shopIds.every((id) => deauthorizedShopIds.includes(id)),
    };
  }
}

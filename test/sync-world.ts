import type { TikTokOrder } from "~/tiktok/types";
import type { ShopifyStandin } from "../tools/shopify-standin";

/**
 * A store as the sync sees it: its row and settings, a TikTok connection, an offline Shopify session, and
 * the same store on the Shopify stand-in with one variant per linked TikTok SKU. Import it only after
 * SHOPIFY_ADMIN_API_URL points at the stand-in (the app reads its environment once).
 */
export type WorldOptions = {
  domain: string;
  skus?: { skuId: string; sellerSku?: string; inventory?: number; policy?: "DENY" | "CONTINUE" }[];
  settings?: Record<string, unknown>;
  planActive?: boolean;
  bucket?: { maximumAvailable: number; restoreRate: number };
  connectedAt?: Date;
  /** False: no TikTok shop is connected (the caller connects a real one of a TikTok stand-in). */
  connect?: boolean;
};

export async function seedWorld(standin: Pick<ShopifyStandin, "control">, options: WorldOptions) {
  const { default: prisma } = await import("~/db.server");
  const { linkSku } = await import("~/models/product-link.server");
  const token = `shpat_${options.domain.split(".")[0]}`;
  await standin.control.createShop({
    domain: options.domain,
    tokens: [token],
    ...(options.bucket ? { bucket: options.bucket } : {}),
  });
  if (options.planActive !== false)
    await standin.control.setSubscription(options.domain, { status: "ACTIVE" });
  const shop = await prisma.shop.create({ data: { domain: options.domain, ...options.settings } });
  await prisma.session.create({
    data: {
      id: `offline_${options.domain}`,
      shop: options.domain,
      state: "",
      isOnline: false,
      accessToken: token,
      scope: "read_orders,write_orders,read_products,read_inventory,read_fulfillments",
    },
  });
  // Connected and linked long before the orders the tests place, unless a test says otherwise.
  const connectedAt = options.connectedAt ?? new Date("2026-01-01T00:00:00Z");
  if (options.connect !== false) await connectTikTokShop(options.domain, shop.id, connectedAt);
  const linkedAt = new Date(connectedAt.getTime() + 60_000);
  for (const [index, sku] of (options.skus ?? []).entries()) {
    const variantId = `gid://shopify/ProductVariant/${9000 + index}`;
    await standin.control.addProduct(options.domain, {
      title: `Product ${sku.skuId}`,
      variants: [
        {
          id: variantId,
          sku: sku.sellerSku ?? `SKU-${index}`,
          price: "20.00",
          inventory: sku.inventory ?? 100,
          inventoryPolicy: sku.policy ?? "DENY",
        },
      ],
    });
    await linkSku(
      shop.id,
      { tiktokProductId: `p-${sku.skuId}`, tiktokSkuId: sku.skuId, shopifyVariantId: variantId },
      linkedAt,
    );
  }
  return { shop, token, domain: options.domain };
}

/** Stores a TikTok order for the store as a webhook or the poller would, and returns its row id. */
export async function receiveOrder(
  shopId: string,
  order: TikTokOrder,
  tiktokShopId?: string,
): Promise<string> {
  const { upsertTikTokOrder } = await import("./factories/stored-order");
  return (await upsertTikTokOrder(shopId, order, tiktokShopId)).id;
}

/**
 * A TikTok connection for a store (made if missing), with throwaway tokens, connected at `connectedAt`: its
 * TikTok shop `tts-<domain>` unless another id (a second market's shop) is given.
 */
export async function connectTikTokShop(
  domain: string,
  shopId: string,
  connectedAt: Date,
  shop: { tiktokShopId?: string; region?: string } = {},
): Promise<void> {
  const { connectTikTokShop } = await import("~/models/tiktok-connection.server");
  const { default: prisma } = await import("~/db.server");
  const tiktokShopId = shop.tiktokShopId ?? `tts-${domain}`;
  await connectTikTokShop(domain, {
    tiktokShopId,
    cipher: `ROW_cipher_${tiktokShopId}`,
    region: shop.region ?? "US",
    accessToken: "tt-access",
    accessTokenExpiresAt: null,
    refreshToken: "tt-refresh",
    refreshTokenExpiresAt: null,
  });
  await prisma.tikTokConnection.updateMany({ where: { shopId, tiktokShopId }, data: { connectedAt } });
}

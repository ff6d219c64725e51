import { findHeldGrant } from "~/models/tiktok-authorization.server";
import { listTikTokConnections } from "~/models/tiktok-connection.server";
import { isTikTokConfigured } from "./connection.server";

/** Warn the merchant this long before TikTok's authorization ends (sellers re-authorize yearly). */
export const EXPIRY_WARNING_MS = 30 * 86_400_000;

export type TikTokShopView = {
  tiktokShopId: string;
  shopName: string;
  region: string;
  connectedAt: string;
  lastPolledAt: string | null;
  deauthorizedAt: string | null;
  /** When the authorization ends: TikTok's warning if it sent one, else the refresh token's expiry. */
  expiresAt: string | null;
  expiresSoon: boolean;
  /** This shop's own auto-sync; null follows the store's setting. */
  autoSync: boolean | null;
};

export type TikTokConnectionSummary = {
  /** The app has TikTok credentials; without them there is nothing to connect. */
  configured: boolean;
  /** The store's TikTok shops, first connected first. */
  connections: TikTokShopView[];
  /** TikTok granted several shops: the merchant picks which to connect, until `expiresAt`. */
  choice: {
    shops: { tiktokShopId: string; shopName: string; region: string; connected: boolean }[];
    expiresAt: string;
  } | null;
};

/** What the Settings page shows about the TikTok shops; dates as ISO strings for the page. */
export async function getTikTokConnectionSummary(
  shopDomain: string,
  now = new Date(),
): Promise<TikTokConnectionSummary> {
  const rows = await listTikTokConnections(shopDomain);
  const connections = rows.map((status): TikTokShopView => {
    const expiresAt = status.authorizationExpiresAt ?? status.refreshTokenExpiresAt;
    return {
      tiktokShopId: status.tiktokShopId,
      shopName: status.tiktokShopName ?? status.tiktokShopId,
      region: status.region,
      connectedAt: status.connectedAt.toISOString(),
      lastPolledAt: status.lastPolledAt?.toISOString() ?? null,
      deauthorizedAt: status.deauthorizedAt?.toISOString() ?? null,
      expiresAt: expiresAt?.toISOString() ?? null,
      expiresSoon: expiresAt !== null && expiresAt.getTime() - now.getTime() < EXPIRY_WARNING_MS,
      autoSync: status.autoSync,
    };
  });
  const held = await findHeldGrant(shopDomain, now);
  const connected = new Set(rows.filter((row) => !row.deauthorizedAt).map((row) => row.tiktokShopId));
  const choice = held && {
    shops: held.shops.map((shop) => ({
      tiktokShopId: shop.tiktokShopId,
      shopName: shop.tiktokShopName ?? shop.tiktokShopId,
      region: shop.region,
      connected: connected.has(shop.tiktokShopId),
    })),
    expiresAt: held.expiresAt.toISOString(),
  };
  return { configured: isTikTokConfigured(), connections, choice };
}

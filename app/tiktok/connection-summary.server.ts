import { getTikTokConnectionStatus } from "~/models/tiktok-connection.server";
import { isTikTokConfigured } from "./connection.server";

/** Warn the merchant this long before TikTok's authorization ends (sellers re-authorize yearly). */
export const EXPIRY_WARNING_MS = 30 * 86_400_000;

export type TikTokConnectionSummary = {
  /** The app has TikTok credentials; without them there is nothing to connect. */
  configured: boolean;
  connection: {
    shopName: string;
    region: string;
    connectedAt: string;
    lastPolledAt: string | null;
    deauthorizedAt: string | null;
    /** When the authorization ends: TikTok's warning if it sent one, else the refresh token's expiry. */
    expiresAt: string | null;
    expiresSoon: boolean;
  } | null;
};

/** What the Settings page shows about the TikTok connection; dates as ISO strings for the page. */
export async function getTikTokConnectionSummary(
  shopDomain: string,
  now = new Date(),
): Promise<TikTokConnectionSummary> {
  const status = await getTikTokConnectionStatus(shopDomain);
  if (!status) return { configured: isTikTokConfigured(), connection: null };
  const expiresAt = status.authorizationExpiresAt ?? status.refreshTokenExpiresAt;
  return {
    configured: isTikTokConfigured(),
    connection: {
      shopName: status.tiktokShopName ?? status.tiktokShopId,
      region: status.region,
      connectedAt: status.connectedAt.toISOString(),
      lastPolledAt: status.lastPolledAt?.toISOString() ?? null,
      deauthorizedAt: status.deauthorizedAt?.toISOString() ?? null,
      expiresAt: expiresAt?.toISOString() ?? null,
      expiresSoon: expiresAt !== null && expiresAt.getTime() - now.getTime() < EXPIRY_WARNING_MS,
    },
  };
}

import prisma from "~/db.server";
import { env } from "~/env.server";
import { decrypt, encrypt, parseKey } from "~/lib/encryption.server";

const key = parseKey(env.TOKEN_ENCRYPTION_KEY);

export type TikTokTokens = {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string;
  refreshTokenExpiresAt: Date | null;
};

export type NewTikTokConnection = TikTokTokens & {
  tiktokShopId: string;
  tiktokShopName?: string | null;
  cipher: string;
  region: string;
};

export type TikTokConnectionWithTokens = NewTikTokConnection & { connectedAt: Date };

/** Connects a TikTok shop to the store; tokens are stored only as AES-256-GCM ciphertext. */
export async function saveTikTokConnection(shopDomain: string, input: NewTikTokConnection) {
  const shop = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain },
    update: {},
  });
  const data = {
    tiktokShopId: input.tiktokShopId,
    tiktokShopName: input.tiktokShopName ?? null,
    cipher: input.cipher,
    region: input.region,
    accessTokenEncrypted: encrypt(input.accessToken, key),
    accessTokenExpiresAt: input.accessTokenExpiresAt,
    refreshTokenEncrypted: encrypt(input.refreshToken, key),
    refreshTokenExpiresAt: input.refreshTokenExpiresAt,
  };
  await prisma.tikTokConnection.upsert({
    where: { shopId: shop.id },
    create: { shopId: shop.id, ...data },
    update: data,
  });
}

/** Stores refreshed tokens without touching when the shop was connected. */
export async function updateTikTokTokens(shopDomain: string, tokens: TikTokTokens): Promise<void> {
  await prisma.tikTokConnection.updateMany({
    where: { shop: { domain: shopDomain } },
    data: {
      accessTokenEncrypted: encrypt(tokens.accessToken, key),
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenEncrypted: encrypt(tokens.refreshToken, key),
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    },
  });
}

export async function getTikTokConnection(shopDomain: string): Promise<TikTokConnectionWithTokens | null> {
  const row = await prisma.tikTokConnection.findFirst({ where: { shop: { domain: shopDomain } } });
  if (!row) return null;
  return {
    tiktokShopId: row.tiktokShopId,
    tiktokShopName: row.tiktokShopName,
    cipher: row.cipher,
    region: row.region,
    connectedAt: row.connectedAt,
    accessToken: decrypt(row.accessTokenEncrypted, key),
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshToken: decrypt(row.refreshTokenEncrypted, key),
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
  };
}

export async function deleteTikTokConnection(shopDomain: string): Promise<void> {
  await prisma.tikTokConnection.deleteMany({ where: { shop: { domain: shopDomain } } });
}

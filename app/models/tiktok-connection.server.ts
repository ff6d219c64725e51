import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { decryptWithAny, encrypt, parseKey } from "~/lib/encryption.server";
import { reencryptDataReports } from "./privacy.server";
import { reencryptSessionTokens } from "./session-storage.server";

const key = parseKey(env.TOKEN_ENCRYPTION_KEY);
// During a key rotation, tokens not yet re-encrypted are still read with the previous key.
const previousKey = env.TOKEN_ENCRYPTION_KEY_PREVIOUS
  ? parseKey(env.TOKEN_ENCRYPTION_KEY_PREVIOUS)
  : undefined;
const keys = previousKey ? [key, previousKey] : [key];
// What a wiped token column holds: no ciphertext, so no token.
const WIPED = "";
const readToken = (sealed: string) => (sealed === WIPED ? "" : decryptWithAny(sealed, keys));

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

export type TikTokConnectionWithTokens = NewTikTokConnection & {
  shopId: string;
  connectedAt: Date;
  deauthorizedAt: Date | null;
  authorizationExpiresAt: Date | null;
};

/** Writes the store's connection; tokens are stored only as AES-256-GCM ciphertext. */
async function saveTikTokConnection(shopDomain: string, input: NewTikTokConnection) {
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
    shopId: row.shopId,
    connectedAt: row.connectedAt,
    deauthorizedAt: row.deauthorizedAt,
    authorizationExpiresAt: row.authorizationExpiresAt,
    accessToken: readToken(row.accessTokenEncrypted),
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshToken: readToken(row.refreshTokenEncrypted),
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
  };
}

/**
 * Erases the stored tokens (the app was uninstalled). The row stays, deauthorized, so the connection time
 * and poll cursor survive a reinstall that reconnects the same TikTok shop; shop/redact deletes it.
 */
export async function wipeTikTokTokens(shopDomain: string, now = new Date()): Promise<void> {
  await prisma.tikTokConnection.updateMany({
    where: { shop: { domain: shopDomain } },
    data: {
      accessTokenEncrypted: WIPED,
      accessTokenExpiresAt: now,
      refreshTokenEncrypted: WIPED,
      refreshTokenExpiresAt: now,
      deauthorizedAt: now,
    },
  });
}

export async function deleteTikTokConnection(shopDomain: string): Promise<void> {
  await prisma.tikTokConnection.deleteMany({ where: { shop: { domain: shopDomain } } });
}

export type ConnectOutcome = { ok: true; reauthorized: boolean } | { ok: false; connectedTo: string };

/**
 * Connects the TikTok shop a merchant just authorized. A TikTok shop belongs to one Shopify store: one that
 * another installed store already connected is refused. Authorizing the same TikTok shop again (after
 * deauthorization or expiry) keeps the connection time and the poll cursor; a new or different TikTok shop
 * is connected from `now`, the time ORDER_BEFORE_CONNECTION compares orders with.
 */
export async function connectTikTokShop(
  shopDomain: string,
  input: NewTikTokConnection,
  now = new Date(),
): Promise<ConnectOutcome> {
  const owner = await prisma.tikTokConnection.findUnique({
    where: { tiktokShopId: input.tiktokShopId },
    select: { shop: { select: { domain: true, uninstalledAt: true } } },
  });
  if (owner && owner.shop.domain !== shopDomain) {
    if (!owner.shop.uninstalledAt) return { ok: false, connectedTo: owner.shop.domain };
    // The store that had it uninstalled the app: the TikTok shop is free again.
    await prisma.tikTokConnection.deleteMany({ where: { tiktokShopId: input.tiktokShopId } });
  }
  const previous = await prisma.tikTokConnection.findFirst({
    where: { shop: { domain: shopDomain } },
    select: { tiktokShopId: true },
  });
  try {
    await saveTikTokConnection(shopDomain, input);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, connectedTo: "another store" };
    throw error;
  }
  const reauthorized = previous?.tiktokShopId === input.tiktokShopId;
  await prisma.tikTokConnection.updateMany({
    where: { shop: { domain: shopDomain } },
    data: {
      deauthorizedAt: null,
      authorizationExpiresAt: null,
      ...(reauthorized ? {} : { connectedAt: now, pollCursor: null, lastPolledAt: null }),
    },
  });
  return { ok: true, reauthorized };
}

/** The store a TikTok shop is connected to, for webhooks, which name only TikTok's shop id. */
export async function findStoreByTikTokShopId(tiktokShopId: string) {
  const row = await prisma.tikTokConnection.findUnique({
    where: { tiktokShopId },
    select: { shopId: true, deauthorizedAt: true, shop: { select: { domain: true } } },
  });
  return row && { shopId: row.shopId, shopDomain: row.shop.domain, deauthorizedAt: row.deauthorizedAt };
}

/** When the store connected its TikTok shop (stage 1 compares orders with it); null when it has none. */
export async function getConnectedAt(shopId: string): Promise<Date | null> {
  const row = await prisma.tikTokConnection.findUnique({ where: { shopId }, select: { connectedAt: true } });
  return row?.connectedAt ?? null;
}

/** The connection without its tokens: what Settings shows and what the poller needs. */
export async function getTikTokConnectionStatus(shopDomain: string) {
  return prisma.tikTokConnection.findFirst({
    where: { shop: { domain: shopDomain } },
    select: {
      shopId: true,
      tiktokShopId: true,
      tiktokShopName: true,
      region: true,
      connectedAt: true,
      accessTokenExpiresAt: true,
      refreshTokenExpiresAt: true,
      pollCursor: true,
      lastPolledAt: true,
      deauthorizedAt: true,
      authorizationExpiresAt: true,
    },
  });
}

/** TikTok said the seller revoked the app (SELLER_DEAUTHORIZATION): polling stops until they reconnect. */
export async function markTikTokDeauthorized(tiktokShopId: string, at: Date): Promise<void> {
  await prisma.tikTokConnection.updateMany({ where: { tiktokShopId }, data: { deauthorizedAt: at } });
}

/** TikTok warned that the authorization ends at `expiresAt` (UPCOMING_AUTHORIZATION_EXPIRATION). */
export async function setTikTokAuthorizationExpiry(tiktokShopId: string, expiresAt: Date): Promise<void> {
  await prisma.tikTokConnection.updateMany({
    where: { tiktokShopId },
    data: { authorizationExpiresAt: expiresAt },
  });
}

/** Stores that can be polled: connected, not deauthorized, app still installed. */
export async function listPollableTikTokShops(): Promise<string[]> {
  const rows = await prisma.tikTokConnection.findMany({
    where: { deauthorizedAt: null, shop: { uninstalledAt: null } },
    select: { shop: { select: { domain: true } } },
    orderBy: { lastPolledAt: { sort: "asc", nulls: "first" } },
  });
  return rows.map((row) => row.shop.domain);
}

/** Records a poll; the cursor only moves forward, so a slow poll can't undo a faster one's progress. */
export async function saveTikTokPollProgress(
  shopDomain: string,
  progress: { pollCursor?: Date; lastPolledAt?: Date },
): Promise<void> {
  const where = { shop: { domain: shopDomain } };
  if (progress.pollCursor) {
    await prisma.tikTokConnection.updateMany({
      where: { ...where, OR: [{ pollCursor: null }, { pollCursor: { lt: progress.pollCursor } }] },
      data: { pollCursor: progress.pollCursor },
    });
  }
  if (progress.lastPolledAt) {
    await prisma.tikTokConnection.updateMany({ where, data: { lastPolledAt: progress.lastPolledAt } });
  }
}

/**
 * Re-encrypts every stored token under the current key (after TOKEN_ENCRYPTION_KEY changed and the old one
 * moved to TOKEN_ENCRYPTION_KEY_PREVIOUS): the TikTok connections', the Shopify sessions' and the data reports
 * not yet downloaded. Returns how
 * many rows were rewritten; a token neither key opens stops the rotation with a DecryptionError, before
 * anything for that row is written. A row is written only while it still holds the tokens read, so a
 * refresh the app stored meanwhile (sealed under the current key already) is never overwritten.
 */
export async function reencryptAllTokens(): Promise<number> {
  const rows = await prisma.tikTokConnection.findMany({
    select: { id: true, accessTokenEncrypted: true, refreshTokenEncrypted: true },
  });
  let rewritten = 0;
  for (const row of rows) {
    const reseal = (sealed: string) => (sealed === WIPED ? WIPED : encrypt(readToken(sealed), key));
    const { count } = await prisma.tikTokConnection.updateMany({
      where: row,
      data: {
        accessTokenEncrypted: reseal(row.accessTokenEncrypted),
        refreshTokenEncrypted: reseal(row.refreshTokenEncrypted),
      },
    });
    rewritten += count;
  }
  return rewritten + (await reencryptSessionTokens()) + (await reencryptDataReports());
}

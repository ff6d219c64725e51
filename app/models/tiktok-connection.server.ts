import { randomUUID } from "node:crypto";
import { Prisma, type TikTokConnection } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow } from "~/db/json-row.server";
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

/** Seals a secret the app keeps for a while (a grant waiting for the merchant's choice) like the tokens. */
export const sealSecret = (plaintext: string) => encrypt(plaintext, key);
export const openSecret = (sealed: string) => decryptWithAny(sealed, keys);

export type TikTokTokens = {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string;
  refreshTokenExpiresAt: Date | null;
};

export type TikTokShopGranted = {
  tiktokShopId: string;
  tiktokShopName?: string | null;
  cipher: string;
  region: string;
};

export type NewTikTokConnection = TikTokTokens & TikTokShopGranted;

/** A TikTok shop as connected to a store: which store, and which TikTok shop of it. */
export type TikTokShopRef = { shopDomain: string; tiktokShopId: string };

export type TikTokConnectionWithTokens = NewTikTokConnection & {
  shopId: string;
  grantId: string;
  connectedAt: Date;
  deauthorizedAt: Date | null;
  authorizationExpiresAt: Date | null;
};

const ofRef = (ref: TikTokShopRef) => ({ tiktokShopId: ref.tiktokShopId, shop: { domain: ref.shopDomain } });

function sealedTokens(tokens: TikTokTokens) {
  return {
    accessTokenEncrypted: encrypt(tokens.accessToken, key),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenEncrypted: encrypt(tokens.refreshToken, key),
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  };
}

/**
 * Stores refreshed tokens for every connection of the authorization they came from (one authorization covers
 * all the shops the seller granted), without touching when each shop was connected.
 */
export async function updateTikTokTokens(grantId: string, tokens: TikTokTokens): Promise<void> {
  await prisma.tikTokConnection.updateMany({ where: { grantId }, data: sealedTokens(tokens) });
}

export async function getTikTokConnection(ref: TikTokShopRef): Promise<TikTokConnectionWithTokens | null> {
  // Straight to the driver: every TikTok client is built from it (one per fulfilment sent, per sync).
  const [found] = await database.query<{ connection: Record<string, unknown> }>(
    `SELECT to_jsonb(t) AS "connection" FROM "TikTokConnection" t JOIN "Shop" s ON s."id" = t."shopId"
     WHERE t."tiktokShopId" = $1 AND s."domain" = $2 LIMIT 1`,
    [ref.tiktokShopId, ref.shopDomain],
  );
  if (!found) return null;
  const row = fromJsonRow<TikTokConnection>("TikTokConnection", found.connection);
  return {
    tiktokShopId: row.tiktokShopId,
    tiktokShopName: row.tiktokShopName,
    cipher: row.cipher,
    region: row.region,
    shopId: row.shopId,
    grantId: row.grantId,
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
 * Erases the stored tokens of every TikTok shop of the store (the app was uninstalled). The rows stay,
 * deauthorized, so connection times and poll cursors survive a reinstall that reconnects the same TikTok
 * shops; shop/redact deletes them.
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

/** Disconnects one TikTok shop of the store; true when it was connected. */
export async function deleteTikTokConnection(ref: TikTokShopRef): Promise<boolean> {
  const { count } = await prisma.tikTokConnection.deleteMany({ where: ofRef(ref) });
  return count > 0;
}

export type ConnectOutcome =
  { ok: true; tiktokShopId: string } | { ok: false; tiktokShopId: string; connectedTo: string };

/**
 * Connects the TikTok shops a merchant picked from one authorization: they share its tokens (`grantId`). A
 * TikTok shop belongs to one Shopify store: one that another installed store already connected is refused.
 * Authorizing a connected TikTok shop again (after deauthorization or expiry) keeps its connection time and
 * poll cursor; a new one is connected from `now`, the time ORDER_BEFORE_CONNECTION compares its orders with.
 */
export async function connectTikTokShops(
  shopDomain: string,
  grant: TikTokTokens & { shops: readonly TikTokShopGranted[] },
  now = new Date(),
): Promise<ConnectOutcome[]> {
  const shop = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain },
    update: {},
  });
  const grantId = randomUUID();
  const outcomes: ConnectOutcome[] = [];
  for (const granted of grant.shops) {
    const owner = await prisma.tikTokConnection.findUnique({
      where: { tiktokShopId: granted.tiktokShopId },
      select: { shopId: true, shop: { select: { domain: true, uninstalledAt: true } } },
    });
    if (owner && owner.shopId !== shop.id) {
      if (!owner.shop.uninstalledAt) {
        outcomes.push({ ok: false, tiktokShopId: granted.tiktokShopId, connectedTo: owner.shop.domain });
        continue;
      }
      // The store that had it uninstalled the app: the TikTok shop is free again.
      await prisma.tikTokConnection.deleteMany({ where: { tiktokShopId: granted.tiktokShopId } });
    }
    const data = {
      tiktokShopName: granted.tiktokShopName ?? null,
      cipher: granted.cipher,
      region: granted.region,
      grantId,
      ...sealedTokens(grant),
      deauthorizedAt: null,
      authorizationExpiresAt: null,
    };
    try {
      await prisma.tikTokConnection.upsert({
        where: { tiktokShopId: granted.tiktokShopId },
        create: { shopId: shop.id, tiktokShopId: granted.tiktokShopId, connectedAt: now, ...data },
        update: data,
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        outcomes.push({ ok: false, tiktokShopId: granted.tiktokShopId, connectedTo: "another store" });
        continue;
      }
      throw error;
    }
    outcomes.push({ ok: true, tiktokShopId: granted.tiktokShopId });
  }
  return outcomes;
}

/** Connects the one TikTok shop an authorization granted. */
export async function connectTikTokShop(
  shopDomain: string,
  input: NewTikTokConnection,
  now = new Date(),
): Promise<ConnectOutcome> {
  const { tiktokShopId, tiktokShopName, cipher, region, ...tokens } = input;
  const [outcome] = await connectTikTokShops(
    shopDomain,
    { ...tokens, shops: [{ tiktokShopId, tiktokShopName, cipher, region }] },
    now,
  );
  if (!outcome) throw new Error("Connecting one TikTok shop gave no outcome.");
  return outcome;
}

/** The store a TikTok shop is connected to, for webhooks, which name only TikTok's shop id. */
export async function findStoreByTikTokShopId(tiktokShopId: string) {
  const row = await prisma.tikTokConnection.findUnique({
    where: { tiktokShopId },
    select: { shopId: true, deauthorizedAt: true, shop: { select: { domain: true } } },
  });
  return (
    row && {
      shopId: row.shopId,
      shopDomain: row.shop.domain,
      tiktokShopId,
      deauthorizedAt: row.deauthorizedAt,
    }
  );
}

const STATUS = {
  shopId: true,
  tiktokShopId: true,
  tiktokShopName: true,
  region: true,
  connectedAt: true,
  autoSync: true,
  accessTokenExpiresAt: true,
  refreshTokenExpiresAt: true,
  pollCursor: true,
  lastPolledAt: true,
  deauthorizedAt: true,
  authorizationExpiresAt: true,
} as const;

/** One connection without its tokens: what the poller needs. */
export async function getTikTokConnectionStatus(ref: TikTokShopRef) {
  return prisma.tikTokConnection.findFirst({ where: ofRef(ref), select: STATUS });
}

/** The store's TikTok shops without their tokens, in the order they were connected: what Settings shows. */
export async function listTikTokConnections(shopDomain: string) {
  return prisma.tikTokConnection.findMany({
    where: { shop: { domain: shopDomain } },
    select: STATUS,
    orderBy: [{ connectedAt: "asc" }, { tiktokShopId: "asc" }],
  });
}

/** Auto-sync for one TikTok shop: on, off, or null to follow the store's setting. False when not connected. */
export async function setTikTokShopAutoSync(ref: TikTokShopRef, autoSync: boolean | null): Promise<boolean> {
  const { count } = await prisma.tikTokConnection.updateMany({ where: ofRef(ref), data: { autoSync } });
  return count > 0;
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

/** TikTok shops that can be polled: connected, not deauthorized, app still installed; least recent first. */
export async function listPollableTikTokShops(): Promise<TikTokShopRef[]> {
  const rows = await prisma.tikTokConnection.findMany({
    where: { deauthorizedAt: null, shop: { uninstalledAt: null } },
    select: { tiktokShopId: true, shop: { select: { domain: true } } },
    orderBy: { lastPolledAt: { sort: "asc", nulls: "first" } },
  });
  return rows.map((row) => ({ shopDomain: row.shop.domain, tiktokShopId: row.tiktokShopId }));
}

/** Records a poll; the cursor only moves forward, so a slow poll can't undo a faster one's progress. */
export async function saveTikTokPollProgress(
  ref: TikTokShopRef,
  progress: { pollCursor?: Date; lastPolledAt?: Date },
): Promise<void> {
  const where = ofRef(ref);
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

/** A store's connected TikTok shops, each with the time its returns were last looked through. */
export async function listReturnWatermarks(shopId: string) {
  return prisma.tikTokConnection.findMany({
    where: { shopId, deauthorizedAt: null },
    select: { id: true, tiktokShopId: true, returnsCheckedAt: true },
  });
}

/** The returns pass read the shop's returns up to `at`; the watermark only moves forward. */
export async function saveReturnsCheckedAt(connectionId: string, at: Date): Promise<void> {
  await prisma.tikTokConnection.updateMany({
    where: { id: connectionId, OR: [{ returnsCheckedAt: null }, { returnsCheckedAt: { lt: at } }] },
    data: { returnsCheckedAt: at },
  });
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

import prisma from "~/db.server";
import {
  openSecret,
  sealSecret,
  type TikTokShopGranted,
  type TikTokTokens,
} from "./tiktok-connection.server";

/**
 * The steps of one Connect to TikTok Shop, each usable once and only until `expiresAt`. Secrets (the ticket,
 * the browser's key) are kept as hashes: the table alone lets nobody take a step.
 */
export type NewAuthorization = { nonce: string; ticketHash: string; expiresAt: Date };

/** Records a Connect the store's merchant started; authorizations expired a day ago are dropped then. */
export async function createAuthorization(shopDomain: string, input: NewAuthorization, now = new Date()) {
  const shop = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain },
    update: {},
    select: { id: true },
  });
  await prisma.tikTokAuthorization.deleteMany({
    where: { shopId: shop.id, expiresAt: { lt: new Date(now.getTime() - 86_400_000) } },
  });
  await prisma.tikTokAuthorization.create({ data: { shopId: shop.id, ...input } });
}

/**
 * Redeems a ticket, once: binds the authorization to the browser that opened it. Null when the ticket is
 * unknown, used or expired.
 */
export async function redeemTicket(ticketHash: string, browserHash: string, now = new Date()) {
  const redeemed = await prisma.tikTokAuthorization.updateMany({
    where: { ticketHash, redeemedAt: null, expiresAt: { gt: now } },
    data: { redeemedAt: now, browserHash },
  });
  if (redeemed.count !== 1) return null;
  const row = await prisma.tikTokAuthorization.findUnique({
    where: { ticketHash },
    select: { nonce: true, expiresAt: true, shop: { select: { domain: true } } },
  });
  return row && { nonce: row.nonce, expiresAt: row.expiresAt, shopDomain: row.shop.domain };
}

/**
 * Uses the nonce up, once, for the store and the browser it was issued to: true when this call did. A
 * second use, another browser or another store's nonce changes nothing.
 */
export async function completeAuthorization(
  nonce: string,
  shopDomain: string,
  browserHash: string,
  now = new Date(),
): Promise<boolean> {
  const completed = await prisma.tikTokAuthorization.updateMany({
    where: {
      nonce,
      browserHash,
      shop: { domain: shopDomain },
      redeemedAt: { not: null },
      completedAt: null,
      expiresAt: { gt: now },
    },
    data: { completedAt: now },
  });
  return completed.count === 1;
}

/** What TikTok granted: its tokens and the shops they open. */
export type Grant = TikTokTokens & { shops: TikTokShopGranted[] };

/**
 * Keeps a grant of several TikTok shops, sealed, until the merchant picks which to connect in Settings: once,
 * until `expiresAt`. The authorization was completed (its nonce used) by the browser that started it.
 */
export async function holdGrant(nonce: string, grant: Grant, expiresAt: Date): Promise<void> {
  await prisma.tikTokAuthorization.update({
    where: { nonce },
    data: { grantEncrypted: sealSecret(JSON.stringify(grant)), expiresAt },
  });
}

/** The shops of the store's grant waiting for a choice (no tokens); null when there is none. */
export async function findHeldGrant(shopDomain: string, now = new Date()) {
  const row = await heldGrantRow(shopDomain, now);
  if (!row) return null;
  return { shops: openGrant(row.grantEncrypted).shops, expiresAt: row.expiresAt };
}

/** Takes the store's waiting grant, once: a second take (another tab, a replayed post) gets null. */
export async function takeHeldGrant(shopDomain: string, now = new Date()): Promise<Grant | null> {
  const row = await heldGrantRow(shopDomain, now);
  if (!row) return null;
  const taken = await prisma.tikTokAuthorization.updateMany({
    where: { nonce: row.nonce, grantEncrypted: row.grantEncrypted },
    data: { grantEncrypted: null },
  });
  return taken.count === 1 ? openGrant(row.grantEncrypted) : null;
}

async function heldGrantRow(shopDomain: string, now: Date) {
  const row = await prisma.tikTokAuthorization.findFirst({
    where: { shop: { domain: shopDomain }, grantEncrypted: { not: null }, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { nonce: true, grantEncrypted: true, expiresAt: true },
  });
  return row?.grantEncrypted ? { ...row, grantEncrypted: row.grantEncrypted } : null;
}

function openGrant(sealed: string): Grant {
  const grant = JSON.parse(openSecret(sealed)) as Omit<
    Grant,
    "accessTokenExpiresAt" | "refreshTokenExpiresAt"
  > & {
    accessTokenExpiresAt: string | null;
    refreshTokenExpiresAt: string | null;
  };
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    ...grant,
    accessTokenExpiresAt: date(grant.accessTokenExpiresAt),
    refreshTokenExpiresAt: date(grant.refreshTokenExpiresAt),
  };
}

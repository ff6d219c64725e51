import prisma from "~/db.server";

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

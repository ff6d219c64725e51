import prisma from "~/db.server";

/**
 * The merchant's exchange rates: for orders of a TikTok shop selling in another currency than the store's,
 * 1 unit of that currency = `rate` units of the store's (docs/decisions/025-several-tiktok-shops-and-currencies.md).
 */
export type ExchangeRateRow = { currency: string; rate: string; setAt: Date };

export async function listExchangeRates(shopId: string): Promise<ExchangeRateRow[]> {
  return prisma.exchangeRate.findMany({
    where: { shopId },
    select: { currency: true, rate: true, setAt: true },
    orderBy: { currency: "asc" },
  });
}

/** Sets the rate from `currency` to the store's; `setAt` is when the merchant set it (the order note says so). */
export async function saveExchangeRate(shopId: string, currency: string, rate: string, setAt = new Date()) {
  await prisma.exchangeRate.upsert({
    where: { shopId_currency: { shopId, currency } },
    create: { shopId, currency, rate, setAt },
    update: { rate, setAt },
  });
}

/**
 * The currencies the store's TikTok orders came in, alphabetically. Read from the (shopId, currency) index
 * one currency at a time (a skip scan), so a store with 100,000 orders costs a few index probes, not a scan.
 */
export async function listOrderCurrencies(shopId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ currency: string }[]>`
    WITH RECURSIVE found AS (
      (SELECT o."currency" FROM "TikTokOrder" o
        WHERE o."shopId" = ${shopId} AND o."currency" IS NOT NULL ORDER BY o."currency" LIMIT 1)
      UNION ALL
      SELECT (SELECT o."currency" FROM "TikTokOrder" o
        WHERE o."shopId" = ${shopId} AND o."currency" > found."currency" ORDER BY o."currency" LIMIT 1)
      FROM found WHERE found."currency" IS NOT NULL
    )
    SELECT "currency" FROM found WHERE "currency" IS NOT NULL`;
  return rows.map((row) => row.currency);
}

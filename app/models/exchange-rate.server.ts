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

/** The store's order currencies: those of the orders its TikTok shops sent, most orders first. */
export async function listOrderCurrencies(shopId: string): Promise<string[]> {
  const rows = await prisma.tikTokOrder.groupBy({
    by: ["currency"],
    where: { shopId, currency: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { currency: "desc" } },
  });
  return rows.flatMap((row) => (row.currency ? [row.currency] : []));
}

import prisma from "~/db.server";

/**
 * The verbatim message of the latest failed attempt of each of a store's orders among `orderIds`, in one
 * query for a page of orders: the pages word it for the merchant, the order's timeline keeps it as it is.
 */
export async function latestFailureMessages(
  shopId: string,
  orderIds: readonly string[],
): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ orderId: string; errorDetail: string }[]>`
    SELECT DISTINCT ON (a."orderId") a."orderId", a."errorDetail"
    FROM "SyncAttempt" a JOIN "TikTokOrder" o ON o.id = a."orderId"
    WHERE o."shopId" = ${shopId} AND a."orderId" = ANY(${[...orderIds]})
      AND a."outcome" = 'FAILED' AND a."errorDetail" IS NOT NULL
    ORDER BY a."orderId", a."startedAt" DESC`;
  return new Map(rows.map((row) => [row.orderId, row.errorDetail]));
}

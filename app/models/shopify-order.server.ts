import prisma from "~/db.server";

/** The most a Shopify order stands for: one TikTok order, or a combined group of sample orders. */
const MOST_COMBINED = 100;

/**
 * The store's TikTok orders that a Shopify order stands for (the app created it): one, or a combined group
 * of sample orders with the group's first order first. None for an order the app didn't create, another
 * store's order, or a store the app doesn't know.
 */
export async function findTikTokOrdersOfShopifyOrder(
  shopDomain: string,
  shopifyOrderId: string,
): Promise<string[]> {
  const rows = await prisma.tikTokOrder.findMany({
    where: { shop: { domain: shopDomain }, shopifyOrderId },
    select: { id: true, tiktokOrderId: true, combinedIntoId: true },
    orderBy: [{ createTime: "asc" }, { id: "asc" }],
    take: MOST_COMBINED,
  });
  const first = rows.find((row) => row.combinedIntoId === null || row.combinedIntoId === row.id) ?? rows[0];
  return [...(first ? [first] : []), ...rows.filter((row) => row !== first)].map((row) => row.tiktokOrderId);
}

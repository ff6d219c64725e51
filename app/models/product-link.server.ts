import type { ProductLink } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow } from "~/db/json-row.server";

export type NewProductLink = {
  tiktokProductId: string;
  tiktokSkuId: string;
  sellerSku?: string | null;
  shopifyVariantId: string;
};

/** Links of the given TikTok SKUs in one store, keyed by SKU id. */
export async function getLinksForSkus(shopId: string, skuIds: readonly string[]) {
  // Straight to the driver: each fulfilment the shipment worker sends asks it.
  const rows = await database.query<{ link: Record<string, unknown> }>(
    `SELECT to_jsonb(l) AS "link" FROM "ProductLink" l WHERE l."shopId" = $1 AND l."tiktokSkuId" = ANY($2::text[])`,
    [shopId, [...skuIds]],
  );
  const links = rows.map((row) => fromJsonRow<ProductLink>("ProductLink", row.link));
  return new Map(links.map((link) => [link.tiktokSkuId, link]));
}

/** Every link of the store. */
export function listLinks(shopId: string) {
  return prisma.productLink.findMany({ where: { shopId } });
}

/** Links (or relinks) a TikTok SKU to a variant; the link time is now, which stage 1 compares orders with. */
export async function linkSku(shopId: string, link: NewProductLink, now = new Date()) {
  const data = {
    tiktokProductId: link.tiktokProductId,
    sellerSku: link.sellerSku ?? null,
    shopifyVariantId: link.shopifyVariantId,
    linkedAt: now,
    state: "LINKED" as const,
  };
  return prisma.productLink.upsert({
    where: { shopId_tiktokSkuId: { shopId, tiktokSkuId: link.tiktokSkuId } },
    create: { shopId, tiktokSkuId: link.tiktokSkuId, ...data },
    update: data,
  });
}

/** Whether the store had the SKU linked. */
export async function unlinkSku(shopId: string, tiktokSkuId: string): Promise<boolean> {
  const { count } = await prisma.productLink.deleteMany({ where: { shopId, tiktokSkuId } });
  return count > 0;
}

/** Records what Shopify said of linked variants: deleted ones, and ones that came back. */
export async function setVariantsExist(shopId: string, variantIds: readonly string[], exist: boolean) {
  if (variantIds.length === 0) return;
  await prisma.productLink.updateMany({
    where: { shopId, shopifyVariantId: { in: [...variantIds] } },
    data: { state: exist ? "LINKED" : "VARIANT_DELETED" },
  });
}

/** The distinct Shopify variants a store's links point at, with whether each is known to be deleted. */
export async function listLinkedVariants(shopId: string): Promise<{ variantId: string; deleted: boolean }[]> {
  const rows = await prisma.productLink.findMany({
    where: { shopId },
    select: { shopifyVariantId: true, state: true },
    distinct: ["shopifyVariantId", "state"],
  });
  const deleted = new Map<string, boolean>();
  for (const row of rows)
    deleted.set(row.shopifyVariantId, (deleted.get(row.shopifyVariantId) ?? true) && row.state !== "LINKED");
  return [...deleted].map(([variantId, isDeleted]) => ({ variantId, deleted: isDeleted }));
}

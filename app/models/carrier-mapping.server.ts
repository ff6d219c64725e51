import type { CarrierMapping } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { fromJsonRow } from "~/db/json-row.server";

/** A mapping the merchant chose: Shopify's tracking company (or "" for the shop's default) → TikTok provider. */
export type CarrierMappingRow = {
  tiktokShopId: string;
  shopifyCarrier: string;
  shopifyLabel: string;
  providerId: string;
  providerName: string;
};

export function listCarrierMappings(shopId: string): Promise<CarrierMappingRow[]> {
  return prisma.carrierMapping.findMany({
    where: { shopId },
    select: {
      tiktokShopId: true,
      shopifyCarrier: true,
      shopifyLabel: true,
      providerId: true,
      providerName: true,
    },
    orderBy: [{ tiktokShopId: "asc" }, { shopifyCarrier: "asc" }],
  });
}

/**
 * The merchant's mapping for a company (its folded name: app/fulfillment/carriers.ts), else the shop's
 * default; undefined when neither exists.
 */
export async function findCarrierMapping(shopId: string, tiktokShopId: string, foldedCompany: string) {
  // Straight to the driver: each fulfilment the shipment worker sends asks it.
  const found = await database.query<{ mapping: Record<string, unknown> }>(
    `SELECT to_jsonb(m) AS "mapping" FROM "CarrierMapping" m
     WHERE m."shopId" = $1 AND m."tiktokShopId" = $2 AND m."shopifyCarrier" IN ($3, '')`,
    [shopId, tiktokShopId, foldedCompany],
  );
  const rows = found.map((row) => fromJsonRow<CarrierMapping>("CarrierMapping", row.mapping));
  return rows.find((row) => row.shopifyCarrier !== "") ?? rows.find((row) => row.shopifyCarrier === "");
}

/** Saves a mapping under the company's folded name (`shopifyCarrier`, "" for the default). */
export async function saveCarrierMapping(
  shopId: string,
  mapping: {
    tiktokShopId: string;
    shopifyCarrier: string;
    shopifyLabel: string;
    providerId: string;
    providerName: string;
  },
) {
  const { shopifyCarrier, ...data } = mapping;
  await prisma.carrierMapping.upsert({
    where: {
      shopId_tiktokShopId_shopifyCarrier: { shopId, tiktokShopId: mapping.tiktokShopId, shopifyCarrier },
    },
    create: { shopId, shopifyCarrier, ...data },
    update: data,
  });
}

export async function deleteCarrierMapping(shopId: string, tiktokShopId: string, shopifyCarrier: string) {
  const { count } = await prisma.carrierMapping.deleteMany({
    where: { shopId, tiktokShopId, shopifyCarrier },
  });
  return count > 0;
}

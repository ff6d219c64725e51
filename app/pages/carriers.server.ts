import { data } from "@remix-run/node";
import { z } from "zod";
import { TIKTOK_ID } from "~/tiktok/ids";
import { isPlainText } from "~/lib/plain-text";
import { foldCarrier, type ShippingProvider } from "~/fulfillment/carriers";
import { shippingProviders } from "~/fulfillment/ship.server";
import {
  deleteCarrierMapping,
  listCarrierMappings,
  saveCarrierMapping,
  type CarrierMappingRow,
} from "~/models/carrier-mapping.server";
import { ensureShop, findShopId } from "~/models/shop.server";
import { listCarriersWaiting, requeueCarrierBlocked } from "~/models/shipment.server";
import { latestDeliveryOption } from "~/models/tiktok-order.server";
import { listTikTokConnections } from "~/models/tiktok-connection.server";
import { tiktokClientForShop } from "~/tiktok/connection.server";

/** One connected TikTok shop's carriers: TikTok's providers, the merchant's mappings, carriers waiting on one. */
export type CarrierShopView = {
  tiktokShopId: string;
  shopName: string;
  /** Null when TikTok couldn't be asked (`providersProblem` says why). */
  providers: ShippingProvider[] | null;
  providersProblem: string | null;
  mappings: (CarrierMappingRow & { isDefault: boolean })[];
  /** Shopify carriers whose fulfilments wait for a mapping. */
  unmapped: string[];
};

export async function loadCarriers(shopDomain: string): Promise<CarrierShopView[]> {
  const shop = await ensureShop(shopDomain);
  const connections = await listTikTokConnections(shopDomain);
  const mappings = await listCarrierMappings(shop.id);
  const waiting = await listCarriersWaiting(shop.id);
  return Promise.all(
    connections.map(async (connection) => {
      const providers = await providersOf(shopDomain, shop.id, connection.tiktokShopId);
      return {
        tiktokShopId: connection.tiktokShopId,
        shopName: connection.tiktokShopName ?? connection.tiktokShopId,
        ...providers,
        mappings: mappings
          .filter((row) => row.tiktokShopId === connection.tiktokShopId)
          .map((row) => ({ ...row, isDefault: row.shopifyCarrier === "" })),
        unmapped: [
          ...new Set(
            waiting
              .filter((row) => row.tiktokShopId === connection.tiktokShopId)
              .map((row) => row.trackingCompany),
          ),
        ],
      };
    }),
  );
}

/**
 * TikTok lists its providers per delivery option, which only an order names: the shop's latest order's
 * is asked (a shop with no order yet has nothing to ship either).
 */
async function providersOf(
  shopDomain: string,
  shopId: string,
  tiktokShopId: string,
): Promise<{ providers: ShippingProvider[] | null; providersProblem: string | null }> {
  const option = await latestDeliveryOption(shopId, tiktokShopId);
  if (!option)
    return { providers: null, providersProblem: "TikTok lists its carriers once this shop has an order." };
  try {
    const client = await tiktokClientForShop({ shopDomain, tiktokShopId });
    return { providers: await shippingProviders(client, tiktokShopId, option), providersProblem: null };
  } catch (error) {
    return {
      providers: null,
      providersProblem: `TikTok's carriers couldn't be read: ${(error as Error).message}`,
    };
  }
}

const id = z.string().regex(TIKTOK_ID);
const carrierSchema = z.object({
  tiktokShopId: id,
  // "" maps every carrier without a mapping of its own (the shop's default).
  shopifyCarrier: z.string().trim().max(100).refine(isPlainText),
  providerId: id,
});
const removeSchema = z.object({ tiktokShopId: id, shopifyCarrier: z.string().max(100).refine(isPlainText) });

/** Settings > Carriers: saves (`intent: "save"`) or removes (`"remove"`) one mapping. */
export async function carrierAction(shopDomain: string, body: unknown) {
  const intent = typeof body === "object" && body !== null && "intent" in body ? body.intent : undefined;
  if (intent === "remove") return removeCarrier(shopDomain, body);
  return saveCarrier(shopDomain, body);
}

async function saveCarrier(shopDomain: string, body: unknown) {
  const parsed = carrierSchema.safeParse(body);
  if (!parsed.success)
    return data(
      { ok: false as const, error: "Choose a TikTok shipping provider for the carrier." },
      { status: 400 },
    );
  const { tiktokShopId, shopifyCarrier, providerId } = parsed.data;
  if (shopifyCarrier !== "" && foldCarrier(shopifyCarrier) === "")
    return data(
      { ok: false as const, error: "Type the carrier's name as it is in Shopify." },
      { status: 400 },
    );
  const shopId = await findShopId(shopDomain);
  const connected = (await listTikTokConnections(shopDomain)).some((c) => c.tiktokShopId === tiktokShopId);
  if (!shopId || !connected)
    return data(
      { ok: false as const, error: "That TikTok shop isn't connected to your store." },
      { status: 404 },
    );
  const { providers, providersProblem } = await providersOf(shopDomain, shopId, tiktokShopId);
  const provider = providers?.find((candidate) => candidate.id === providerId);
  if (!provider)
    return data(
      {
        ok: false as const,
        error: providersProblem ?? "TikTok doesn't offer that shipping provider for this shop.",
      },
      { status: 400 },
    );
  const folded = foldCarrier(shopifyCarrier);
  await saveCarrierMapping(shopId, {
    tiktokShopId,
    shopifyCarrier: folded,
    shopifyLabel: folded ? shopifyCarrier : "",
    providerId: provider.id,
    providerName: provider.name,
  });
  const requeued = await requeueCarrierBlocked(shopId, tiktokShopId);
  const who = shopifyCarrier === "" ? "Carriers without a mapping" : shopifyCarrier;
  const waiting =
    requeued === 0
      ? ""
      : ` ${requeued === 1 ? "1 fulfilment is" : `${requeued} fulfilments are`} being sent now.`;
  return { ok: true as const, message: `${who} ship as ${provider.name} on TikTok.${waiting}` };
}

async function removeCarrier(shopDomain: string, body: unknown) {
  const parsed = removeSchema.safeParse(body);
  if (!parsed.success)
    return data({ ok: false as const, error: "Say which mapping to remove." }, { status: 400 });
  const shopId = await findShopId(shopDomain);
  const { tiktokShopId, shopifyCarrier } = parsed.data;
  if (!shopId || !(await deleteCarrierMapping(shopId, tiktokShopId, shopifyCarrier)))
    return data({ ok: false as const, error: "That mapping doesn't exist." }, { status: 404 });
  return { ok: true as const, message: "Mapping removed" };
}

import { onFlowNoticeDue } from "~/lib/signals.server";
import { findCarrierMapping } from "~/models/carrier-mapping.server";
import {
  readLineChoice,
  claimLinesForShipping,
  saveShipment,
  type LoadedShipment,
  type ShipmentLine,
  type ShipmentUpdate,
} from "~/models/shipment.server";
import type { TikTokClient } from "~/tiktok/client";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import { isRetryable, TikTokApiError, TikTokAuthError, TikTokRateLimitError } from "~/tiktok/errors";
import { carriedByTikTok, type TikTokLineItem, type TikTokOrder } from "~/tiktok/types";
import { foldCarrier, matchProvider, type ShippingProvider } from "./carriers";
import { shipmentNeedsMerchant, type ShipmentReasonCode } from "./reasons";
import { PACED_CLIENT_OPTIONS, pacedClient, tiktokPace } from "./tiktok-pace.server";

/** How long a shipment's lease lasts: longer than a ship call with its retries takes. */
export const SHIPMENT_LEASE_MS = 120_000;
/** A hold is checked again this often (TikTok's hold lasts about an hour; its end sends no Shopify event). */
const HOLD_RECHECK_MS = 120_000;

export type ShipResult = {
  status: ShipmentUpdate["status"];
  reasonCode: ShipmentReasonCode | null;
  detail?: string;
};

type Step = ShipmentUpdate & { reasonCode?: ShipmentReasonCode | null };

/**
 * Sends one Shopify fulfilment of a seller-shipped TikTok order to TikTok (ADR 026): marks its lines
 * shipped in a package with the tracking number and TikTok's shipping provider, or, once shipped, sends a
 * changed tracking number. Exactly once: the lines and provider are written as "shipping" before TikTok is
 * called, and a retry (after a crash, a timeout or a refusal) reads TikTok's order first: lines already in
 * a package are not shipped again.
 */
export async function shipToTikTok(shipment: LoadedShipment, now = new Date()): Promise<ShipResult> {
  const step = await nextStep(shipment, now);
  const heldForMerchant =
    (step.status === "BLOCKED" || step.status === "FAILED") && shipmentNeedsMerchant(step.reasonCode);
  const { noticed } = await saveShipment(
    shipment.id,
    { ...step, reasonCode: step.reasonCode ?? null },
    { noticeFlow: heldForMerchant },
  );
  // Only a notice just written wakes the Flow notifier: a fulfilment checked again on the same reason isn't.
  if (noticed) onFlowNoticeDue.emit();
  return { status: step.status, reasonCode: step.reasonCode ?? null, detail: step.reasonDetail ?? undefined };
}

async function nextStep(shipment: LoadedShipment, now: Date): Promise<Step> {
  const stored = shipment.order.raw as unknown as TikTokOrder;
  const keep =
    shipment.status === "SHIPPING" ? "SHIPPING" : shipment.status === "SHIPPED" ? "SHIPPED" : "BLOCKED";
  if (carriedByTikTok(stored)) return blocked("TIKTOK_SHIPS");
  if (!shipment.trackingNumber) return blocked("NO_TRACKING_NUMBER");
  const tiktokShopId = shipment.order.tiktokShopId;
  if (!tiktokShopId) return blocked("TIKTOK_NOT_CONNECTED");
  try {
    const ref = { shopDomain: shipment.order.shop.domain, tiktokShopId };
    const client = pacedClient(await tiktokClientForShop(ref, PACED_CLIENT_OPTIONS), tiktokShopId);
    const live = await readOrder(client, shipment.order.tiktokOrderId);
    if (!live) return blocked("ORDER_CLOSED", "TikTok no longer finds this order.");
    if (shipment.packageId) return await updateTracking(shipment, client, live, tiktokShopId);
    return await ship(shipment, client, live, tiktokShopId, now);
  } catch (error) {
    if (error instanceof TikTokAuthError) return blocked("TIKTOK_NOT_CONNECTED", error.message);
    if (isRetryable(error) || !(error instanceof TikTokApiError)) {
      // Tried again by itself; a "shipping" record stays one, so the retry looks TikTok up first. Still
      // rate limited after the client's retries: due again when the shop's pace resumes, not after a backoff.
      const delay = Math.min(60_000 * 2 ** Math.min(shipment.attemptCount, 6), 3_600_000);
      return {
        status: keep,
        reasonCode: "TIKTOK_UNAVAILABLE",
        reasonDetail: (error as Error).message,
        nextAttemptAt:
          error instanceof TikTokRateLimitError
            ? tiktokPace.resumesAt(tiktokShopId, now)
            : new Date(now.getTime() + delay),
      };
    }
    return failed("TRACKING_REFUSED", error.message);
  }
}

async function ship(
  shipment: LoadedShipment,
  client: TikTokClient,
  live: TikTokOrder,
  tiktokShopId: string,
  now: Date,
): Promise<Step> {
  // What an earlier attempt shipped, its answer lost: TikTok's lines say so.
  const mine = new Set(shipment.tiktokLineIds);
  const shippedMine = live.line_items.filter((line) => mine.has(line.id) && line.package_id);
  const [first] = shippedMine;
  if (first && shippedMine.length === mine.size) return shipped(first, now);
  if (["CANCELLED", "DELIVERED", "COMPLETED"].includes(live.status)) return blocked("ORDER_CLOSED");
  // `is_on_hold_order` says the order was or will be held; the status says whether it is now.
  if (live.status === "ON_HOLD")
    return { ...blocked("ON_HOLD"), nextAttemptAt: new Date(now.getTime() + HOLD_RECHECK_MS) };

  const lineIds = mine.size > 0 ? [...mine].filter((id) => !shippedMine.some((line) => line.id === id)) : [];
  // Lines chosen now are claimed on the order as "shipping" is written; those of an earlier attempt are its.
  const chosenNow: string[] = [];
  if (lineIds.length === 0) {
    const chosen = await chooseLines(shipment, live);
    if (chosen.lineIds.length === 0)
      return blocked(chosen.alreadyShipped ? "ALREADY_SHIPPED" : "NO_MATCHING_ITEMS");
    lineIds.push(...chosen.lineIds);
    chosenNow.push(...chosen.lineIds);
  }
  const provider = await resolveProvider(shipment, client, live, tiktokShopId);
  if (!provider) return blocked("CARRIER_NOT_MAPPED");

  const trackingNumber = shipment.trackingNumber ?? "";
  const claimed = await claimLinesForShipping(
    shipment,
    {
      status: "SHIPPING",
      tiktokLineIds: [...new Set([...mine, ...lineIds])],
      providerId: provider.id,
      providerName: provider.name,
      nextAttemptAt: new Date(now.getTime() + SHIPMENT_LEASE_MS),
    },
    chosenNow,
  );
  // Another fulfilment of the order took some of these lines meanwhile: chosen again, at once.
  if (!claimed) return { status: "PENDING", nextAttemptAt: now };
  try {
    const { packageId } = await client.markPackageShipped(live.id, {
      trackingNumber,
      providerId: provider.id,
      lineIds,
    });
    return { ...shippedStep(packageId, trackingNumber, now) };
  } catch (error) {
    if (!(error instanceof TikTokApiError) || error instanceof TikTokAuthError || isRetryable(error))
      throw error;
    // Refused: perhaps because an earlier call shipped these lines after all, or the order changed.
    const again = await readOrder(client, live.id);
    const done = again?.line_items.find((line) => lineIds.includes(line.id) && line.package_id);
    if (done && again?.line_items.every((line) => !lineIds.includes(line.id) || line.package_id))
      return shipped(done, now);
    if (again?.status === "ON_HOLD")
      return { ...blocked("ON_HOLD"), nextAttemptAt: new Date(now.getTime() + HOLD_RECHECK_MS) };
    return failed("TRACKING_REFUSED", error.message);
  }
}

/** A shipped package whose tracking changed in Shopify: TikTok is sent the new number. */
async function updateTracking(
  shipment: LoadedShipment,
  client: TikTokClient,
  live: TikTokOrder,
  tiktokShopId: string,
): Promise<Step> {
  const trackingNumber = shipment.trackingNumber ?? "";
  const sent: Step = {
    status: "SHIPPED",
    packageId: shipment.packageId,
    sentTrackingNumber: trackingNumber,
    nextAttemptAt: null,
  };
  if (trackingNumber === shipment.sentTrackingNumber && !shipment.reasonCode) return sent;
  const provider = await resolveProvider(shipment, client, live, tiktokShopId);
  if (!provider) return blocked("CARRIER_NOT_MAPPED");
  await client.updatePackageShippingInfo(shipment.packageId ?? "", {
    trackingNumber,
    providerId: provider.id,
  });
  return { ...sent, providerId: provider.id, providerName: provider.name };
}

/**
 * The TikTok lines this fulfilment covers: for each Shopify line, as many units of TikTok's lines (one per
 * unit) of the same product (its link, else its seller SKU) as it fulfils, among those not yet in a package
 * and not taken by the order's other fulfilments.
 */
async function chooseLines(shipment: LoadedShipment, live: TikTokOrder) {
  const { taken, links } = await readLineChoice(
    shipment,
    live.line_items.map((line) => line.sku_id),
  );
  const matches = (line: TikTokLineItem, wanted: ShipmentLine) =>
    (wanted.variantId !== null && links.get(line.sku_id)?.shopifyVariantId === wanted.variantId) ||
    (wanted.sku !== null && wanted.sku !== "" && line.seller_sku === wanted.sku);
  const lineIds: string[] = [];
  let alreadyShipped = false;
  for (const wanted of shipment.lines as ShipmentLine[]) {
    const candidates = live.line_items.filter((line) => matches(line, wanted));
    if (candidates.some((line) => line.package_id && !taken.has(line.id))) alreadyShipped = true;
    const free = candidates.filter(
      (line) => !line.package_id && !taken.has(line.id) && !lineIds.includes(line.id),
    );
    lineIds.push(...free.slice(0, wanted.quantity).map((line) => line.id));
  }
  return { lineIds, alreadyShipped };
}

/** The merchant's mapping for the carrier (or the shop's default), else TikTok's provider of that name. */
async function resolveProvider(
  shipment: LoadedShipment,
  client: TikTokClient,
  live: TikTokOrder,
  tiktokShopId: string,
): Promise<ShippingProvider | undefined> {
  const company = shipment.trackingCompany ?? "";
  const mapped = await findCarrierMapping(shipment.shopId, tiktokShopId, foldCarrier(company));
  if (mapped && mapped.shopifyCarrier !== "") return { id: mapped.providerId, name: mapped.providerName };
  const providers = live.delivery_option_id
    ? await shippingProviders(client, tiktokShopId, live.delivery_option_id)
    : [];
  const byName = matchProvider(company, providers);
  if (byName) return byName;
  return mapped ? { id: mapped.providerId, name: mapped.providerName } : undefined;
}

const providerCache = new Map<string, { providers: ShippingProvider[]; until: number }>();
const PROVIDER_CACHE_MS = 10 * 60_000;

/** TikTok's providers for a delivery option, kept ten minutes (they change rarely; fulfilments come in bursts). */
export async function shippingProviders(
  client: TikTokClient,
  tiktokShopId: string,
  deliveryOptionId: string,
): Promise<ShippingProvider[]> {
  const key = `${tiktokShopId}:${deliveryOptionId}`;
  const cached = providerCache.get(key);
  if (cached && cached.until > Date.now()) return cached.providers;
  const providers = (await client.getShippingProviders(deliveryOptionId)).map(({ id, name }) => ({
    id,
    name,
  }));
  providerCache.set(key, { providers, until: Date.now() + PROVIDER_CACHE_MS });
  return providers;
}

async function readOrder(client: TikTokClient, tiktokOrderId: string): Promise<TikTokOrder | undefined> {
  const details = await client.getOrderDetails([tiktokOrderId]);
  return details.orders[0];
}

function shipped(line: TikTokLineItem, now: Date): Step {
  return shippedStep(line.package_id ?? null, line.tracking_number ?? null, now);
}

function shippedStep(packageId: string | null, trackingNumber: string | null, now: Date): Step {
  return {
    status: "SHIPPED",
    packageId,
    sentTrackingNumber: trackingNumber,
    shippedAt: now,
    nextAttemptAt: null,
  };
}

function blocked(reasonCode: ShipmentReasonCode, reasonDetail?: string): Step {
  const status = reasonCode === "ALREADY_SHIPPED" ? "SHIPPED" : "BLOCKED";
  return { status, reasonCode, reasonDetail: reasonDetail ?? null, nextAttemptAt: null };
}

function failed(reasonCode: ShipmentReasonCode, reasonDetail: string): Step {
  return { status: "FAILED", reasonCode, reasonDetail, nextAttemptAt: null };
}

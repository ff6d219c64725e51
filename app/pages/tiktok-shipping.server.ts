import { data } from "@remix-run/node";
import { z } from "zod";
import {
  arrangeTikTokShipping,
  handoverOptions,
  tiktokPackagesOf,
  type TikTokPackage,
} from "~/fulfillment/tiktok-shipping.server";
import { getTikTokOrder } from "~/models/tiktok-order.server";
import type { Handover } from "~/tiktok/client";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import { TikTokError } from "~/tiktok/errors";
import { TIKTOK_ID } from "~/tiktok/ids";
import { storeTikTokOrders } from "~/tiktok/order-intake.server";
import { tiktokOrderSchema } from "~/tiktok/types";

const packageRef = { tiktokOrderId: z.string().regex(TIKTOK_ID), packageId: z.string().regex(/^\d{1,32}$/) };
const unixSeconds = z.coerce.number().int().positive();

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("arrange"),
    ...packageRef,
    method: z.enum(["PICKUP", "DROP_OFF"]),
    slotStart: unixSeconds.optional(),
    slotEnd: unixSeconds.optional(),
  }),
  z.object({ intent: z.literal("label"), ...packageRef }),
]);

const fail = (error: string, status: number) => data({ ok: false as const, error }, { status });

/**
 * The store's order and one of its TikTok Shipping packages, with a client for its TikTok shop; an answer to
 * send instead when the order isn't the store's, the package isn't the order's, or the shop can't be reached.
 */
async function findPackage(shopDomain: string, tiktokOrderId: string, packageId: string) {
  const row = await getTikTokOrder(shopDomain, tiktokOrderId);
  if (!row) return { refusal: fail("This order doesn't exist in your store.", 404) };
  const order = tiktokOrderSchema.safeParse(row.raw);
  const pkg = order.success
    ? tiktokPackagesOf(order.data).find((candidate) => candidate.packageId === packageId)
    : undefined;
  if (!pkg || !row.tiktokShopId)
    return { refusal: fail("TikTok Shipping has no such package on this order.", 404) };
  try {
    const client = await tiktokClientForShop({ shopDomain, tiktokShopId: row.tiktokShopId });
    return { row: { ...row, tiktokShopId: row.tiktokShopId }, pkg, client };
  } catch (error) {
    return { refusal: fail(`TikTok couldn't be reached: ${(error as Error).message}`, 409) };
  }
}

/** The arrange dialog's choices: TikTok's pickup windows (Unix seconds) and whether drop-off is offered. */
export async function tiktokShippingOptions(shopDomain: string, params: URLSearchParams) {
  const parsed = z
    .object(packageRef)
    .safeParse({ tiktokOrderId: params.get("order"), packageId: params.get("package") });
  if (!parsed.success) return fail("Say which package to arrange.", 400);
  const found = await findPackage(shopDomain, parsed.data.tiktokOrderId, parsed.data.packageId);
  if ("refusal" in found) return found.refusal;
  try {
    return { ok: true as const, options: await handoverOptions(found.client, found.pkg.packageId) };
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    return fail(`TikTok didn't offer a handover: ${error.message}`, 409);
  }
}

/**
 * Arrange (`{ intent: "arrange", tiktokOrderId, packageId, method, slotStart?, slotEnd? }`) or print the
 * label (`{ intent: "label", tiktokOrderId, packageId }`) of one of the store's TikTok Shipping packages.
 */
export async function tiktokShippingAction(shopDomain: string, body: unknown) {
  const parsed = actionSchema.safeParse(body);
  if (!parsed.success) return fail("Choose a pickup window or drop-off for the package.", 400);
  const request = parsed.data;
  const found = await findPackage(shopDomain, request.tiktokOrderId, request.packageId);
  if ("refusal" in found) return found.refusal;
  const { row, pkg, client } = found;
  try {
    if (request.intent === "label") return await label(client, pkg);
    if (pkg.next !== "arrange")
      return fail(
        pkg.trackingNumber
          ? `Already arranged: TikTok's tracking number is ${pkg.trackingNumber}.`
          : "TikTok doesn't take this package now.",
        409,
      );
    let handover: Handover;
    if (request.method === "PICKUP") {
      if (!request.slotStart || !request.slotEnd) return fail("Choose a pickup window.", 400);
      handover = { method: "PICKUP", slot: { start: request.slotStart, end: request.slotEnd } };
    } else handover = { method: "DROP_OFF" };
    const result = await arrangeTikTokShipping(client, row.tiktokOrderId, pkg.packageId, handover);
    // TikTok's order as it is now is stored and synced: its tracking becomes a fulfilment in Shopify.
    if (result.order)
      await storeTikTokOrders(
        { shopId: row.shopId, tiktokShopId: row.tiktokShopId },
        { orders: [result.order], invalid: [] },
        "WEBHOOK",
      );
    if (!result.ok) return fail(`TikTok refused it: ${result.message}`, 409);
    const number = result.trackingNumber
      ? ` ${result.carrier ?? "TikTok's carrier"} tracking number ${result.trackingNumber}; print the label and put it on the parcel.`
      : " TikTok sends the tracking number shortly.";
    const what = result.already
      ? "Already arranged:"
      : handover.method === "PICKUP"
        ? "Pickup booked:"
        : "Drop-off arranged:";
    return { ok: true as const, message: `${what}${number}` };
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    return fail(`TikTok didn't answer: ${error.message}. Try again in a minute.`, 409);
  }
}

async function label(client: Awaited<ReturnType<typeof tiktokClientForShop>>, pkg: TikTokPackage) {
  if (!pkg.trackingNumber) return fail("Arrange the shipment first: TikTok makes the label then.", 409);
  const document = await client.getShippingLabel(pkg.packageId);
  return {
    ok: true as const,
    message: "Shipping label ready: open it to print (the link works for 24 hours)",
    url: document.url,
  };
}

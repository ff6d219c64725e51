import { data } from "@remix-run/node";
import { z } from "zod";
import { SELLER_CANCEL_REASONS } from "~/fulfillment/seller-cancel-reasons";
import { answerSellerCancel, findSellerCancel } from "~/models/tiktok-order.server";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import { TikTokError } from "~/tiktok/errors";
import { TIKTOK_ID } from "~/tiktok/ids";

const REASON_VALUES = SELLER_CANCEL_REASONS.map((reason) => reason.value) as [string, ...string[]];

/** The order page's question after a cancel in Shopify, or what came of it. */
export type SellerCancelView = {
  status: "ASKING" | "CANCELLED" | "KEPT" | "REFUSED";
  detail: string | null;
};

export function sellerCancelView(row: {
  sellerCancelStatus: string | null;
  sellerCancelDetail: string | null;
}): SellerCancelView | null {
  const status = row.sellerCancelStatus;
  if (status !== "ASKING" && status !== "CANCELLED" && status !== "KEPT" && status !== "REFUSED") return null;
  return { status, detail: row.sellerCancelDetail };
}

const answerSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("cancel"),
    tiktokOrderId: z.string().regex(TIKTOK_ID),
    reason: z.enum(REASON_VALUES),
  }),
  z.object({ intent: z.literal("keep"), tiktokOrderId: z.string().regex(TIKTOK_ID) }),
]);

const fail = (error: string, status: number) => data({ ok: false as const, error }, { status });

/**
 * The merchant's answer, for an order cancelled in Shopify: cancel it on TikTok too, with a reason
 * (`{ intent: "cancel", tiktokOrderId, reason }`), or keep it open there (`{ intent: "keep", … }`). TikTok
 * cancels an order once: after a refusal TikTok's order is read, and one already cancelled counts as done
 * (a second click, or an answer lost on the way).
 */
export async function sellerCancelAction(shopDomain: string, body: unknown) {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return fail("Choose a reason for TikTok, or keep the order open on TikTok.", 400);
  const answer = parsed.data;
  const row = await findSellerCancel(shopDomain, answer.tiktokOrderId);
  if (!row) return fail("This order doesn't exist in your store.", 404);
  if (row.sellerCancelStatus !== "ASKING" || !row.tiktokShopId)
    return fail("This order isn't waiting to be cancelled on TikTok.", 409);
  if (answer.intent === "keep") {
    await answerSellerCancel(row.id, "KEPT", null);
    return {
      ok: true as const,
      message: "Kept open on TikTok: ship it there, or cancel it in Seller Center",
    };
  }
  let client: Awaited<ReturnType<typeof tiktokClientForShop>>;
  try {
    client = await tiktokClientForShop({ shopDomain, tiktokShopId: row.tiktokShopId });
  } catch (error) {
    return fail(`TikTok couldn't be reached: ${(error as Error).message}`, 409);
  }
  try {
    await client.cancelOrder(answer.tiktokOrderId, answer.reason);
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    const now = (await client.getOrderDetails([answer.tiktokOrderId]).catch(() => null))?.orders[0];
    if (now?.status !== "CANCELLED") {
      await answerSellerCancel(row.id, "REFUSED", error.message);
      return fail(`TikTok no longer allows cancelling it: ${error.message}`, 409);
    }
  }
  await answerSellerCancel(row.id, "CANCELLED", null);
  return { ok: true as const, message: "Cancelled on TikTok too: TikTok refunds the buyer" };
}

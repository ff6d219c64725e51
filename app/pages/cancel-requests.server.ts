import { data } from "@remix-run/node";
import { z } from "zod";
import { findCancelRequest, setCancelRequestStatus } from "~/models/tiktok-order.server";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import { TikTokError } from "~/tiktok/errors";
import { TIKTOK_ID } from "~/tiktok/ids";

const PENDING = "CANCELLATION_REQUEST_PENDING";

/** The buyer's cancellation request as the order page shows it: waiting for an answer, or what came of it. */
export type CancelRequestView =
  | {
      pending: true;
      requestedAt: string | null;
      /** TikTok's reasons for refusing; null when TikTok couldn't be asked (`problem` says why). */
      rejectReasons: { name: string; text: string }[] | null;
      problem: string | null;
    }
  | { pending: false; outcome: string };

const OUTCOMES: Record<string, string> = {
  CANCELLATION_REQUEST_SUCCESS: "The buyer's cancellation request was approved.",
  CANCELLATION_REQUEST_COMPLETE: "The buyer's cancellation request was approved: TikTok cancelled the order.",
  CANCELLATION_REQUEST_CANCEL:
    "The buyer's cancellation request was rejected (or withdrawn): the order stands.",
  CANCELLATION_REQUEST_CANCELLED:
    "The buyer's cancellation request was rejected (or withdrawn): the order stands.",
};

export async function cancelRequestView(
  shopDomain: string,
  row: {
    tiktokShopId: string | null;
    cancelRequestId: string | null;
    cancelRequestStatus: string | null;
    cancelRequestedAt: Date | null;
  },
): Promise<CancelRequestView | null> {
  if (!row.cancelRequestId || !row.cancelRequestStatus) return null;
  if (row.cancelRequestStatus !== PENDING)
    return {
      pending: false,
      outcome: OUTCOMES[row.cancelRequestStatus] ?? `TikTok says: ${row.cancelRequestStatus}`,
    };
  const requestedAt = row.cancelRequestedAt?.toISOString() ?? null;
  if (!row.tiktokShopId)
    return { pending: true, requestedAt, rejectReasons: null, problem: "TikTok shop unknown." };
  try {
    const client = await tiktokClientForShop({ shopDomain, tiktokShopId: row.tiktokShopId });
    return {
      pending: true,
      requestedAt,
      rejectReasons: await client.getRejectReasons(row.cancelRequestId),
      problem: null,
    };
  } catch (error) {
    return { pending: true, requestedAt, rejectReasons: null, problem: (error as Error).message };
  }
}

const answerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), tiktokOrderId: z.string().regex(TIKTOK_ID) }),
  z.object({
    intent: z.literal("reject"),
    tiktokOrderId: z.string().regex(TIKTOK_ID),
    rejectReason: z.string().regex(/^[a-z0-9_]{1,100}$/),
  }),
]);

/** Approve or reject the buyer's cancellation request of one of the store's orders, on TikTok. */
export async function answerCancelRequest(shopDomain: string, body: unknown) {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success)
    return data({ ok: false as const, error: "Choose Approve, or Reject with a reason." }, { status: 400 });
  const answer = parsed.data;
  const order = await findCancelRequest(shopDomain, answer.tiktokOrderId);
  if (!order)
    return data({ ok: false as const, error: "This order doesn't exist in your store." }, { status: 404 });
  if (!order.cancelRequestId || order.cancelRequestStatus !== PENDING || !order.tiktokShopId)
    return data(
      { ok: false as const, error: "This order has no cancellation request waiting for an answer." },
      { status: 409 },
    );
  try {
    const client = await tiktokClientForShop({ shopDomain, tiktokShopId: order.tiktokShopId });
    if (answer.intent === "approve") {
      // The request's own id as the key: a repeated click (or a retry) approves once.
      await client.approveCancellation(order.cancelRequestId, order.cancelRequestId);
      await setCancelRequestStatus(order.id, order.cancelRequestId, "CANCELLATION_REQUEST_COMPLETE");
      return {
        ok: true as const,
        message: "Cancellation approved: TikTok cancels the order, and the app cancels it in Shopify",
      };
    }
    await client.rejectCancellation(order.cancelRequestId, answer.rejectReason);
    await setCancelRequestStatus(order.id, order.cancelRequestId, "CANCELLATION_REQUEST_CANCEL");
    return { ok: true as const, message: "Cancellation rejected: the order stands" };
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    return data({ ok: false as const, error: `TikTok refused it: ${error.message}` }, { status: 409 });
  }
}

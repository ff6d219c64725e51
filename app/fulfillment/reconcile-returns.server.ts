import { listReturnWatermarks, saveReturnsCheckedAt } from "~/models/tiktok-connection.server";
import { listRecordedReturns, markRefundsDue } from "~/models/tiktok-order.server";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import type { TikTokReturn } from "~/tiktok/api-schemas";

/** The first pass of a TikTok shop looks this far back: TikTok takes refund requests for about a month. */
const FIRST_LOOK_BACK_MS = 30 * 24 * 3_600_000;
/**
 * Each pass reads again this much before the last one began: a return updated as that pass read, or stamped
 * by a TikTok clock a little behind this one. No upper bound: what changes while a pass reads is read too.
 */
const OVERLAP_SECONDS = 300;
/** A page holds 50: one pass reads at most 10,000 returns of a shop (far more than a quarter hour brings). */
const MAX_PAGES = 200;

/**
 * Finds TikTok returns and refunds whose notification (webhook type 12) never came (ADR 026): reads each of
 * the store's TikTok shops' returns updated since the last pass, and queues the sync of each order in
 * Shopify that has a return the app hasn't seen in that state. That sync makes the Shopify refund once
 * (TikTok's return id is its key) and shows where the return stands, as the notification would have. How
 * many returns were read, and how many orders were queued.
 */
export async function reconcileReturns(shop: { id: string; domain: string }, now = new Date()) {
  let checked = 0;
  let found = 0;
  for (const connection of await listReturnWatermarks(shop.id)) {
    // One TikTok shop that can't be read (its access revoked, TikTok down) leaves the others' passes alone;
    // its own watermark stays, so its next pass reads what this one missed.
    const done = await reconcileShopReturns(shop, connection, now).catch((error: unknown) => {
      console.warn(
        `Looking for TikTok shop ${connection.tiktokShopId}'s missed returns (${shop.domain}): ${(error as Error).message}`,
      );
      return { checked: 0, found: 0 };
    });
    checked += done.checked;
    found += done.found;
  }
  return { checked, found };
}

async function reconcileShopReturns(
  shop: { id: string; domain: string },
  connection: { id: string; tiktokShopId: string; returnsCheckedAt: Date | null },
  now: Date,
) {
  const since = connection.returnsCheckedAt?.getTime() ?? now.getTime() - FIRST_LOOK_BACK_MS;
  const from = Math.floor(since / 1000) - OVERLAP_SECONDS;
  const client = await tiktokClientForShop({
    shopDomain: shop.domain,
    tiktokShopId: connection.tiktokShopId,
  });
  const byOrder = new Map<string, TikTokReturn[]>();
  let checked = 0;
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.searchReturnsUpdatedSince(from, pageToken ?? undefined);
    for (const found of answer.returns)
      byOrder.set(found.order_id, [...(byOrder.get(found.order_id) ?? []), found]);
    checked += answer.returns.length;
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  if (pageToken)
    console.warn(`Looking for ${shop.domain}'s missed TikTok returns: stopped after ${MAX_PAGES} pages.`);
  let found = 0;
  for (const order of await listRecordedReturns(shop.id, [...byOrder.keys()])) {
    const recorded = new Map(
      (Array.isArray(order.tiktokReturns) ? order.tiktokReturns : []).map((entry) => {
        const { returnId, status } = (entry ?? {}) as { returnId?: string; status?: string };
        return [returnId, status];
      }),
    );
    const unseen = (byOrder.get(order.tiktokOrderId) ?? []).some(
      (candidate) => recorded.get(candidate.return_id) !== candidate.return_status,
    );
    if (!unseen) continue;
    await markRefundsDue(shop.id, order.tiktokOrderId);
    found += 1;
  }
  await saveReturnsCheckedAt(connection.id, now);
  return { checked, found };
}

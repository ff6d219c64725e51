import {
  getTikTokConnectionStatus,
  saveTikTokPollProgress,
  type TikTokShopRef,
} from "~/models/tiktok-connection.server";
import { tiktokClientForShop, type ShopClientOptions } from "./connection.server";
import { storeTikTokOrders } from "./order-intake.server";

/**
 * One poll of one TikTok shop of a store: `orders/search` by `update_time` from its stored cursor, all pages, each order
 * upserted and the changed ones queued. The cursor follows TikTok's own `update_time`s (not this machine's
 * clock), and each poll re-reads an overlap before it, so an order TikTok indexed late or stamped a
 * little early is still found.
 */

/** Re-read this much before the cursor on every poll. */
export const POLL_OVERLAP_MS = 5 * 60_000;
/** A first poll reaches back this far before the connection, so recent orders show (Blocked, with a forced Sync). */
export const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
/** The cursor never passes now minus this: orders updated in the last moments may not be searchable yet. */
export const CURSOR_SETTLE_MS = 10_000;
const PAGE_SIZE = 100;

export type PollResult = {
  shopDomain: string;
  tiktokShopId: string;
  ok: boolean;
  pages: number;
  orders: number;
  created: number;
  updated: number;
  queued: number;
  cursor: Date | null;
  error?: string;
};

export type PollOptions = { client?: ShopClientOptions; pageSize?: number; now?: () => Date };

export async function pollShop(ref: TikTokShopRef, options: PollOptions = {}): Promise<PollResult> {
  const now = options.now ?? (() => new Date());
  const status = await getTikTokConnectionStatus(ref);
  const result: PollResult = {
    ...ref,
    ok: false,
    pages: 0,
    orders: 0,
    created: 0,
    updated: 0,
    queued: 0,
    cursor: null,
  };
  if (!status) return { ...result, error: "This TikTok shop is not connected." };
  if (status.deauthorizedAt) return { ...result, error: "The seller revoked the app's access." };
  const from = status.pollCursor
    ? status.pollCursor.getTime() - POLL_OVERLAP_MS
    : status.connectedAt.getTime() - FIRST_POLL_LOOKBACK_MS;
  result.cursor = status.pollCursor;
  try {
    const client = await tiktokClientForShop(ref, options.client);
    let pageToken: string | undefined;
    do {
      const page = await client.searchOrders({
        updateTimeGe: Math.floor(from / 1000),
        sortField: "update_time",
        sortOrder: "ASC",
        pageSize: options.pageSize ?? PAGE_SIZE,
        pageToken,
      });
      const stored = await storeTikTokOrders(
        { shopId: status.shopId, tiktokShopId: ref.tiktokShopId },
        page,
        "POLL",
      );
      result.pages += 1;
      result.orders += page.orders.length + page.invalid.length;
      result.created += stored.created;
      result.updated += stored.updated;
      result.queued += stored.queued.length;
      // Pages come oldest first: everything up to this page's newest order is stored.
      if (stored.maxUpdateTime !== undefined) {
        const settled = now().getTime() - CURSOR_SETTLE_MS;
        const cursor = new Date(Math.min(stored.maxUpdateTime * 1000, settled));
        if (!result.cursor || cursor > result.cursor) {
          result.cursor = cursor;
          await saveTikTokPollProgress(ref, { pollCursor: cursor });
        }
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    result.ok = true;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  await saveTikTokPollProgress(ref, { lastPolledAt: now() });
  return result;
}

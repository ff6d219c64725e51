import { upsertTikTokOrders, type OrderToStore, type UpsertOutcome } from "~/models/tiktok-order.server";

/**
 * Stores one TikTok order as the webhook and the poller do (a batch of one), without queuing it; from the
 * TikTok shop `tiktokShopId` when given (else from none, as an order stored before shops were told apart).
 */
export async function upsertTikTokOrder(
  shopId: string,
  order: OrderToStore,
  tiktokShopId?: string,
): Promise<{ outcome: UpsertOutcome; id: string }> {
  const [result] = await upsertTikTokOrders(shopId, [order], tiktokShopId ? { tiktokShopId } : {});
  if (!result) throw new Error(`TikTok order ${order.id} was neither stored nor found`);
  return result;
}

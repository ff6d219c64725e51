import { upsertTikTokOrders, type OrderToStore, type UpsertOutcome } from "~/models/tiktok-order.server";

/** Stores one TikTok order as the webhook and the poller do (a batch of one), without queuing it. */
export async function upsertTikTokOrder(
  shopId: string,
  order: OrderToStore,
): Promise<{ outcome: UpsertOutcome; id: string }> {
  const [result] = await upsertTikTokOrders(shopId, [order]);
  if (!result) throw new Error(`TikTok order ${order.id} was neither stored nor found`);
  return result;
}

import { z } from "zod";
import { announceDue } from "~/models/order-queue.server";
import { upsertTikTokOrders } from "~/models/tiktok-order.server";
import type { InvalidTikTokOrder, ValidatedOrders } from "./order-validation";
import type { TikTokOrder } from "./types";

/**
 * Where orders fetched from TikTok (by a webhook's detail fetch or by the poller) enter the app: each is
 * upserted (an older `update_time` never overwrites a newer one) and those that changed are queued.
 */

/**
 * The least an order needs to be stored: its identity, status and times. An order TikTok sent with a
 * field the mapper needs missing or malformed is still stored with its raw JSON, so the sync records it as
 * Failed with MISSING_REQUIRED_FIELD naming that field; an order without even these is only logged.
 */
const storableOrderSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  create_time: z.number().int(),
  update_time: z.number().int(),
  is_sample_order: z.boolean().optional(),
  is_on_hold_order: z.boolean().optional(),
  fulfillment_type: z.string().optional(),
});

export type IntakeResult = {
  created: number;
  updated: number;
  stale: number;
  /** Orders that could not be stored at all (no id, status or times). */
  unstorable: number;
  /** Row ids queued for syncOrder. */
  queued: string[];
  /** The newest `update_time` among the orders stored, in Unix seconds. */
  maxUpdateTime?: number;
};

export async function storeTikTokOrders(
  { shopId, tiktokShopId }: { shopId: string; tiktokShopId: string },
  { orders, invalid }: ValidatedOrders,
  trigger: "WEBHOOK" | "POLL",
): Promise<IntakeResult> {
  const result: IntakeResult = { created: 0, updated: 0, stale: 0, unstorable: 0, queued: [] };
  const storable: TikTokOrder[] = [...orders];
  for (const order of invalid) {
    const parsed = storableOrderSchema.safeParse(order.raw);
    // Only these columns are read from it; the raw JSON is kept as TikTok sent it for the sync to judge.
    if (parsed.success) storable.push(parsed.data as unknown as TikTokOrder);
    else {
      result.unstorable += 1;
      warnUnstorable(shopId, order);
    }
  }
  // One statement stores the batch and makes what changed due; a stale delivery changes nothing.
  for (const { outcome, id, due } of await upsertTikTokOrders(shopId, storable, {
    queue: trigger,
    tiktokShopId,
  })) {
    result[outcome] += 1;
    if (due && outcome !== "stale") result.queued.push(id);
  }
  for (const order of storable) {
    result.maxUpdateTime = Math.max(result.maxUpdateTime ?? order.update_time, order.update_time);
  }
  if (result.queued.length > 0) announceDue(result.queued);
  return result;
}

function warnUnstorable(shopId: string, order: InvalidTikTokOrder) {
  const issues = order.issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  console.warn(
    `TikTok sent an order that cannot be stored (shop ${shopId}, id ${order.id ?? "?"}): ${issues}`,
  );
}

import { prefix, sharedRedis } from "~/lib/redis.server";

/**
 * Fair turns between stores: a store's k-th waiting order gets BullMQ priority k, so the first order of
 * a quiet store goes ahead of the ten-thousandth of a store in a flash sale, and the busy store still gets
 * every worker slot nobody else wants. The count lives in Redis, shared by every process; a count that
 * drifted (a crash, a job that collapsed into an existing one) only shifts priorities, and expires.
 */
const MAX_PRIORITY = 2_097_151; // BullMQ's largest
const TTL_SECONDS = 3_600;

const key = (shopId: string) => `${prefix()}:waiting:${shopId}`;

/** Priorities for `count` new jobs of a store; 1 for all of them when Redis can't say. */
export async function takeTurns(shopId: string, count: number): Promise<number[]> {
  let last = count;
  try {
    const [[, value] = []] =
      (await sharedRedis().multi().incrby(key(shopId), count).expire(key(shopId), TTL_SECONDS).exec()) ?? [];
    last = Number(value) || count;
  } catch {
    return Array.from({ length: count }, () => 1);
  }
  return Array.from({ length: count }, (_, i) => Math.max(1, Math.min(MAX_PRIORITY, last - count + 1 + i)));
}

/** A store's job left the line. */
export async function turnTaken(shopId: string): Promise<void> {
  try {
    const left = await sharedRedis().decr(key(shopId));
    if (left < 0) await sharedRedis().set(key(shopId), 0, "EX", TTL_SECONDS);
  } catch {
    // The count only orders jobs; a missed decrement costs that store a place, not an order.
  }
}

import type { CostBucket, ThrottleStatus } from "./cost-bucket";

/**
 * A store's Shopify cost bucket as the Admin client uses it: in this process (`CostBucket`) or shared by
 * every process through Redis (`RedisBucket`). A reservation waits for the requested cost and holds the
 * expected actual cost until it is settled, with Shopify's own figures when the answer carried them.
 */
export type Reservation = { waitMs: number; settle(status?: ThrottleStatus): Promise<void> };

export interface ThrottleBucket {
  reserve(requested: number, actual: number): Promise<Reservation>;
  /** Milliseconds until `cost` points are back. */
  msUntil(cost: number): Promise<number>;
}

/** The process-local bucket behind the shared interface. */
export function localBucket(bucket: CostBucket): ThrottleBucket {
  return {
    async reserve(requested, actual) {
      const waitMs = bucket.reserve(requested, actual);
      return { waitMs, settle: async (status) => bucket.settle(actual, status) };
    },
    msUntil: async (cost) => bucket.msUntil(cost),
  };
}

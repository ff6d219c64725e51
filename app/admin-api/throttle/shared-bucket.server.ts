import { prefix, sharedRedis } from "~/lib/redis.server";
import type { ThrottleBucket } from "./throttle-bucket";
import { RedisBucket } from "./redis-bucket.server";

const buckets = new Map<string, ThrottleBucket>();

/** A store's cost bucket on Redis, shared by every process of the app (one object per store here). */
export function sharedBucket(shop: string): ThrottleBucket {
  let bucket = buckets.get(shop);
  if (!bucket) {
    bucket = new RedisBucket(sharedRedis(), prefix(), shop);
    buckets.set(shop, bucket);
  }
  return bucket;
}

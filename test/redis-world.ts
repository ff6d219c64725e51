import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/**
 * A Redis key prefix of one test file's own, and its removal afterwards. Set it before the app's modules
 * are imported (they read their environment once).
 */
export function redisPrefixForFile(redisUrl: string | undefined): string {
  const prefix = `test-${randomBytes(5).toString("hex")}`;
  process.env.REDIS_PREFIX = prefix;
  if (redisUrl) process.env.REDIS_URL = redisUrl;
  return prefix;
}

export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

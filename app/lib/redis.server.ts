import { Redis } from "ioredis";
import { env } from "~/env.server";

/**
 * Redis connections of this process. BullMQ's own (queues, workers) wait for Redis as long as it takes;
 * the app's small keys (throttle, fairness, liveness) fail fast instead, and their callers fall back.
 */
export function redisUrl(): string {
  if (!env.REDIS_URL) throw new Error("REDIS_URL is not set: the BullMQ queue needs Redis.");
  return env.REDIS_URL;
}

export const prefix = (): string => env.REDIS_PREFIX;

/** Options for a BullMQ Queue or Worker. */
export function bullConnection() {
  return { url: redisUrl(), maxRetriesPerRequest: null, enableOfflineQueue: true };
}

let shared: Redis | undefined;

/** One connection for the app's own keys, made on first use. */
export function sharedRedis(): Redis {
  if (shared) return shared;
  shared = new Redis(redisUrl(), { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  // Errors surface on the commands that fail; an unhandled 'error' event would only crash the process.
  shared.on("error", () => undefined);
  return shared;
}

export async function closeSharedRedis(): Promise<void> {
  const redis = shared;
  shared = undefined;
  if (redis) await redis.quit().catch(() => redis.disconnect());
}

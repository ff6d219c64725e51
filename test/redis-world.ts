import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { until } from "./until";

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

/** A redis-server of the test file's own on `port` (so a test can kill and restart it), once it answers. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await until(async () => spawnSync("redis-cli", ["-p", String(port), "ping"]).status === 0, 10_000, 50);
  return server;
}

/**
 * A sync worker process (`scripts/worker.ts`) on the test's Redis and database, with short sweeps and
 * retries; `env` adds or replaces variables. Its standard output is piped when `stdout` says so (to hear
 * "started").
 */
export function spawnWorker(
  redis: { url: string; prefix: string },
  env: Record<string, string> = {},
  stdout: "pipe" | "ignore" = "ignore",
): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      SYNC_CONCURRENCY: "8",
      SYNC_SWEEP_SECONDS: "2",
      SYNC_RETRY_BASE_MS: "200",
      DATABASE_POOL_SIZE: "4",
      ...env,
    },
    stdio: ["ignore", stdout, "ignore"],
  });
}

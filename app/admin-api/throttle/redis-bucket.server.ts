import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { localBucket, type Reservation, type ThrottleBucket } from "./throttle-bucket";
import { CostBucket, type ThrottleStatus } from "./cost-bucket";

/**
 * A store's cost bucket shared by every process through Redis: Shopify's bucket is per app per store, so
 * all workers together must stay inside it. One Lua script refills by the restore rate (on Redis's clock,
 * the same for every machine), admits at the requested cost and holds the expected actual cost for each
 * request in flight until it is settled. A reservation that is never settled (its process died) lapses.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('HMGET', KEYS[1], 'available', 'max', 'rate', 'at')
local max = tonumber(s[2]) or tonumber(ARGV[2])
local rate = tonumber(s[3]) or tonumber(ARGV[3])
local available = tonumber(s[1]) or max
local at = tonumber(s[4]) or now
available = math.min(max, available + math.max(0, now - at) / 1000 * rate)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local op = ARGV[1]
local result = 0
local function until_points(cost)
  if available >= cost then return 0 end
  return math.ceil((cost - available) / rate * 1000)
end
if op == 'reserve' then
  local requested = math.min(tonumber(ARGV[4]), max)
  local points = math.min(tonumber(ARGV[5]), max)
  result = until_points(requested)
  available = available - points
  redis.call('ZADD', KEYS[2], now + result + tonumber(ARGV[7]), ARGV[6])
elseif op == 'settle' then
  redis.call('ZREM', KEYS[2], ARGV[4])
  if ARGV[5] == '1' then
    max = tonumber(ARGV[6])
    available = tonumber(ARGV[7])
    rate = tonumber(ARGV[8])
    for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
      available = available - math.min(max, tonumber(string.match(member, ':(%d+)$')))
    end
  end
else
  result = until_points(tonumber(ARGV[4]))
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'max', tostring(max), 'rate', tostring(rate), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 600000)
redis.call('PEXPIRE', KEYS[2], 600000)
return result
`;

// Until Shopify says otherwise, the smallest plan's bucket.
const DEFAULT_MAX = 2000;
const DEFAULT_RATE = 100;
// A reservation lapses this long after its request could be sent: longer than any request takes.
const HOLD_MS = 60_000;

type BucketRedis = Redis & {
  shopifyBucket(state: string, inFlight: string, ...args: (string | number)[]): Promise<number>;
};

export class RedisBucket implements ThrottleBucket {
  // Used while Redis can't be reached: the process's own estimate is better than no pacing at all.
  private readonly fallback = localBucket(new CostBucket());
  private readonly state: string;
  private readonly inFlight: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    shop: string,
  ) {
    if (!("shopifyBucket" in redis)) redis.defineCommand("shopifyBucket", { numberOfKeys: 2, lua: SCRIPT });
    this.state = `${prefix}:throttle:{${shop}}:state`;
    this.inFlight = `${prefix}:throttle:{${shop}}:in-flight`;
  }

  private run(...args: (string | number)[]): Promise<number> {
    const redis = this.redis as BucketRedis;
    return redis.shopifyBucket(
      this.state,
      this.inFlight,
      args[0] ?? "",
      DEFAULT_MAX,
      DEFAULT_RATE,
      ...args.slice(1),
    );
  }

  async reserve(requested: number, actual: number): Promise<Reservation> {
    // The member names its points, so the script can add up what is in flight.
    const member = `${randomUUID()}:${Math.max(0, Math.ceil(actual))}`;
    let waitMs: number;
    try {
      waitMs = await this.run("reserve", requested, actual, member, HOLD_MS);
    } catch {
      return this.fallback.reserve(requested, actual);
    }
    return {
      waitMs,
      settle: async (status?: ThrottleStatus) => {
        const figures = status
          ? ["1", status.maximumAvailable, status.currentlyAvailable, status.restoreRate]
          : ["0"];
        await this.run("settle", member, ...figures).catch(() => undefined);
      },
    };
  }

  async msUntil(cost: number): Promise<number> {
    try {
      return await this.run("until", cost);
    } catch {
      return this.fallback.msUntil(cost);
    }
  }
}

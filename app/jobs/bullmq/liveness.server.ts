import { prefix, sharedRedis } from "~/lib/redis.server";

/**
 * A worker process says it is alive every few seconds. The sweeper releases the leases of a holder that
 * stopped saying so (killed, machine gone), instead of waiting out the five-minute lease.
 */
const BEAT_MS = 5_000;
const ALIVE_MS = 15_000;
// Missing twice, this far apart, before a holder is taken for dead: a Redis restart loses the keys for
// one beat, a dead process stays silent. Longer than Shopify's order search trails a create (006).
export const CONFIRM_DEAD_MS = 20_000;

const aliveKey = (holder: string) => `${prefix()}:alive:${holder}`;
const suspectKey = (holder: string) => `${prefix()}:suspect:${holder}`;

export function startHeartbeat(holder: string): { stop(): Promise<void> } {
  const beat = () =>
    sharedRedis()
      .set(aliveKey(holder), "1", "PX", ALIVE_MS)
      .catch(() => undefined);
  void beat();
  const timer = setInterval(beat, BEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sharedRedis()
        .del(aliveKey(holder))
        .catch(() => undefined);
    },
  };
}

/** Of these holders, the ones confirmed dead: silent now and already when first suspected. */
export async function deadHolders(holders: readonly string[], now = Date.now()): Promise<string[]> {
  const dead: string[] = [];
  const redis = sharedRedis();
  for (const holder of holders) {
    if (await redis.exists(aliveKey(holder))) {
      await redis.del(suspectKey(holder));
      continue;
    }
    await redis.set(suspectKey(holder), String(now), "PX", 10 * 60_000, "NX");
    const since = Number(await redis.get(suspectKey(holder)));
    if (now - since >= CONFIRM_DEAD_MS) dead.push(holder);
  }
  return dead;
}

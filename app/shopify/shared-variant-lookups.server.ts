import type { AdminClient } from "./admin-client.server";
import { getVariantsById, type Variant } from "./operations/variants";

type Waiting = {
  client: AdminClient;
  ids: readonly string[];
  resolve(found: Map<string, Variant>): void;
  reject(error: unknown): void;
};

type StoreLookups = { waiting: Waiting[] };

const stores = new Map<string, StoreLookups>();

/**
 * The variants that still exist among `ids`, looked up together with the other syncs of the same store: while
 * one lookup of a store is out, the ids its other syncs ask about wait and go in the next request, so a burst
 * of one store's orders costs a lookup per round trip rather than one per order. The answer is as fresh as a
 * lookup of its own: every request is sent after the ask.
 */
export function lookUpVariants(
  shop: string,
  client: AdminClient,
  ids: readonly string[],
): Promise<Map<string, Variant>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const running = stores.get(shop);
    if (running) {
      running.waiting.push({ client, ids, resolve, reject });
      return;
    }
    const store: StoreLookups = { waiting: [{ client, ids, resolve, reject }] };
    stores.set(shop, store);
    void drain(shop, store);
  });
}

async function drain(shop: string, store: StoreLookups) {
  // The asks of the same turn of the event loop go in the first request.
  await new Promise((resolve) => setImmediate(resolve));
  while (store.waiting.length > 0) {
    const group = store.waiting.splice(0);
    const ids = [...new Set(group.flatMap((ask) => ask.ids))];
    // Every ask is the same store's: the newest one's client carries the freshest token.
    const newest = group[group.length - 1];
    if (!newest) break;
    try {
      const found = await getVariantsById(newest.client, ids);
      for (const ask of group) ask.resolve(found);
    } catch (error) {
      for (const ask of group) ask.reject(error);
    }
  }
  stores.delete(shop);
}

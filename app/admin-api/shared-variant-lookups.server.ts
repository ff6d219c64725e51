import { GroupCommit } from "~/lib/group-commit.server";
import type { AdminClient } from "./admin-client.server";
import { getVariantsById, type Variant } from "./operations/variants";

type Ask = {
  client: AdminClient;
  ids: readonly string[];
  resolve(found: Map<string, Variant>): void;
  reject(error: unknown): void;
};

/** The lookups of the stores that have one out or waiting. */
const stores = new Map<string, GroupCommit<Ask>>();

/**
 * The variants that still exist among `ids`, looked up together with the other syncs of the same store: while
 * one lookup of a store is out, the ids its other syncs ask about wait and go in the next request, so a burst
 * of one store's orders costs a lookup per round trip rather than one per order. The answer is as fresh as a
 * lookup of its own: every request is sent after the asks it answers (ADR 015).
 */
export function lookUpVariants(
  shop: string,
  client: AdminClient,
  ids: readonly string[],
): Promise<Map<string, Variant>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    let lookups = stores.get(shop);
    if (!lookups) {
      lookups = new GroupCommit(lookUp, { onIdle: () => stores.delete(shop) });
      stores.set(shop, lookups);
    }
    lookups.add({ client, ids, resolve, reject });
  });
}

async function lookUp(asks: Ask[]): Promise<void> {
  // Every ask is the same store's: the newest one's client carries the freshest token.
  const newest = asks[asks.length - 1];
  if (!newest) return;
  try {
    const found = await getVariantsById(newest.client, [...new Set(asks.flatMap((ask) => ask.ids))]);
    for (const ask of asks) ask.resolve(found);
  } catch (error) {
    for (const ask of asks) ask.reject(error);
  }
}

import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { pgliteFolder } from "~/db/connect.server";
import { database } from "~/db.server";
import { env } from "~/env.server";
import { listLeaseHolders, releaseDeadHolder } from "./order-queue.server";

/**
 * Who holds the embedded worker's leases: `embedded:<instance>:<incarnation>`. The instance is this
 * process's name, the same after a restart; the incarnation is new at each start. A process that starts
 * under an instance releases the leases its earlier incarnations still hold at once, instead of waiting
 * out the five-minute lease after a crash. No two live processes may share an instance, or one would
 * release the other's leases (docs/decisions/019-trust.md).
 */

// On PostgreSQL, processes of one machine and folder share a name and take the first free slot of it.
export const INSTANCE_SLOTS = 8;
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);

/** The name the app's processes on this machine and in this folder share on PostgreSQL. */
export const sharedInstanceName = () => `pg-${digest(`${hostname()}\n${process.cwd()}`)}`;
/** The lock a live process holds on its instance, for as long as it runs. */
export const instanceLock = (instance: string) => `order-sync:embedded-worker:${instance}`;

declare global {
  var __embeddedInstance: Promise<string> | undefined;
  /** The incarnations of the embedded workers running in this process (tests run several at once). */
  var __embeddedIncarnations: Set<string> | undefined;
}

async function takeInstance(): Promise<string> {
  // A PGlite folder is opened by one process at a time: its successor is the next process to open it.
  if (database.kind === "pglite") {
    const folder = pgliteFolder(env.DATABASE_URL);
    return folder ? `pglite-${digest(`${hostname()}\n${folder}`)}` : `memory-${randomUUID()}`;
  }
  const name = sharedInstanceName();
  try {
    for (let slot = 0; slot < INSTANCE_SLOTS; slot++) {
      if (await database.holdLock(instanceLock(`${name}-${slot}`))) return `${name}-${slot}`;
    }
  } catch (error) {
    console.warn(`No instance lock for the embedded worker: ${(error as Error).message}`);
  }
  // No slot to be had: a name of its own, with nothing earlier to release.
  return `${name}-${randomUUID()}`;
}

/**
 * The lease holder for an embedded worker starting now, once the leases its instance's earlier
 * incarnations still hold are released, due at `dueAt`. Answers the holder and how many were released.
 */
export async function startIncarnation(dueAt: Date): Promise<{ holder: string; released: number }> {
  const instance = await (globalThis.__embeddedInstance ??= takeInstance());
  const running = (globalThis.__embeddedIncarnations ??= new Set());
  const incarnation = randomUUID();
  running.add(incarnation);
  const prefix = `embedded:${instance}:`;
  let released = 0;
  for (const holder of await listLeaseHolders(prefix, new Date())) {
    if (!running.has(holder.slice(prefix.length))) released += await releaseDeadHolder(holder, dueAt);
  }
  return { holder: `${prefix}${incarnation}`, released };
}

import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";
import { until } from "../../test/until";

// After a crash, the restarted app resumes the orders it had leased at once, not five minutes later, and
// never touches the leases of another live process.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma, database } = await import("~/db.server");
const { openDatabase } = await import("~/db/connect.server");
const { instanceLock, sharedInstanceName, startIncarnation } =
  await import("~/models/worker-instance.server");
const { startEmbeddedWorker } = await import("./embedded-worker.server");

// Another app process on this machine, on the same PostgreSQL, already running under the first name this
// process would take. (On PGlite no other process can open the database.)
const twin = database.kind === "postgresql" ? openDatabase(process.env.DATABASE_URL ?? "") : undefined;
const twinInstance = `${sharedInstanceName()}-0`;
if (twin) expect(await twin.holdLock(instanceLock(twinInstance))).toBe(true);
// The twin closes with every other database of the test file.
afterAll(() => standin.close());

const fastRetry = { maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 500, minUncertainDelayMs: 50 };
const LEASE = 5 * 60_000;
const placed = () => Math.floor(Date.now() / 1000) - 7200;
let seq = 0;

/** Orders of a fresh store, each leased (for the full five minutes, from now) by one of `holders`. */
async function leasedOrders(holders: string[]) {
  const { shop, domain } = await seedWorld(standin, {
    domain: `recovery-${++seq}.myshopify.com`,
    skus: [{ skuId: DEFAULT_SKU_ID, inventory: 100 }],
  });
  const ids: string[] = [];
  for (const leaseHolder of holders) {
    const id = await receiveOrder(shop.id, buildTikTokOrder({ create_time: placed() }));
    await prisma.tikTokOrder.update({
      where: { id },
      data: { leaseHolder, leaseExpiresAt: new Date(Date.now() + LEASE) },
    });
    ids.push(id);
  }
  return { domain, ids };
}
const leaseOf = async (id: string) =>
  (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id }, select: { leaseHolder: true } })).leaseHolder;

describe("recovering the leases of a crashed app", () => {
  it("releases at start the leases its own earlier incarnation held, and no one else's", async () => {
    const running = await startIncarnation(new Date());
    const instance = running.holder.replace(/:[^:]+$/, "");
    const others = [
      running.holder,
      "embedded:pglite-0123456789ab:live",
      `embedded:${twinInstance}:live`,
      randomUUID(),
    ];
    const { ids } = await leasedOrders([`${instance}:crashed`, ...others]);
    const dueAt = new Date(Date.now() + 10_000);

    const restarted = await startIncarnation(dueAt);

    expect(restarted.holder).not.toBe(running.holder);
    expect(restarted.holder.startsWith(`${instance}:`)).toBe(true);
    expect(restarted.released).toBe(1);
    const [crashed = "", ...kept] = ids;
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: crashed } })).toMatchObject({
      leaseHolder: null,
      leaseExpiresAt: null,
      nextAttemptAt: dueAt,
    });
    expect(await Promise.all(kept.map(leaseOf))).toEqual(others);
  });

  it("never runs under the name of another live process on the same database", async () => {
    const { holder } = await startIncarnation(new Date());
    expect(holder.startsWith(`embedded:${twinInstance}:`)).toBe(false);
  });

  it("syncs the order a crash left leased as soon as the worker starts again", async () => {
    const probe = await startIncarnation(new Date());
    const instance = probe.holder.replace(/:[^:]+$/, "");
    const { domain, ids } = await leasedOrders([`${instance}:crashed-mid-sync`]);
    await prisma.tikTokOrder.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date() } });

    const worker = startEmbeddedWorker({ retry: fastRetry, pollMs: 50 });
    const synced = async () =>
      (await prisma.tikTokOrder.count({ where: { id: { in: ids }, syncStatus: "SYNCED" } })) === 1;
    const inTime = await until(synced, 15_000);
    await worker.stop();

    expect(inTime).toBe(true);
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { receiveOrder } from "../../test/sync-world";
import { claimOrder, finishCreate, startCreate } from "./sync-run.server";

// Many syncs' starts and finishes, written together by group commit, each with its own effect.
describe("a create's writes, in groups", () => {
  it("starts and finishes many creates at once, each order with its own outcome", async () => {
    const shop = await prisma.shop.create({ data: { domain: "group-writes.myshopify.com" } });
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => receiveOrder(shop.id, buildTikTokOrder({ id: `5770${i}` }))),
    );
    const claimed = await Promise.all(ids.map((id) => claimOrder(id, "worker-1", 60_000)));
    const started = await Promise.all(ids.map((id) => startCreate(id, "WEBHOOK", [{ stage: 1 }])));

    const syncing = await prisma.tikTokOrder.findMany({ where: { id: { in: ids } } });
    expect(syncing.map((row) => row.syncStatus)).toEqual(ids.map(() => "SYNCING"));
    const attempts = await prisma.syncAttempt.findMany({ where: { orderId: { in: ids } } });
    expect(attempts.map((a) => [a.orderId, a.outcome, a.stages]).sort()).toEqual(
      ids.map((id) => [id, "CREATING", [{ stage: 1 }]]).sort(),
    );

    // Meanwhile TikTok's newer state of the fourth order was stored: it stays due after its create.
    const [, , , changed, grouped, leader] = ids as [string, string, string, string, string, string];
    const before = claimed[3]?.updateTime ?? new Date();
    await prisma.tikTokOrder.update({
      where: { id: changed },
      data: { updateTime: new Date(before.getTime() + 60_000) },
    });
    // The fifth and sixth stand for one combined Shopify order, created under the sixth's lease.
    await Promise.all(
      ids
        .slice(0, 4)
        .map((id, i) =>
          finishCreate(
            started[i]?.id ?? "",
            [id],
            { id: `gid://shopify/Order/${i}`, name: `#100${i}` },
            `hash-${i}`,
            { id, holder: "worker-1", syncedFrom: claimed[i]?.updateTime ?? new Date(), release: i !== 2 },
          ),
        ),
    );
    await finishCreate(
      started[5]?.id ?? "",
      [grouped, leader],
      { id: "gid://shopify/Order/9", name: "#1009" },
      null,
      { id: leader, holder: "worker-1", syncedFrom: claimed[5]?.updateTime ?? new Date(), release: true },
    );

    const rows = new Map(
      (await prisma.tikTokOrder.findMany({ where: { id: { in: ids } } })).map((row) => [row.id, row]),
    );
    for (const [i, id] of ids.slice(0, 4).entries()) {
      expect(rows.get(id)).toMatchObject({
        syncStatus: "SYNCED",
        shopifyOrderId: `gid://shopify/Order/${i}`,
        shopifyOrderName: `#100${i}`,
        shopifyAddressHash: `hash-${i}`,
        // The third kept its lease (a cancel follows under it); the others ended theirs.
        leaseHolder: i === 2 ? "worker-1" : null,
        queuedTrigger: id === changed ? "REQUEUE" : null,
      });
      expect(rows.get(id)?.nextAttemptAt === null).toBe(id !== changed);
    }
    // Both orders of the group are Synced; only the one held had its lease ended.
    expect(rows.get(grouped)).toMatchObject({ syncStatus: "SYNCED", leaseHolder: "worker-1" });
    expect(rows.get(leader)).toMatchObject({ syncStatus: "SYNCED", leaseHolder: null });
    expect(rows.get(grouped)?.shopifyOrderId).toBe("gid://shopify/Order/9");
    const ended = await prisma.syncAttempt.findMany({ where: { orderId: { in: ids }, outcome: "SYNCED" } });
    expect(ended.map((a) => a.orderId).sort()).toEqual([...ids.slice(0, 4), leader].sort());
    const counts = await prisma.tikTokOrderCount.findMany({ where: { shopId: shop.id, count: { not: 0 } } });
    expect(counts.map((c) => [c.syncStatus, c.count])).toEqual([["SYNCED", 6]]);
  });

  it("writes the others when one write is refused (an order erased meanwhile)", async () => {
    const shop = await prisma.shop.create({ data: { domain: "group-refusal.myshopify.com" } });
    const ids = await Promise.all(
      Array.from({ length: 3 }, (_, i) => receiveOrder(shop.id, buildTikTokOrder({ id: `5780${i}` }))),
    );
    const results = await Promise.allSettled([
      ...ids.map((id) => startCreate(id, "POLL", [])),
      startCreate("no-such-order", "POLL", []),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    const rows = await prisma.tikTokOrder.findMany({ where: { id: { in: ids } } });
    expect(rows.map((row) => row.syncStatus)).toEqual(["SYNCING", "SYNCING", "SYNCING"]);
    expect(await prisma.syncAttempt.count({ where: { orderId: { in: ids }, outcome: "CREATING" } })).toBe(3);
  });
});

import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { ensureShop, getShopSettings } from "~/models/shop.server";
import { upsertTikTokOrder } from "../../test/factories/stored-order";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { updateSettings } from "./settings.server";

describe("changing a setting", () => {
  it("re-queues the orders the old setting blocked, and only those", async () => {
    const shop = await ensureShop("requeue.myshopify.com");
    const blocked = async (reasonCode: string) => {
      const { id } = await upsertTikTokOrder(shop.id, buildTikTokOrder());
      await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
      return id;
    };
    const autoSync = await blocked("AUTO_SYNC_DISABLED");
    const onHold = await blocked("ORDER_ON_HOLD");
    const settings = await getShopSettings("requeue.myshopify.com");
    await updateSettings("requeue.myshopify.com", { ...settings, autoSync: false });

    const result = await updateSettings("requeue.myshopify.com", { ...settings, autoSync: true });

    expect(result).toMatchObject({ ok: true, requeued: 1 });
    const due = await prisma.tikTokOrder.findMany({
      where: { nextAttemptAt: { not: null } },
      select: { id: true },
    });
    expect(due.map((row) => row.id)).toEqual([autoSync]);
    expect(due.map((row) => row.id)).not.toContain(onHold);
  });
});

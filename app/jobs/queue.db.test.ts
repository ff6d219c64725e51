import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { ensureShop } from "~/models/shop.server";
import { upsertTikTokOrder } from "~/models/tiktok-order.server";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { requeueBlocked } from "./queue.server";

describe("re-queueing blocked orders", () => {
  it("re-queues only the orders with a line of the linked SKU", async () => {
    const shop = await ensureShop("requeue-sku.myshopify.com");
    const blocked = async (skuId: string) => {
      const order = buildTikTokOrder({ line_items: [buildLineItem({ sku_id: skuId })] });
      const { id } = await upsertTikTokOrder(shop.id, order);
      await prisma.tikTokOrder.update({
        where: { id },
        data: { syncStatus: "BLOCKED", reasonCode: "PRODUCT_NOT_LINKED" },
      });
      return id;
    };
    const linked = await blocked("sku-linked");
    await blocked("sku-other");
    expect(await requeueBlocked(shop.id, ["PRODUCT_NOT_LINKED"], { skuIds: ["sku-linked"] })).toBe(1);
    const due = await prisma.tikTokOrder.findMany({ where: { nextAttemptAt: { not: null } } });
    expect(due.map((row) => row.id)).toEqual([linked]);
    expect(await requeueBlocked(shop.id, ["PRODUCT_NOT_LINKED"])).toBe(2);
  });
});

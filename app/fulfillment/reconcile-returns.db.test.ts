import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";
import { wayBackStores } from "../../test/way-back-world";

// TikTok returns whose notification (webhook type 12) never came: the returns pass finds them by TikTok's
// returns search, and the order's sync makes the Shopify refund, once. TikTok's webhooks are off here, so
// the app hears of a return only through the pass. Both stand-ins, over HTTP.
const world = await startConnectorWorld();
const { reconcileReturns } = await import("./reconcile-returns.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(() => world.tiktok.control.setWebhooksEnabled(false));
afterEach(() => world.resetClock());

const { store, shippedOrder } = await wayBackStores(world, "returns");
const rowOf = (id: string) => prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });

describe("the pass that looks for TikTok returns never notified", () => {
  it("finds a refund TikTok made without telling the app, and the sync makes it in Shopify once", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await shippedOrder(
      s,
      {
        lines: [{ skuId: s.serum }, { skuId: s.mask }],
      },
      "9400111899223197428493",
    );
    const lines = (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as {
      id: string;
      seller_sku: string;
    }[];
    const serum = lines.find((line) => line.seller_sku.startsWith("SERUM"))?.id ?? "";
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "REFUND",
      lineItemIds: [serum],
    });
    await world.tiktok.control.completeReturn(returnOrder.return_id);
    expect((await rowOf(row.id)).refundsDue).toBe(false);

    // Another store's pass reads only its own TikTok shop.
    const other = await store();
    expect(await reconcileReturns(other.shop)).toEqual({ checked: 0, found: 0 });

    expect(await reconcileReturns(s.shop)).toEqual({ checked: 1, found: 1 });
    const due = await rowOf(row.id);
    expect(due.refundsDue).toBe(true);
    expect(due.nextAttemptAt).not.toBeNull();
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    const shopifyOrder = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(shopifyOrder.refunds).toHaveLength(1);
    expect(Number(shopifyOrder.refunds[0]?.amount)).toBe(25);
    expect(await prisma.tikTokRefund.count({ where: { orderId: row.id } })).toBe(1);

    // Read again within the overlap: seen in that state now, so nothing is queued, and nothing made twice.
    expect(await reconcileReturns(s.shop)).toEqual({ checked: 1, found: 0 });
    expect((await rowOf(row.id)).refundsDue).toBe(false);
    expect(await syncOrder(row.id, { trigger: "manual" })).toMatchObject({ status: "synced" });
    expect((await world.shopify.control.getOrder(s.domain, shopifyId)).refunds).toHaveLength(1);
  });

  it("reads each of the store's TikTok shops: one TikTok refuses leaves the other's pass alone", async () => {
    const s = await store();
    const { tiktokOrderId, row } = await shippedOrder(
      s,
      { lines: [{ skuId: s.mask }] },
      "9400111899223197428495",
    );
    // A second TikTok shop of the store, whose seller then revokes the app at TikTok (unheard: no webhooks).
    const { tiktokShop: revoked } = await connectStore(world, s.domain);
    await world.tiktok.control.deauthorizeShop(revoked.id);
    const [line] = (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as { id: string }[];
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "REFUND",
      lineItemIds: [line?.id ?? ""],
    });
    await world.tiktok.control.completeReturn(returnOrder.return_id);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await reconcileReturns(s.shop)).toEqual({ checked: 1, found: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`TikTok shop ${revoked.id}'s missed returns`));
    expect((await rowOf(row.id)).refundsDue).toBe(true);
    const watermarks = await prisma.tikTokConnection.findMany({
      where: { shopId: s.shop.id },
      select: { tiktokShopId: true, returnsCheckedAt: true },
    });
    expect(watermarks.find((c) => c.tiktokShopId === revoked.id)?.returnsCheckedAt).toBeNull();
    expect(watermarks.find((c) => c.tiktokShopId === s.tiktokShop.id)?.returnsCheckedAt).not.toBeNull();
  });

  it("queues a return requested but not yet refunded, and reads again only from where the last pass began", async () => {
    const s = await store();
    const first = await shippedOrder(s, { lines: [{ skuId: s.serum }] }, "9400111899223197428494");
    expect(await reconcileReturns(s.shop)).toEqual({ checked: 0, found: 0 });
    const connection = await prisma.tikTokConnection.findFirstOrThrow({ where: { shopId: s.shop.id } });
    expect(connection.returnsCheckedAt).not.toBeNull();

    // A refund requested (not yet made) is a change of its own: the order page shows where it stands.
    const [line] = (await world.tiktok.control.getOrder(first.tiktokOrderId)).line_items as { id: string }[];
    const { returnOrder } = await world.tiktok.control.requestReturn(first.tiktokOrderId, {
      type: "REFUND",
      lineItemIds: [line?.id ?? ""],
    });
    expect(await reconcileReturns(s.shop)).toEqual({ checked: 1, found: 1 });
    expect(await syncOrder(first.row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    expect((await rowOf(first.row.id)).tiktokReturns).toEqual([
      { returnId: returnOrder.return_id, type: "REFUND", status: "RETURN_OR_REFUND_REQUEST_PENDING" },
    ]);
    expect((await world.shopify.control.getOrder(s.domain, first.shopifyId)).refunds).toHaveLength(0);

    // The next pass reads again what changed since the last began (less the overlap): seen, so nothing is
    // queued; a pass an hour after that one reads nothing of it.
    const later = (ms: number) => new Date(Date.now() + ms);
    expect(await reconcileReturns(s.shop, later(3_600_000))).toEqual({ checked: 1, found: 0 });
    expect(await reconcileReturns(s.shop, later(7_200_000))).toEqual({ checked: 0, found: 0 });
  });
});

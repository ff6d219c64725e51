import { afterAll, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";
import { seedWorld } from "../../test/sync-world";
import { until } from "../../test/until";

// A buyer asks TikTok to cancel an order: TikTok's notification (webhook 11) reaches the app, the order page
// and the Orders list say so, and the merchant approves or rejects it, on TikTok. Both stand-ins, over HTTP.
const world = await startConnectorWorld();
const { pollShop } = await import("~/tiktok/poll-shop.server");
const { loadOrderDetail } = await import("./order-detail.server");
const { loadOrdersPage } = await import("./orders.server");
const { answerCancelRequest } = await import("./cancel-requests.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

let stores = 0;
async function orderWithRequest() {
  const domain = `cancel-${++stores}.myshopify.com`;
  await seedWorld(world.shopify, { domain, skus: [], connect: false });
  const { tiktokShop, shop } = await connectStore(world, domain);
  await world.tiktok.control.setWebhooksEnabled(false);
  const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
  await pollShop(
    { shopDomain: domain, tiktokShopId: tiktokShop.id },
    { client: { retry: { maxAttempts: 1 } } },
  );
  await world.tiktok.control.setWebhooksEnabled(true);
  const { cancellation } = await world.tiktok.control.requestCancellation(order.id, {
    reason: "Ordered by mistake",
  });
  const row = () =>
    prisma.tikTokOrder.findUniqueOrThrow({
      where: { shopId_tiktokOrderId: { shopId: shop.id, tiktokOrderId: order.id } },
    });
  expect(await until(async () => (await row()).cancelRequestStatus === "CANCELLATION_REQUEST_PENDING")).toBe(
    true,
  );
  await world.tiktok.control.setWebhooksEnabled(false);
  return { domain, tiktokOrderId: order.id, cancelId: cancellation.cancel_id, row };
}

describe("a buyer's cancellation request", () => {
  it("shows on the order page and the Orders list, and is rejected on TikTok with one of TikTok's reasons", async () => {
    const { domain, tiktokOrderId, cancelId, row } = await orderWithRequest();
    expect((await row()).cancelRequestId).toBe(cancelId);
    const detail = await loadOrderDetail(domain, tiktokOrderId);
    expect(detail?.cancelRequest).toMatchObject({ pending: true, problem: null });
    const reasons = detail?.cancelRequest?.pending ? (detail.cancelRequest.rejectReasons ?? []) : [];
    expect(reasons.map((reason) => reason.name)).toContain("seller_reject_apply_product_has_been_packed");
    const page = await loadOrdersPage(domain, { tab: "all" });
    expect(page.orders.find((o) => o.tiktokOrderId === tiktokOrderId)?.cancelRequested).toBe(true);

    // A reason TikTok doesn't offer is refused by TikTok, in its words; nothing changes.
    const wrong = await answerCancelRequest(domain, {
      intent: "reject",
      tiktokOrderId,
      rejectReason: "because",
    });
    expect(wrong).toMatchObject({ init: { status: 409 } });
    expect((await row()).cancelRequestStatus).toBe("CANCELLATION_REQUEST_PENDING");

    const rejected = await answerCancelRequest(domain, {
      intent: "reject",
      tiktokOrderId,
      rejectReason: "seller_reject_apply_product_has_been_packed",
    });
    expect(rejected).toMatchObject({ ok: true, message: "Cancellation rejected: the order stands" });
    const onTikTok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(onTikTok.cancellations[0]).toMatchObject({ cancel_status: "CANCELLATION_REQUEST_CANCEL" });
    expect(onTikTok.order.status).not.toBe("CANCELLED");
    expect((await loadOrderDetail(domain, tiktokOrderId))?.cancelRequest).toMatchObject({ pending: false });
    // Answered: a second answer is refused.
    expect(await answerCancelRequest(domain, { intent: "approve", tiktokOrderId })).toMatchObject({
      init: { status: 409 },
    });
  });

  it("is approved on TikTok once, however often it is clicked; another store can't answer it", async () => {
    const { domain, tiktokOrderId } = await orderWithRequest();
    const other = await orderWithRequest();
    expect(await answerCancelRequest(other.domain, { intent: "approve", tiktokOrderId })).toMatchObject({
      init: { status: 404 },
    });
    expect(await answerCancelRequest(domain, { intent: "approve", tiktokOrderId })).toMatchObject({
      ok: true,
    });
    const onTikTok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(onTikTok.order.status).toBe("CANCELLED");
    expect(onTikTok.cancellations[0]).toMatchObject({ cancel_status: "CANCELLATION_REQUEST_COMPLETE" });
    expect(await answerCancelRequest(domain, { intent: "approve", tiktokOrderId })).toMatchObject({
      init: { status: 409 },
    });
    expect(await answerCancelRequest(domain, { intent: "maybe", tiktokOrderId })).toMatchObject({
      init: { status: 400 },
    });
  });
});

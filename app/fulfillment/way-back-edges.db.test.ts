import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startConnectorWorld } from "../../test/connector-world";
import { deliver, shopifyWebhook } from "../../test/shopify-webhook";
import { until } from "../../test/until";
import { wayBackStores } from "../../test/way-back-world";

// The way back's edges, each found by the fault suite (app/jobs/bullmq/way-back-faults.redis.test.ts) and
// pinned here in one process: a lost answer, a notification during a sync, two workers at once, a number
// changed in flight, a lost webhook of a later fulfilment, a late create. The app reaches TikTok through a
// proxy, so a test can act between a call and its answer.
const world = await startConnectorWorld();

const hooks: {
  afterReturnsSearch?: () => Promise<void>;
  providersBarrier?: { waiting: (() => void)[]; size: number };
} = {};
const proxy = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on("data", (c: Buffer) => chunks.push(c));
  incoming.on("end", () => {
    void (async () => {
      const url = incoming.url ?? "/";
      const barrier = hooks.providersBarrier;
      if (barrier && url.includes("/shipping_providers")) {
        await new Promise<void>((resolve) => {
          barrier.waiting.push(resolve);
          if (barrier.waiting.length >= barrier.size) barrier.waiting.forEach((r) => r());
        });
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(incoming.headers))
        if (typeof v === "string" && !["host", "connection", "content-length"].includes(k)) headers.set(k, v);
      const body = Buffer.concat(chunks).toString("utf8");
      const answer = await fetch(`${world.tiktok.url}${url}`, {
        method: incoming.method,
        headers,
        body: incoming.method === "GET" ? undefined : body,
      });
      const text = await answer.text();
      if (url.includes("/returns/search") && hooks.afterReturnsSearch) {
        const hook = hooks.afterReturnsSearch;
        hooks.afterReturnsSearch = undefined;
        await hook();
      }
      outgoing.writeHead(answer.status, { "content-type": "application/json" }).end(text);
    })();
  });
});
await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
// The app read its environment as the test setup opened the database: its TikTok base URL is set here.
const { env } = await import("~/env.server");
Object.assign(env, { TIKTOK_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });

const { syncOrder } = await import("~/sync/sync-order.server");
const { claimDueShipments, loadShipment } = await import("~/models/shipment.server");
const { shipToTikTok } = await import("./ship.server");
const { reconcileFulfillments } = await import("./reconcile.server");
const { action: fulfillmentCreated } = await import("~/routes/webhooks.fulfillments.create");
const { default: prisma } = await import("~/db.server");

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await world.close();
});
beforeEach(() => world.tiktok.control.setWebhooksEnabled(false));

const { store, syncedOrder, shippedOrder, sendDue, shipmentsOf } = await wayBackStores(world, "edge");
const lineIdsOf = async (tiktokOrderId: string, prefix: string) =>
  (
    (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as unknown as {
      id: string;
      seller_sku: string;
    }[]
  )
    .filter((l) => l.seller_sku.startsWith(prefix))
    .map((l) => l.id);

describe("the way back, at its edges", () => {
  it("a refund whose refundCreate answer was lost is recorded on the retry (not refused as a key reused with other input)", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await shippedOrder(
      s,
      {
        lines: [{ skuId: s.serum }, { skuId: s.mask }],
      },
      "9400111899223197428490",
    );
    await world.tiktok.control.setWebhooksEnabled(true);
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "REFUND",
      lineItemIds: await lineIdsOf(tiktokOrderId, "MASK"),
    });
    await world.tiktok.control.completeReturn(returnOrder.return_id);
    await world.tiktok.control.setWebhooksEnabled(false);
    expect(
      await until(
        async () => (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).refundsDue,
      ),
    ).toBe(true);
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    // The state a process killed between refundCreate's answer and recording it leaves: Shopify has the
    // refund, the app has no record of it and still owes the order its refunds.
    await prisma.tikTokRefund.deleteMany({ where: { orderId: row.id } });
    await prisma.tikTokOrder.update({ where: { id: row.id }, data: { refundsDue: true } });
    const retried = await syncOrder(row.id, { trigger: "webhook" });
    expect((await world.shopify.control.getOrder(s.domain, shopifyId)).refunds).toHaveLength(1);
    expect(retried).toMatchObject({ status: "synced" });
    expect(await prisma.tikTokRefund.count({ where: { orderId: row.id } })).toBe(1);
  });

  it("a return completed while its order's sync runs is still refunded", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await shippedOrder(
      s,
      { lines: [{ skuId: s.serum }] },
      "9400111899223197428491",
    );
    await world.tiktok.control.setWebhooksEnabled(true);
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, { type: "REFUND" });
    expect(
      await until(
        async () => (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).refundsDue,
      ),
    ).toBe(true);
    // TikTok completes the refund (and says so, webhook 12) just after the sync searched the returns.
    hooks.afterReturnsSearch = async () => {
      await world.tiktok.control.completeReturn(returnOrder.return_id);
    };
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    // TikTok's notification of the completed refund marks the order again (it may land after the sync).
    expect(
      await until(
        async () => (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).refundsDue,
      ),
    ).toBe(true);
    await world.tiktok.control.setWebhooksEnabled(false);
    // However often the order syncs again, the completed refund must reach Shopify.
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    expect((await world.shopify.control.getOrder(s.domain, shopifyId)).refunds).toHaveLength(1);
  });

  it("two fulfilments of one product sent at once ship different TikTok lines, each with its own tracking", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456701",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456702",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    // Two workers each took one (both read TikTok's carriers before either wrote "shipping").
    hooks.providersBarrier = { waiting: [], size: 2 };
    const ids = await claimDueShipments("test", 50, 60_000);
    const loaded = await Promise.all(ids.map((id) => loadShipment(id)));
    await Promise.all(loaded.map((shipment) => (shipment ? shipToTikTok(shipment) : undefined)));
    hooks.providersBarrier = undefined;
    // One took the line first; the other, finding it taken, is due again at once and takes the other line.
    await sendDue();
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages.map((p) => p.tracking_number).sort()).toEqual([
      "1Z999AA10123456701",
      "1Z999AA10123456702",
    ]);
    const rows = await shipmentsOf(row.id);
    expect(new Set(rows.map((r) => r.packageId)).size).toBe(2);
  });

  it("a tracking number changed while its fulfilment is being sent reaches TikTok", async () => {
    const s = await store();
    const { tiktokOrderId, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    const { fulfillment } = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    const [id] = await claimDueShipments("test", 50, 60_000);
    const sending = await loadShipment(id ?? "");
    // The merchant corrects the number while the worker sends the fulfilment.
    await world.shopify.control.updateFulfillmentTracking(s.domain, shopifyId, fulfillment.id, {
      trackingNumber: "1Z999AA10123456785",
    });
    if (sending) await shipToTikTok(sending);
    await sendDue(new Date(Date.now() + 3_600_000));
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages[0]?.tracking_number).toBe("1Z999AA10123456785");
  });

  it("the pass for missed webhooks finds a later fulfilment of a partly shipped order", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456790",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    await sendDue();
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456791",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    // Its webhook was lost: the app knows nothing of the second fulfilment.
    const [, second] = await shipmentsOf(row.id);
    await prisma.tikTokShipment.delete({ where: { id: second?.id ?? "" } });
    expect((await world.tiktok.control.getOrder(tiktokOrderId)).status).toBe("PARTIALLY_SHIPPING");
    expect((await reconcileFulfillments(s.shop)).found).toBe(1);
  });

  it("a late fulfillments/create of the same second as the update does not bring back the old number", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    const { fulfillment } = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456786",
    });
    const updated = await world.shopify.control.updateFulfillmentTracking(
      s.domain,
      shopifyId,
      fulfillment.id,
      {
        trackingNumber: "1Z999AA10123456787",
      },
    );
    // Shopify's create, delivered late: the same updated_at (whole seconds) as the update, the old number.
    const late = {
      id: Number(fulfillment.id.split("/").pop()),
      order_id: Number(shopifyId),
      status: "success",
      updated_at: updated.fulfillment.updatedAt,
      tracking_company: "UPS",
      tracking_number: "1Z999AA10123456786",
      line_items: [{ id: 1, variant_id: 7000 + s.n * 10 + 1, sku: `MASK-${s.n}`, quantity: 1 }],
    };
    expect(
      (await deliver(fulfillmentCreated, shopifyWebhook("fulfillments/create", s.domain, late))).status,
    ).toBe(200);
    expect((await shipmentsOf(row.id))[0]?.trackingNumber).toBe("1Z999AA10123456787");
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin/index";
import {
  buildLineItem,
  buildRecipientAddress,
  buildTikTokOrder,
  buildUnits,
  DEFAULT_SKU_ID,
} from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { loadOrderDetail } = await import("./order-detail.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

const placed = () => Math.floor(Date.now() / 1000) - 7200;

describe("the order page", () => {
  it("is not found for another store's order, nor for an order that doesn't exist", async () => {
    const { shop } = await seedWorld(standin, { domain: "detail-a.myshopify.com" });
    await seedWorld(standin, { domain: "detail-b.myshopify.com" });
    const order = buildTikTokOrder({ create_time: placed() });
    await receiveOrder(shop.id, order);

    expect(await loadOrderDetail("detail-b.myshopify.com", order.id)).toBeNull();
    expect(await loadOrderDetail("detail-a.myshopify.com", "576400000000000000")).toBeNull();
    expect(await loadOrderDetail("detail-a.myshopify.com", order.id)).toMatchObject({
      tiktokOrderId: order.id,
    });
  });

  it("shows every attempt, newest first, with each stage's result and Shopify's message verbatim", async () => {
    const domain = "attempts.myshopify.com";
    const { shop } = await seedWorld(standin, {
      domain,
      skus: [{ skuId: DEFAULT_SKU_ID, inventory: 1, policy: "DENY" }],
    });
    const order = buildTikTokOrder({ create_time: placed(), status: "ON_HOLD", line_items: buildUnits(2) });
    const id = await receiveOrder(shop.id, order);
    await syncOrder(id, { trigger: "webhook" });
    await syncOrder(id, { trigger: "manual" });

    const detail = await loadOrderDetail(domain, order.id);

    const stored = await prisma.syncAttempt.findFirstOrThrow({ where: { orderId: id, outcome: "FAILED" } });
    expect(detail).toMatchObject({
      status: "FAILED",
      reasonCode: "OUT_OF_STOCK",
      sync: { enabled: true },
      attention: "action",
      failure: "Shopify doesn't have enough stock of Glow Serum for this order.",
    });
    const [failed, blocked] = detail?.attempts ?? [];
    expect(failed).toMatchObject({ trigger: "MANUAL", outcome: "FAILED", reasonCode: "OUT_OF_STOCK" });
    expect(failed?.errorDetail).toBe(stored.errorDetail);
    expect(failed?.errorDetail).toBe("order.lineItems: Line items Unable to reserve inventory");
    expect(failed?.plain).toBe(detail?.failure);
    expect(failed?.stages.find((stage) => stage.stage === 5)).toEqual({
      stage: 5,
      status: "skipped",
      reasons: ["ORDER_ON_HOLD"],
    });
    expect(blocked).toMatchObject({ trigger: "WEBHOOK", outcome: "BLOCKED", reasonCode: "ORDER_ON_HOLD" });
    expect(blocked?.stages.map((stage) => stage.status)).toEqual([
      "passed",
      "passed",
      "passed",
      "passed",
      "failed",
      "not_reached",
      "not_reached",
    ]);
  });

  it("shows each line with its link: linked, not linked, or linked to a deleted variant", async () => {
    const domain = "lines.myshopify.com";
    const { shop } = await seedWorld(standin, {
      domain,
      skus: [{ skuId: DEFAULT_SKU_ID }, { skuId: "sku-gone" }],
    });
    await standin.control.deleteVariant(domain, "gid://shopify/ProductVariant/9001");
    const order = buildTikTokOrder({
      create_time: placed(),
      line_items: [
        ...buildUnits(2),
        buildLineItem({ sku_id: "sku-gone", product_name: "Toner" }),
        buildLineItem({ sku_id: "sku-new", product_name: "Mask", seller_sku: "MASK-1" }),
      ],
    });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });

    const detail = await loadOrderDetail(domain, order.id);

    expect(detail?.lines).toEqual([
      expect.objectContaining({ skuId: DEFAULT_SKU_ID, quantity: 2, link: "linked" }),
      expect.objectContaining({
        skuId: "sku-gone",
        productName: "Toner",
        quantity: 1,
        link: "variant_deleted",
      }),
      expect.objectContaining({ skuId: "sku-new", sellerSku: "MASK-1", link: "not_linked" }),
    ]);
    expect(detail?.money?.shopify).toEqual({ ok: false, message: expect.stringContaining("sku-new") });
  });

  it("puts TikTok's money next to what is sent to Shopify, to the same total", async () => {
    const domain = "money.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const order = buildTikTokOrder(
      {
        create_time: placed(),
        line_items: buildUnits(2, { original_price: "30.00", seller_discount: "5.00" }),
      },
      { shippingFee: "6.00", shippingPlatformDiscount: "1.00" },
    );
    await receiveOrder(shop.id, order);

    const money = (await loadOrderDetail(domain, order.id))?.money;

    expect(money?.currency).toBe("USD");
    expect(money?.tiktok).toContainEqual({
      field: "seller_discount",
      label: "Seller discount",
      amount: "10.00",
    });
    expect(money?.tiktok.at(-1)).toEqual({
      field: "total_amount",
      label: "Total",
      amount: order.payment.total_amount,
    });
    expect(money?.shopify).toMatchObject({
      ok: true,
      matches: true,
      rows: expect.arrayContaining([
        { label: "Line items (price × quantity)", amount: "60.00" },
        { label: "Discount", amount: "-10.00" },
        { label: "Shipping", amount: "5.00" },
        { label: "Total", amount: order.payment.total_amount },
      ]),
    });
  });

  it("keeps the stored TikTok JSON as it was received", async () => {
    const { shop } = await seedWorld(standin, { domain: "raw.myshopify.com" });
    const order = buildTikTokOrder({ create_time: placed(), buyer_message: "Gift wrap, please" });
    await receiveOrder(shop.id, order);
    const detail = await loadOrderDetail("raw.myshopify.com", order.id);
    expect(JSON.parse(detail?.raw ?? "null")).toEqual(order);
  });

  it("says which value Shopify refused, in plain words, on the page and in the attempt", async () => {
    const domain = "zip.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const recipient_address = buildRecipientAddress({ postal_code: "9021" });
    const order = buildTikTokOrder({ create_time: placed(), recipient_address });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });

    const detail = await loadOrderDetail(domain, order.id);

    const plain = "Shopify refused the ZIP code '9021' of the shipping address.";
    expect(detail).toMatchObject({ status: "FAILED", reasonCode: "INVALID_FIELD", failure: plain });
    expect(detail?.attempts[0]).toMatchObject({
      plain,
      errorDetail: "order.shippingAddress.zip: Zip is invalid",
    });
  });

  it("reads a cancelled order as skipped on purpose, and one on hold as waiting until about an hour after payment", async () => {
    const domain = "kinds.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const cancelled = buildTikTokOrder({ create_time: placed(), status: "CANCELLED" });
    const onHold = buildTikTokOrder({ create_time: placed(), status: "ON_HOLD" });
    const fbt = buildTikTokOrder({ create_time: placed(), fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    for (const order of [cancelled, onHold, fbt])
      await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });

    expect(await loadOrderDetail(domain, cancelled.id)).toMatchObject({
      status: "BLOCKED",
      attention: "skipped",
      causeGone: false,
      waitsUntil: null,
      sync: { enabled: true, forces: ["ORDER_CANCELLED"] },
      tiktokStatusText: "Cancelled",
    });
    const held = await loadOrderDetail(domain, onHold.id);
    expect(held).toMatchObject({
      attention: "waiting",
      sync: { enabled: true, forces: ["ORDER_ON_HOLD"] },
      tiktokStatusText: "On hold",
    });
    expect(held?.waitsUntil).toBe(new Date(((onHold.paid_time ?? 0) + 3600) * 1000).toISOString());
    expect(await loadOrderDetail(domain, fbt.id)).toMatchObject({
      attention: "skipped",
      sync: { enabled: false },
      fulfilledBy: "TikTok",
      tiktokStatusText: "Awaiting shipment",
    });
  });

  it("shows a status and a fulfilment type TikTok added as TikTok sent them, and how the buyer pays", async () => {
    const domain = "as-sent.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const added = buildTikTokOrder({
      create_time: placed(),
      status: "AWAITING_PICKUP_AT_LOCKER",
      fulfillment_type: "FULFILLMENT_BY_PARTNER_WAREHOUSE",
      delivery_type: "PARCEL_LOCKER",
      order_type: "LIVE_AUCTION",
      payment_method_name: "DANA",
    });
    const cod = buildTikTokOrder({ create_time: placed(), is_cod: true, payment_method_name: "COD" });
    await receiveOrder(shop.id, added);
    await syncOrder(await receiveOrder(shop.id, cod), { trigger: "webhook" });

    expect(await loadOrderDetail(domain, added.id)).toMatchObject({
      tiktokStatus: "AWAITING_PICKUP_AT_LOCKER",
      tiktokStatusText: "Awaiting pickup at locker",
      fulfilledBy: null,
      fulfillmentType: "FULFILLMENT_BY_PARTNER_WAREHOUSE",
      delivery: "PARCEL_LOCKER",
      orderType: "LIVE_AUCTION",
      replaces: null,
      payment: { method: "DANA", cod: false, recordedAt: null },
    });
    expect(await loadOrderDetail(domain, cod.id)).toMatchObject({
      status: "SYNCED",
      fulfilledBy: "you",
      delivery: null,
      orderType: null,
      payment: { method: "COD", cod: true, recordedAt: null },
      created: { cancelled: false, addressPending: false, codUnpaid: true },
    });
    // Delivered: the payment is recorded, and the order no longer reads as unpaid.
    const deliveredAt = cod.update_time + 100;
    const delivered = { ...cod, status: "DELIVERED", delivery_time: deliveredAt, update_time: deliveredAt };
    await syncOrder(await receiveOrder(shop.id, delivered), { trigger: "webhook" });
    const paid = await loadOrderDetail(domain, cod.id);
    expect(paid?.created?.codUnpaid).toBe(false);
    expect(paid?.payment?.recordedAt).not.toBeNull();
  });

  it("says the cause is gone once auto-sync is on again, and Sync then forces nothing", async () => {
    const domain = "gone.myshopify.com";
    const { shop } = await seedWorld(standin, {
      domain,
      skus: [{ skuId: DEFAULT_SKU_ID }],
      settings: { autoSync: false },
    });
    const order = buildTikTokOrder({ create_time: placed() });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "webhook" });
    expect(await loadOrderDetail(domain, order.id)).toMatchObject({
      reasonCode: "AUTO_SYNC_DISABLED",
      attention: "action",
      causeGone: false,
      sync: { enabled: false },
    });

    await prisma.shop.update({ where: { id: shop.id }, data: { autoSync: true } });

    expect(await loadOrderDetail(domain, order.id)).toMatchObject({
      reasonCode: "AUTO_SYNC_DISABLED",
      causeGone: true,
      sync: { enabled: true },
    });
  });

  it("says what followed a forced create: cancelled as on TikTok with its stock put back", async () => {
    const domain = "forced.myshopify.com";
    const { shop } = await seedWorld(standin, { domain, skus: [{ skuId: DEFAULT_SKU_ID }] });
    const order = buildTikTokOrder({ create_time: placed(), status: "CANCELLED" });
    await syncOrder(await receiveOrder(shop.id, order), { trigger: "manual" });

    expect(await loadOrderDetail(domain, order.id)).toMatchObject({
      status: "SYNCED",
      attention: null,
      sync: null,
      created: { cancelled: true, restocked: true, addressPending: false },
    });
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConnectorWorld } from "../../test/connector-world";
import { deployedFlowTriggers } from "../../test/flow-triggers";
import { wayBackStores } from "../../test/way-back-world";
import { shippingProviderId } from "../../tools/tiktok-standin/index";

// "TikTok shipment needs attention" (ADR 029), end to end: a merchant fulfils a synced TikTok order in
// Shopify, the shipment worker can't send it until the merchant acts, and the Flow notifier tells Shopify
// Flow once, with the Shopify order as the trigger's order reference. The Shopify stand-in checks each
// payload against the trigger extensions as deployed, the order reference naming one of its orders.
const world = await startConnectorWorld();
const { sendDueFlowNotices } = await import("~/sync/flow-notices.server");
const { SHIPMENT_ATTENTION_FIELDS, SHIPMENT_ATTENTION_TRIGGER_HANDLE } = await import("~/sync/attention");
const { carrierAction } = await import("~/pages/carriers.server");
const { saveShipment } = await import("~/models/shipment.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(() => world.tiktok.control.setWebhooksEnabled(false));
afterEach(() => world.resetClock());

const { store: wayBackStore, syncedOrder, sendDue, shipmentsOf } = await wayBackStores(world, "heed");
async function store() {
  const s = await wayBackStore();
  await world.shopify.control.setFlowTriggerDefinitions(s.domain, deployedFlowTriggers());
  return s;
}
const noticesOf = (orderId: string) =>
  prisma.flowNotice.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
const pageOf = (domain: string, tiktokOrderId: string) =>
  `https://admin.shopify.com/store/${domain.replace(".myshopify.com", "")}/apps/test-api-key/app/orders/${tiktokOrderId}`;

describe("the 'TikTok shipment needs attention' Flow trigger", () => {
  it("fires once, with the Shopify order, for a fulfilment whose carrier TikTok doesn't list", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "DHL Express",
      trackingNumber: "JD014600003828520000",
    });
    await sendDue();
    // Checked again (a later turn, Sync): still not mapped, and not told again.
    await prisma.tikTokShipment.updateMany({
      where: { orderId: row.id },
      data: { nextAttemptAt: new Date() },
    });
    await sendDue();
    expect(await shipmentsOf(row.id)).toMatchObject([
      { status: "BLOCKED", reasonCode: "CARRIER_NOT_MAPPED" },
    ]);
    expect(await noticesOf(row.id)).toMatchObject([
      { trigger: "SHIPMENT", reasonCode: "CARRIER_NOT_MAPPED", status: "PENDING" },
    ]);
    // Saved again on that reason, the step says no notice was new (so the Flow notifier isn't woken).
    const [held] = await shipmentsOf(row.id);
    const again = { status: "BLOCKED", reasonCode: "CARRIER_NOT_MAPPED", nextAttemptAt: null } as const;
    expect(await saveShipment(held?.id ?? "", again, { noticeFlow: true })).toEqual({ noticed: false });

    expect(await sendDueFlowNotices()).toEqual(["sent"]);
    expect(await sendDueFlowNotices()).toEqual([]);
    const runs = await world.shopify.control.listFlowTriggers(s.domain);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.handle).toBe(SHIPMENT_ATTENTION_TRIGGER_HANDLE);
    expect(runs[0]?.payload).toEqual({
      [SHIPMENT_ATTENTION_FIELDS.order]: Number(shopifyId),
      [SHIPMENT_ATTENTION_FIELDS.tiktokOrderId]: tiktokOrderId,
      [SHIPMENT_ATTENTION_FIELDS.reasonCode]: "CARRIER_NOT_MAPPED",
      [SHIPMENT_ATTENTION_FIELDS.reason]:
        "Carrier not mapped. TikTok doesn't list this carrier by that name for this shop. Choose the TikTok shipping provider it is in Settings > Carriers; fulfilments waiting on it are sent once it is mapped.",
      [SHIPMENT_ATTENTION_FIELDS.stage]: "Tracking to TikTok",
      [SHIPMENT_ATTENTION_FIELDS.orderPage]: pageOf(s.domain, tiktokOrderId),
    });
    expect(await noticesOf(row.id)).toMatchObject([{ status: "SENT", attemptCount: 1 }]);
  });

  it("tells TikTok's words when TikTok refuses the tracking number", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "94-00",
    });
    await sendDue();
    const [refused] = await shipmentsOf(row.id);
    expect(refused).toMatchObject({ status: "FAILED", reasonCode: "TRACKING_REFUSED" });

    expect(await sendDueFlowNotices()).toEqual(["sent"]);
    const [run] = await world.shopify.control.listFlowTriggers(s.domain);
    expect(run?.payload[SHIPMENT_ATTENTION_FIELDS.order]).toBe(Number(shopifyId));
    expect(run?.payload[SHIPMENT_ATTENTION_FIELDS.reasonCode]).toBe("TRACKING_REFUSED");
    expect(run?.payload[SHIPMENT_ATTENTION_FIELDS.reason]).toBe(
      `TikTok refused the tracking. Check the tracking number and carrier in Shopify (Edit tracking), or map the carrier to the right TikTok shipping provider in Settings > Carriers, then click Sync. TikTok said: ${refused?.reasonDetail}`,
    );
  });

  it("says nothing once the merchant fixed it before the notice's turn, nor for a fulfilment that ships", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "DHL Express",
      trackingNumber: "JD014600003828520001",
    });
    await sendDue();
    await carrierAction(s.domain, {
      intent: "save",
      tiktokShopId: s.tiktokShop.id,
      shopifyCarrier: "DHL Express",
      providerId: shippingProviderId("US", "DHL eCommerce"),
    });
    await sendDue();
    expect(await shipmentsOf(row.id)).toMatchObject([{ status: "SHIPPED" }]);
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).packages).toHaveLength(1);

    expect(await sendDueFlowNotices()).toEqual(["dropped"]);
    expect(await noticesOf(row.id)).toEqual([]);
    expect(await world.shopify.control.listFlowTriggers(s.domain)).toEqual([]);

    // A fulfilment TikTok takes at once is no news.
    const other = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.fulfill(s.domain, other.shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428491",
    });
    await sendDue();
    expect(await shipmentsOf(other.row.id)).toMatchObject([{ status: "SHIPPED" }]);
    expect(await noticesOf(other.row.id)).toEqual([]);
  });

  it("is refused by Flow for an order reference that isn't one of the store's orders", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "DHL Express",
      trackingNumber: "JD014600003828520002",
    });
    await sendDue();
    // As if the order's Shopify id had been recorded wrong: Flow can't find the order it references.
    await prisma.tikTokOrder.update({
      where: { id: row.id },
      data: { shopifyOrderId: "gid://shopify/Order/1" },
    });
    expect(await sendDueFlowNotices()).toEqual(["refused"]);
    const [notice] = await noticesOf(row.id);
    expect(notice?.lastError).toMatch(/order_id 1 is not an order of this shop/);
    expect(await world.shopify.control.listFlowTriggers(s.domain)).toEqual([]);
  });
});

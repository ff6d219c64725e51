import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConnectorWorld } from "../../test/connector-world";
import { deliver, shopifyWebhook } from "../../test/shopify-webhook";
import { outcomeOf } from "../../test/hostile-requests";
import { until } from "../../test/until";
import { wayBackStores } from "../../test/way-back-world";
import { shippingProviderId } from "../../tools/tiktok-standin/index";

// The way back: a merchant fulfils a synced TikTok order in Shopify (the Shopify stand-in sends the
// fulfillments webhooks to the app's routes, as Shopify does), and the app marks the TikTok lines shipped with
// the tracking number and TikTok's carrier, exactly once. Both stand-ins, over HTTP.
const world = await startConnectorWorld();
const { pollShop } = await import("~/tiktok/poll-shop.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { saveShipment } = await import("~/models/shipment.server");
const { carrierAction } = await import("~/pages/carriers.server");
const { reconcileFulfillments } = await import("./reconcile.server");
const { shipmentSyncAction } = await import("~/pages/shipment-actions.server");
const { loadOrderDetail } = await import("~/pages/order-detail.server");
const { loadOrdersPage } = await import("~/pages/orders.server");
const { action: fulfillmentCreated } = await import("~/routes/webhooks.fulfillments.create");
const { action: scopesUpdated } = await import("~/routes/webhooks.app.scopes_update");
const { tiktokClientForShop } = await import("~/tiktok/connection.server");
const { tiktokShippingAction, tiktokShippingOptions } = await import("~/pages/tiktok-shipping.server");
const { sellerCancelAction } = await import("~/pages/seller-cancel.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(() => world.tiktok.control.setWebhooksEnabled(false));
afterEach(() => world.resetClock());

const poll = { client: { retry: { maxAttempts: 1 } } };
const { store, syncedOrder, sendDue, shipmentsOf } = await wayBackStores(world, "ship");

describe("a Shopify fulfilment of a seller-shipped TikTok order", () => {
  it("marks every line shipped in TikTok with the number and TikTok's carrier, once, whatever Shopify repeats", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }, { skuId: s.mask }],
    });
    const fulfilled = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
    });
    expect(fulfilled.webhook).toMatchObject({ topic: "fulfillments/create", status: 200 });
    await sendDue();

    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.order.status).toBe("IN_TRANSIT");
    expect(tiktok.packages).toHaveLength(1);
    expect(tiktok.packages[0]).toMatchObject({
      tracking_number: "9400111899223197428490",
      shipping_provider_id: shippingProviderId("US", "USPS"),
    });
    expect(tiktok.packages[0]?.order_line_item_ids).toHaveLength(3);
    const [shipment] = await shipmentsOf(row.id);
    expect(shipment).toMatchObject({
      status: "SHIPPED",
      packageId: tiktok.packages[0]?.id,
      providerName: "USPS",
    });

    // Shopify delivers the same event again, and the worker runs again: nothing more reaches TikTok.
    const payload = { ...fulfillmentPayloadOf(shipment), order_id: Number(shopifyId) };
    expect(
      (await deliver(fulfillmentCreated, shopifyWebhook("fulfillments/create", s.domain, payload))).status,
    ).toBe(200);
    await sendDue(new Date(Date.now() + 3_600_000));
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).shipCalls).toEqual({
      shipped: 1,
      refused: 0,
    });
  });

  it("ships what each fulfilment covers: part of an order, then the rest", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }, { skuId: s.mask }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    await sendDue();
    let tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.order.status).toBe("PARTIALLY_SHIPPING");
    expect(tiktok.packages.map((p) => p.order_line_item_ids.length)).toEqual([1]);

    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "FedEx",
      trackingNumber: "612999AA10NEW",
    });
    await sendDue();
    tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.order.status).toBe("IN_TRANSIT");
    expect(tiktok.packages.map((p) => [p.order_line_item_ids.length, p.shipping_provider_name])).toEqual([
      [1, "UPS"],
      [2, "FedEx"],
    ]);
    expect((await shipmentsOf(row.id)).map((shipment) => shipment.status)).toEqual(["SHIPPED", "SHIPPED"]);
  });

  it("waits for a carrier TikTok doesn't list, and sends it once the merchant maps it", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "DHL Express",
      trackingNumber: "JD014600003828520000",
    });
    await sendDue();
    const [waiting] = await shipmentsOf(row.id);
    expect(waiting).toMatchObject({ status: "BLOCKED", reasonCode: "CARRIER_NOT_MAPPED" });
    const detail = await loadOrderDetail(s.domain, tiktokOrderId);
    expect(detail?.shipping.shipments[0]).toMatchObject({
      statusText: "Not sent: carrier not mapped",
      canSync: true,
    });
    const page = await loadOrdersPage(s.domain, { tab: "all" });
    expect(page.orders.find((o) => o.tiktokOrderId === tiktokOrderId)?.tracking?.text).toBe(
      "Not sent: carrier not mapped",
    );

    // Another store can't map this store's TikTok shop; a provider TikTok doesn't offer is refused.
    const other = await store();
    const dhl = shippingProviderId("US", "DHL eCommerce");
    const refused = await carrierAction(other.domain, {
      intent: "save",
      tiktokShopId: s.tiktokShop.id,
      shopifyCarrier: "DHL Express",
      providerId: dhl,
    });
    expect(refused).toMatchObject({ init: { status: 404 } });
    expect(
      await carrierAction(s.domain, {
        intent: "save",
        tiktokShopId: s.tiktokShop.id,
        shopifyCarrier: "DHL Express",
        providerId: "123",
      }),
    ).toMatchObject({ init: { status: 400 } });

    const saved = await carrierAction(s.domain, {
      intent: "save",
      tiktokShopId: s.tiktokShop.id,
      shopifyCarrier: "DHL Express",
      providerId: dhl,
    });
    expect(saved).toMatchObject({ ok: true, message: expect.stringContaining("1 fulfilment is being sent") });
    await sendDue();
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages[0]).toMatchObject({
      shipping_provider_id: dhl,
      tracking_number: "JD014600003828520000",
    });
  });

  it("shows TikTok's refusal of a number, and sends the number the merchant corrects in Shopify", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    const { fulfillment } = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "94-00",
    });
    await sendDue();
    const [refused] = await shipmentsOf(row.id);
    expect(refused).toMatchObject({ status: "FAILED", reasonCode: "TRACKING_REFUSED" });
    expect(refused?.reasonDetail).toMatch(/tracking number is invalid/i);
    expect((await loadOrderDetail(s.domain, tiktokOrderId))?.shipping.shipments[0]?.statusText).toBe(
      "Not sent: TikTok refused the tracking",
    );

    // Sync alone sends the same number again, and TikTok refuses it again, in its own words.
    const again = await shipmentSyncAction(s.domain, { shipmentId: refused?.id });
    expect(again).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^TikTok refused it: .*invalid/i),
    });

    await world.shopify.control.updateFulfillmentTracking(s.domain, shopifyId, fulfillment.id, {
      trackingNumber: "9400111899223197428491",
    });
    await sendDue();
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages[0]?.tracking_number).toBe("9400111899223197428491");
    expect(tiktok.shipCalls).toEqual({ shipped: 1, refused: 2 });
  });

  it("sends a number changed after shipping as TikTok's shipping info update", async () => {
    const s = await store();
    const { tiktokOrderId, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    const { fulfillment } = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    await sendDue();
    await world.shopify.control.updateFulfillmentTracking(s.domain, shopifyId, fulfillment.id, {
      trackingNumber: "1Z999AA10123456785",
    });
    await sendDue();
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages).toHaveLength(1);
    expect(tiktok.packages[0]?.tracking_number).toBe("1Z999AA10123456785");
    expect(tiktok.shipCalls.shipped).toBe(1);
  });

  it("after a crash between writing 'shipping' and TikTok's answer, records TikTok's package instead of shipping again", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428499",
    });
    const [recorded] = await shipmentsOf(row.id);
    // The earlier process wrote "shipping", TikTok shipped the lines, and the answer was lost with the process.
    const lineIds = (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as { id: string }[];
    const client = await tiktokClientForShop(s.ref);
    const { packageId } = await client.markPackageShipped(tiktokOrderId, {
      trackingNumber: "9400111899223197428499",
      providerId: shippingProviderId("US", "USPS"),
      lineIds: lineIds.map((line) => line.id),
    });
    await saveShipment(recorded?.id ?? "", {
      status: "SHIPPING",
      tiktokLineIds: lineIds.map((line) => line.id),
      nextAttemptAt: new Date(Date.now() - 1000),
    });
    await sendDue();
    expect((await shipmentsOf(row.id))[0]).toMatchObject({ status: "SHIPPED", packageId });
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).shipCalls).toEqual({
      shipped: 1,
      refused: 0,
    });
  });

  it("finds a fulfilment whose webhook never came, and ships it once", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "GLS (US)",
      trackingNumber: "GLS12345678",
      lineItems: [{ sku: `SERUM-${s.n}`, quantity: 1 }],
    });
    // As if Shopify's webhook had been lost: the app knows nothing of the fulfilment.
    await prisma.tikTokShipment.deleteMany({ where: { orderId: row.id } });

    expect(await reconcileFulfillments(s.shop)).toEqual({ checked: 1, found: 1 });
    // Again: already recorded, nothing new.
    expect(await reconcileFulfillments(s.shop)).toEqual({ checked: 1, found: 0 });
    await sendDue();
    const tiktok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
    expect(tiktok.packages).toHaveLength(1);
    // "GLS (US)" is TikTok's "GLS US".
    expect(tiktok.packages[0]).toMatchObject({
      tracking_number: "GLS12345678",
      shipping_provider_name: "GLS US",
    });
    expect(tiktok.packages[0]?.order_line_item_ids).toHaveLength(1);
    expect(tiktok.shipCalls).toEqual({ shipped: 1, refused: 0 });
  });

  it("waits for a store to approve reading fulfilments, then finds what was fulfilled meanwhile", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    // Installed before the way back: the store's session lacks read_fulfillments, so Shopify sends no
    // fulfilment webhook and refuses to list them.
    const before = "read_orders,write_orders,read_products,read_inventory";
    await prisma.session.updateMany({ where: { shop: s.domain }, data: { scope: before } });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
    });
    await prisma.tikTokShipment.deleteMany({ where: { orderId: row.id } });
    expect(await reconcileFulfillments(s.shop)).toEqual({ checked: 0, found: 0 });

    // The merchant approves: Shopify's app/scopes_update, and the fulfilment is found and shipped once.
    const approved = shopifyWebhook("app/scopes_update", s.domain, {
      id: 1,
      previous: before.split(","),
      current: [...before.split(","), "read_fulfillments"],
    });
    expect((await deliver(scopesUpdated, approved)).status).toBe(200);
    expect(await until(async () => (await shipmentsOf(row.id)).length === 1)).toBe(true);
    await sendDue();
    expect(await world.tiktok.control.getOrderPackages(tiktokOrderId)).toMatchObject([
      { tracking_number: "9400111899223197428490", shipping_provider_name: "USPS" },
    ]);
  });

  it("waits out TikTok's hold, then ships", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    // TikTok put the order on hold after it was synced (a review); fulfilled in Shopify meanwhile.
    await world.tiktok.control.setOrderStatus(tiktokOrderId, "ON_HOLD");
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    await sendDue();
    const [held] = await shipmentsOf(row.id);
    expect(held).toMatchObject({ status: "BLOCKED", reasonCode: "ON_HOLD" });
    expect(held?.nextAttemptAt).not.toBeNull();
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).shipCalls.shipped).toBe(0);

    await world.tiktok.control.setOrderStatus(tiktokOrderId, "AWAITING_SHIPMENT");
    await sendDue(new Date(Date.now() + 10 * 60_000));
    expect((await shipmentsOf(row.id))[0]).toMatchObject({ status: "SHIPPED" });
  });

  it("sends nothing for an order TikTok ships, nor for a Shopify order that isn't from TikTok", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.mask }],
      overrides: { shipping_type: "TIKTOK" },
    });
    const fulfilled = await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    expect(fulfilled.webhook).toMatchObject({ status: 200 });
    await sendDue();
    expect(await shipmentsOf(row.id)).toEqual([]);
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).shipCalls.shipped).toBe(0);

    const before = await prisma.tikTokShipment.count();
    const stranger = { id: 1, order_id: 987654321, status: "success", tracking_number: "X", line_items: [] };
    expect(
      (await deliver(fulfillmentCreated, shopifyWebhook("fulfillments/create", s.domain, stranger))).status,
    ).toBe(200);
    expect(await prisma.tikTokShipment.count()).toBe(before);
  });

  it("writes TikTok Shipping's tracking into Shopify once, without e-mailing the buyer, and sends none of it back", async () => {
    const s = await store();
    // TikTok arranged the shipment: its package of the two serums has TikTok's tracking number.
    const overrides: Record<string, string> = { shipping_type: "TIKTOK" };
    for (const index of [0, 1])
      Object.assign(overrides, {
        [`line_items[${index}].package_id`]: "1153000000000000777",
        [`line_items[${index}].tracking_number`]: "TT0000000001US",
        [`line_items[${index}].shipping_provider_name`]: "TikTok Shipping",
      });
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }, { skuId: s.mask }],
      overrides,
    });
    // The next sync of the order (TikTok's next update) writes the tracking; the one after, nothing more.
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });

    const shopifyOrder = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(shopifyOrder.fulfillments).toHaveLength(1);
    expect(shopifyOrder.fulfillments[0]).toMatchObject({
      trackingNumber: "TT0000000001US",
      trackingCompany: "TikTok Shipping",
      notifyCustomer: false,
    });
    expect(shopifyOrder.fulfillments[0]?.lineItems).toEqual([expect.objectContaining({ quantity: 2 })]);
    const [written] = await shipmentsOf(row.id);
    expect(written).toMatchObject({
      status: "SHIPPED",
      reasonCode: "FROM_TIKTOK",
      packageId: "1153000000000000777",
    });
    // Its fulfillments/create came back to the app, and nothing went to TikTok.
    await sendDue();
    expect((await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).shipCalls).toEqual({
      shipped: 0,
      refused: 0,
    });
    expect(await shipmentsOf(row.id)).toHaveLength(1);
  });

  it("refuses another store's fulfilment to Sync, and a malformed payload, storing nothing", async () => {
    const s = await store();
    const { row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "Nowhere Post",
      trackingNumber: "AB12345678",
    });
    const [mine] = await shipmentsOf(row.id);
    const other = await store();
    expect(await shipmentSyncAction(other.domain, { shipmentId: mine?.id })).toMatchObject({
      init: { status: 404 },
    });
    expect(await shipmentSyncAction(s.domain, { shipmentId: 42 })).toMatchObject({ init: { status: 400 } });
    const before = await prisma.tikTokShipment.count();
    const malformed = shopifyWebhook("fulfillments/create", s.domain, {
      id: "x",
      order_id: Number(shopifyId),
    });
    expect((await deliver(fulfillmentCreated, malformed)).status).toBe(400);
    expect(await prisma.tikTokShipment.count()).toBe(before);
  });
});

type Answer = {
  status: number;
  ok?: boolean;
  message?: string;
  error?: string;
  url?: string;
  options?: { canPickup: boolean; pickupSlots: { start: number; end: number }[] };
};
/** An action's answer as Remix sends it: its status, and its body's fields. */
const answerOf = async (run: Promise<unknown>): Promise<Answer> => {
  const { status, body } = await outcomeOf(() => run);
  return { status, ...(body as object) };
};

describe("an order TikTok Shipping carries, arranged from the app", () => {
  it("books one pickup however often it is clicked, and writes TikTok's tracking into Shopify once", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }],
      masked: true,
    });
    const [pkg] = await world.tiktok.control.getOrderPackages(tiktokOrderId);
    const packageId = String(pkg?.id);
    const params = new URLSearchParams({ order: tiktokOrderId, package: packageId });
    const offered = await answerOf(tiktokShippingOptions(s.domain, params));
    expect(offered).toMatchObject({ status: 200, ok: true, options: { canPickup: true, canDropOff: true } });
    const slot = offered.options?.pickupSlots[0];
    if (!slot) throw new Error("TikTok offered no pickup window");
    const arrange = {
      intent: "arrange",
      tiktokOrderId,
      packageId,
      method: "PICKUP",
      slotStart: slot.start,
      slotEnd: slot.end,
    };
    // A double click: two requests at once.
    const answers = await Promise.all([
      answerOf(tiktokShippingAction(s.domain, arrange)),
      answerOf(tiktokShippingAction(s.domain, arrange)),
    ]);
    const [shipped] = await world.tiktok.control.getOrderPackages(tiktokOrderId);
    expect(shipped).toMatchObject({ status: "FULFILLING", shipping_provider_name: "USPS" });
    const number = String(shipped?.tracking_number);
    expect(answers.map((answer) => answer.ok).sort()).toEqual([true, true]);
    expect(answers.map((answer) => answer.message).sort()).toEqual([
      `Already arranged: USPS tracking number ${number}; print the label and put it on the parcel.`,
      `Pickup booked: USPS tracking number ${number}; print the label and put it on the parcel.`,
    ]);
    // A third click, once the page shows it arranged, is told so and changes nothing.
    expect(await answerOf(tiktokShippingAction(s.domain, arrange))).toMatchObject({
      status: 409,
      error: `Already arranged: TikTok's tracking number is ${number}.`,
    });

    // The order as TikTok has it now is stored and synced: its tracking becomes a Shopify fulfilment.
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    const inShopify = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(
      inShopify.fulfillments.map((f) => [f.trackingCompany, f.trackingNumber, f.notifyCustomer]),
    ).toEqual([["USPS", number, false]]);

    const label = await answerOf(
      tiktokShippingAction(s.domain, { intent: "label", tiktokOrderId, packageId }),
    );
    expect(label).toMatchObject({ status: 200, ok: true });
    const pdf = await fetch(label.url ?? "");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("says what TikTok answers: a hold, a package not yet arranged, a window TikTok doesn't offer", async () => {
    const s = await store();
    const { tiktokOrderId } = await syncedOrder(s, { lines: [{ skuId: s.mask }], masked: true });
    const [pkg] = await world.tiktok.control.getOrderPackages(tiktokOrderId);
    const packageId = String(pkg?.id);
    expect(
      await answerOf(tiktokShippingAction(s.domain, { intent: "label", tiktokOrderId, packageId })),
    ).toMatchObject({
      status: 409,
      error: "Arrange the shipment first: TikTok makes the label then.",
    });
    const wrongWindow = await answerOf(
      tiktokShippingAction(s.domain, {
        intent: "arrange",
        tiktokOrderId,
        packageId,
        method: "PICKUP",
        slotStart: 1000,
        slotEnd: 2000,
      }),
    );
    expect(wrongWindow).toMatchObject({ status: 409, ok: false });
    expect(wrongWindow.error).toMatch(/^TikTok refused it: The pickup slot is not available/);
    expect(await world.tiktok.control.getOrderPackages(tiktokOrderId)).toMatchObject([
      { status: "PROCESSING" },
    ]);
    // A pickup without a window, or a package of another order, is refused before TikTok is asked.
    expect(
      await answerOf(
        tiktokShippingAction(s.domain, {
          intent: "arrange",
          tiktokOrderId,
          packageId,
          method: "PICKUP",
        }),
      ),
    ).toMatchObject({ status: 400, error: "Choose a pickup window." });
    expect(
      await answerOf(
        tiktokShippingAction(s.domain, {
          intent: "arrange",
          tiktokOrderId,
          packageId: "1",
          method: "DROP_OFF",
        }),
      ),
    ).toMatchObject({ status: 404 });
  });
});

describe("TikTok's ship-by time", () => {
  it("flags an order not shipped near and past its ship-by time, on the list and the order page, until it ships", async () => {
    const s = await store();
    const late = await syncedOrder(s, { lines: [{ skuId: s.serum }], shipByHours: -2 });
    const soonDue = await syncedOrder(s, { lines: [{ skuId: s.mask }], shipByHours: 5 });
    const relaxed = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    const now = new Date(world.clock() * 1000);
    const rowOf = async (id: string) =>
      (await loadOrdersPage(s.domain, { tab: "all" }, { now })).orders.find((o) => o.tiktokOrderId === id);
    expect((await rowOf(late.tiktokOrderId))?.shipBy).toMatchObject({
      past: true,
      text: expect.stringMatching(/^Past TikTok's ship-by time by (1|2) hours?$/),
    });
    expect((await rowOf(soonDue.tiktokOrderId))?.shipBy).toMatchObject({
      past: false,
      text: expect.stringMatching(/^Ship within (4|5) hours$/),
    });
    expect((await rowOf(relaxed.tiktokOrderId))?.shipBy).toBeNull();
    const detail = await loadOrderDetail(s.domain, late.tiktokOrderId, now);
    expect(detail?.shipping.shipByWarning).toMatchObject({ past: true });

    // Shipped: TikTok moves the order on, and the flag goes.
    await world.shopify.control.fulfill(s.domain, late.shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
    });
    await sendDue();
    await pollShop(s.ref, poll);
    expect((await rowOf(late.tiktokOrderId))?.shipBy).toBeNull();
  });
});

describe("an order the merchant cancels in Shopify", () => {
  const state = async (orderId: string) =>
    prisma.tikTokOrder.findUniqueOrThrow({
      where: { id: orderId },
      select: { sellerCancelStatus: true, sellerCancelDetail: true, shopifyCancelledAt: true },
    });
  const sellerCancels = async (tiktokOrderId: string) =>
    (await world.tiktok.control.getOrderWithPackages(tiktokOrderId)).cancellations.filter(
      (cancellation) => cancellation.role === "SELLER",
    );
  const offering = async () => {
    const s = await store();
    await prisma.shop.update({ where: { id: s.shop.id }, data: { offerTikTokCancel: true } });
    return s;
  };
  const reason = "seller_cancel_reason_out_of_stock";

  it("asks whether to cancel it on TikTok too, and cancels it there once, however often it is clicked", async () => {
    const s = await offering();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    const cancelled = await world.shopify.control.cancelOrder(s.domain, shopifyId);
    expect(cancelled.webhook).toMatchObject({ topic: "orders/cancelled", status: 200 });
    expect(await state(row.id)).toMatchObject({ sellerCancelStatus: "ASKING" });
    // Nothing reaches TikTok before the merchant answers.
    expect(await sellerCancels(tiktokOrderId)).toEqual([]);
    expect((await loadOrderDetail(s.domain, tiktokOrderId))?.sellerCancel).toEqual({
      status: "ASKING",
      detail: null,
    });
    const page = await loadOrdersPage(s.domain, { tab: "all" });
    expect(page.orders.find((o) => o.tiktokOrderId === tiktokOrderId)?.cancelOnTikTokAsked).toBe(true);

    const click = () => answerOf(sellerCancelAction(s.domain, { intent: "cancel", tiktokOrderId, reason }));
    const answers = await Promise.all([click(), click()]);
    expect(answers.filter((answer) => answer.ok)).not.toHaveLength(0);
    for (const answer of answers.filter((candidate) => !candidate.ok))
      expect(answer).toMatchObject({
        status: 409,
        error: "This order isn't waiting to be cancelled on TikTok.",
      });
    expect(await sellerCancels(tiktokOrderId)).toHaveLength(1);
    expect((await world.tiktok.control.getOrder(tiktokOrderId)).status).toBe("CANCELLED");
    expect(await state(row.id)).toMatchObject({ sellerCancelStatus: "CANCELLED" });

    // TikTok's cancellation comes back: the order is already cancelled in Shopify, and stays as it was.
    const before = await world.shopify.control.getOrder(s.domain, shopifyId);
    await pollShop(s.ref, poll);
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    expect((await world.shopify.control.getOrder(s.domain, shopifyId)).cancelledAt).toBe(before.cancelledAt);
  });

  it("keeps the order open on TikTok when the merchant says so, and asks nothing when the store doesn't offer it", async () => {
    const s = await offering();
    const kept = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.shopify.control.cancelOrder(s.domain, kept.shopifyId);
    expect(
      await answerOf(sellerCancelAction(s.domain, { intent: "keep", tiktokOrderId: kept.tiktokOrderId })),
    ).toMatchObject({ status: 200, ok: true });
    expect(await state(kept.row.id)).toMatchObject({ sellerCancelStatus: "KEPT" });
    expect((await world.tiktok.control.getOrder(kept.tiktokOrderId)).status).toBe("AWAITING_SHIPMENT");
    // Answered: a late "cancel" is refused, and TikTok is not asked.
    expect(
      await answerOf(
        sellerCancelAction(s.domain, { intent: "cancel", tiktokOrderId: kept.tiktokOrderId, reason }),
      ),
    ).toMatchObject({ status: 409 });
    expect(await sellerCancels(kept.tiktokOrderId)).toEqual([]);

    await prisma.shop.update({ where: { id: s.shop.id }, data: { offerTikTokCancel: false } });
    const quiet = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.cancelOrder(s.domain, quiet.shopifyId);
    const after = await state(quiet.row.id);
    // Noted as the merchant's own cancel, and nothing asked.
    expect(after.sellerCancelStatus).toBe("NOT_ASKED");
    expect(after.shopifyCancelledAt).not.toBeNull();
    const detail = await loadOrderDetail(s.domain, quiet.tiktokOrderId);
    expect(detail?.sellerCancel).toBeNull();
    expect(detail?.created).toMatchObject({ cancelled: true, cancelledByMerchant: true });
  });

  it("says when TikTok no longer allows it: shipped before the cancel, or shipped before the click", async () => {
    const s = await offering();
    // Shipped in TikTok Seller Center, not in Shopify; the app has read it in transit.
    const shipped = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.tiktok.control.setOrderStatus(shipped.tiktokOrderId, "IN_TRANSIT");
    await pollShop(s.ref, poll);
    await world.shopify.control.cancelOrder(s.domain, shipped.shopifyId);
    expect(await state(shipped.row.id)).toMatchObject({
      sellerCancelStatus: "REFUSED",
      sellerCancelDetail:
        "The parcel is already with the carrier: TikTok no longer lets the seller cancel this order.",
    });

    const late = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.cancelOrder(s.domain, late.shopifyId);
    expect(await state(late.row.id)).toMatchObject({ sellerCancelStatus: "ASKING" });
    await world.tiktok.control.setOrderStatus(late.tiktokOrderId, "IN_TRANSIT");
    const refused = await answerOf(
      sellerCancelAction(s.domain, { intent: "cancel", tiktokOrderId: late.tiktokOrderId, reason }),
    );
    expect(refused).toMatchObject({ status: 409, ok: false });
    expect(refused.error).toMatch(/^TikTok no longer allows cancelling it: /);
    expect(await state(late.row.id)).toMatchObject({ sellerCancelStatus: "REFUSED" });
    expect(await sellerCancels(late.tiktokOrderId)).toEqual([]);
  });

  it("asks nothing when TikTok cancelled the order first (the app's own cancel coming back), nor for another store", async () => {
    const s = await offering();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.serum }] });
    await world.tiktok.control.setOrderStatus(tiktokOrderId, "CANCELLED");
    await pollShop(s.ref, poll);
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    expect((await world.shopify.control.getOrder(s.domain, shopifyId)).cancelledAt).not.toBeNull();
    expect(await state(row.id)).toMatchObject({ sellerCancelStatus: null });

    const other = await offering();
    const theirs = await syncedOrder(other, { lines: [{ skuId: other.serum }] });
    await world.shopify.control.cancelOrder(other.domain, theirs.shopifyId);
    expect(
      await answerOf(
        sellerCancelAction(s.domain, { intent: "cancel", tiktokOrderId: theirs.tiktokOrderId, reason }),
      ),
    ).toMatchObject({ status: 404 });
    expect(await sellerCancels(theirs.tiktokOrderId)).toEqual([]);
  });
});

describe("a TikTok refund", () => {
  it("is made in Shopify once, with the same lines and amount, restocking only what came back", async () => {
    const s = await store();
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum, quantity: 2 }, { skuId: s.mask }],
    });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
    });
    await sendDue();
    const lines = (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as {
      id: string;
      seller_sku: string;
    }[];
    const serum = lines.find((line) => line.seller_sku.startsWith("SERUM"))?.id ?? "";
    const mask = lines.find((line) => line.seller_sku.startsWith("MASK"))?.id ?? "";

    // The buyer asks for a refund of one serum (no return); TikTok refunds it, and tells the app (on time:
    // a notification from the future would be refused).
    world.resetClock();
    await world.tiktok.control.setWebhooksEnabled(true);
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "REFUND",
      lineItemIds: [serum],
    });
    await world.tiktok.control.completeReturn(returnOrder.return_id);
    const due = async () =>
      (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).refundsDue;
    expect(await until(due)).toBe(true);
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    let shopifyOrder = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(shopifyOrder.refunds).toHaveLength(1);
    expect(Number(shopifyOrder.refunds[0]?.amount)).toBe(25);
    expect(shopifyOrder.refunds[0]).toMatchObject({
      lineItems: [expect.objectContaining({ sku: `SERUM-${s.n}`, quantity: 1, restockType: "NO_RESTOCK" })],
    });

    // Delivered; the mask comes back (return and refund): refunded and restocked, the serum's refund not again.
    await world.tiktok.control.setOrderStatus(tiktokOrderId, "DELIVERED");
    const mine = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "RETURN_AND_REFUND",
      lineItemIds: [mask],
    });
    await world.tiktok.control.completeReturn(mine.returnOrder.return_id);
    expect(await until(due)).toBe(true);
    await world.tiktok.control.setWebhooksEnabled(false);
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    shopifyOrder = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(shopifyOrder.refunds).toHaveLength(2);
    expect(Number(shopifyOrder.refunds[1]?.amount)).toBe(12);
    expect(shopifyOrder.refunds[1]).toMatchObject({
      lineItems: [expect.objectContaining({ sku: `MASK-${s.n}`, quantity: 1, restockType: "RETURN" })],
    });
    expect(await prisma.tikTokRefund.count({ where: { orderId: row.id } })).toBe(2);
    const detail = await loadOrderDetail(s.domain, tiktokOrderId);
    expect(detail?.shipping.refunds.map((refund) => refund.text)).toEqual([
      `25.00 USD refunded in Shopify for TikTok refund ${returnOrder.return_id}`,
      `12.00 USD refunded in Shopify for TikTok return ${mine.returnOrder.return_id}, its items restocked`,
    ]);
    // The app's own refunds came back as refunds/create: not taken for the merchant's.
    expect(detail?.shipping.merchantRefunds).toEqual([]);
    // As TikTok lists them, newest first.
    expect(detail?.shipping.returns.map((found) => found.text)).toEqual([
      `Return ${mine.returnOrder.return_id}: refunded by TikTok`,
      `Refund ${returnOrder.return_id}: refunded by TikTok`,
    ]);
  });

  it("notes a refund the merchant made in Shopify, which TikTok doesn't hear of, and leaves its own alone", async () => {
    const s = await store();
    const { tiktokOrderId, shopifyId } = await syncedOrder(s, {
      lines: [{ skuId: s.serum }, { skuId: s.mask }],
    });
    const made = await world.shopify.control.refund(s.domain, shopifyId, {
      lineItems: [{ sku: `MASK-${s.n}`, quantity: 1 }],
      note: "damaged",
    });
    expect(made.webhook).toMatchObject({ topic: "refunds/create", status: 200 });
    const detail = await loadOrderDetail(s.domain, tiktokOrderId);
    expect(detail?.shipping.merchantRefunds).toEqual([
      { id: expect.any(String), amount: "12.00", currency: "USD", at: expect.any(String) },
    ]);
    expect(await sellerCancelsOrRefundsOnTikTok(tiktokOrderId)).toBe(0);
  });

  it("restocks nothing when the store's restock setting is off", async () => {
    const s = await store();
    await prisma.shop.update({ where: { id: s.shop.id }, data: { restockReturns: false } });
    const { tiktokOrderId, row, shopifyId } = await syncedOrder(s, { lines: [{ skuId: s.mask }] });
    await world.shopify.control.fulfill(s.domain, shopifyId, {
      trackingCompany: "USPS",
      trackingNumber: "9400111899223197428490",
    });
    await sendDue();
    await world.tiktok.control.setOrderStatus(tiktokOrderId, "DELIVERED");
    const [line] = (await world.tiktok.control.getOrder(tiktokOrderId)).line_items as { id: string }[];
    world.resetClock();
    await world.tiktok.control.setWebhooksEnabled(true);
    const { returnOrder } = await world.tiktok.control.requestReturn(tiktokOrderId, {
      type: "RETURN_AND_REFUND",
      lineItemIds: [line?.id ?? ""],
    });
    await world.tiktok.control.completeReturn(returnOrder.return_id);
    expect(
      await until(
        async () => (await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } })).refundsDue,
      ),
    ).toBe(true);
    await world.tiktok.control.setWebhooksEnabled(false);
    expect(await syncOrder(row.id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    const shopifyOrder = await world.shopify.control.getOrder(s.domain, shopifyId);
    expect(shopifyOrder.refunds[0]).toMatchObject({
      lineItems: [expect.objectContaining({ quantity: 1, restockType: "NO_RESTOCK" })],
    });
    const detail = await loadOrderDetail(s.domain, tiktokOrderId);
    expect(detail?.shipping.refunds.map((refund) => refund.text)).toEqual([
      `12.00 USD refunded in Shopify for TikTok return ${returnOrder.return_id}, not restocked`,
    ]);
  });
});

/** TikTok's cancellations and returns of an order: what a refund in Shopify must not make. */
async function sellerCancelsOrRefundsOnTikTok(tiktokOrderId: string) {
  const onTikTok = await world.tiktok.control.getOrderWithPackages(tiktokOrderId);
  return onTikTok.cancellations.length + (onTikTok.returns?.length ?? 0);
}

/** What Shopify sends for a recorded fulfilment (as the stand-in did), to deliver it again. */
function fulfillmentPayloadOf(
  shipment:
    | {
        shopifyFulfillmentId: string;
        trackingCompany: string | null;
        trackingNumber: string | null;
        lines: unknown;
      }
    | undefined,
) {
  return {
    id: Number(shipment?.shopifyFulfillmentId),
    status: "success",
    tracking_company: shipment?.trackingCompany,
    tracking_number: shipment?.trackingNumber,
    line_items: (shipment?.lines as { variantId: string | null; sku: string | null; quantity: number }[]).map(
      (line) => ({
        variant_id: Number(line.variantId?.split("/").pop()),
        sku: line.sku,
        quantity: line.quantity,
      }),
    ),
  };
}

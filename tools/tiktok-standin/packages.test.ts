import { describe, expect, it } from "vitest";
import { PACKAGE_ERRORS, SHIPPING_PROVIDERS, shippingProviderId, type TikTokStandin } from "./index";
import { twoShopStandin } from "./two-shop-world";

const app = { appKey: "packages-key", appSecret: "packages-secret" };
const start = 1_750_000_000;
const world = twoShopStandin(app, start);

const USPS = shippingProviderId("US", "USPS");
const UPS = shippingProviderId("US", "UPS");
const ROYAL_MAIL = shippingProviderId("GB", "Royal Mail");

type Shipment = { tracking_number?: unknown; shipping_provider_id?: unknown; order_line_item_ids?: unknown };

function ship(orderId: string, shipment: Shipment, cipher = world.us.cipher) {
  return world.calls.call<{ package_id: string }>(
    `/fulfillment/202309/orders/${orderId}/packages`,
    world.token,
    {
      query: { shop_cipher: cipher },
      body: JSON.stringify(shipment),
    },
  );
}

function packageDetail(packageId: string, cipher = world.us.cipher) {
  return world.calls.call<Record<string, unknown>>(`/fulfillment/202309/packages/${packageId}`, world.token, {
    query: { shop_cipher: cipher },
  });
}

function updateShippingInfo(
  target: "packages" | "orders",
  id: string,
  info: Shipment,
  cipher = world.us.cipher,
) {
  return world.calls.call(`/fulfillment/202309/${target}/${id}/shipping_info/update`, world.token, {
    query: { shop_cipher: cipher },
    body: JSON.stringify(info),
  });
}

function shippingProviders(deliveryOptionId: string, cipher: string) {
  return world.calls.call<{ shipping_providers: { id: string; name: string }[] }>(
    `/logistics/202309/delivery_options/${deliveryOptionId}/shipping_providers`,
    world.token,
    { query: { shop_cipher: cipher } },
  );
}

/** The order as the Open API serves it to the app. */
async function apiOrder(orderId: string, cipher = world.us.cipher) {
  const reply = await world.calls.call<{ orders: Record<string, unknown>[] }>(
    "/order/202309/orders",
    world.token,
    {
      query: { ids: orderId, shop_cipher: cipher },
    },
  );
  return reply.data.orders[0];
}

/** An order of `units` units (one TikTok line item each), and its line ids. */
async function orderOf(units: number, spec: Parameters<TikTokStandin["control"]["createOrder"]>[0] = {}) {
  const { order } = await world.standin.control.createOrder({ lines: [{ quantity: units }], ...spec });
  const lineIds = (order.line_items as { id: string }[]).map((line) => line.id);
  world.received.length = 0;
  return { order, lineIds };
}

const webhookBodies = () =>
  world.received.map(
    (body) => JSON.parse(body) as { type: number; shop_id: string; data: Record<string, unknown> },
  );

describe("delivery options and shipping providers", () => {
  it("gives each order its region's delivery option, whose providers are the region's carriers", async () => {
    const { order } = await orderOf(1);
    const ukOrder = (await world.standin.control.createOrder({ shopId: world.uk.id })).order;
    expect(order).toMatchObject({ delivery_option_name: "Standard shipping" });
    expect(order.delivery_option_id).toMatch(/^\d{19}$/);
    expect(ukOrder.delivery_option_id).toMatch(/^\d{19}$/);
    expect(ukOrder.delivery_option_id).not.toBe(order.delivery_option_id);

    const usProviders = await shippingProviders(String(order.delivery_option_id), world.us.cipher);
    expect(usProviders).toMatchObject({ status: 200, code: 0 });
    expect(usProviders.data.shipping_providers.map((provider) => provider.name)).toEqual([
      "USPS",
      "UPS",
      "FedEx",
      "LaserShip",
      "OnTrac",
      "GLS US",
      "DHL eCommerce",
      "Amazon Logistics",
    ]);
    expect(usProviders.data.shipping_providers).toEqual(SHIPPING_PROVIDERS.US);
    const ukProviders = await shippingProviders(String(ukOrder.delivery_option_id), world.uk.cipher);
    expect(ukProviders.data.shipping_providers.map((provider) => provider.name)).toEqual([
      "Royal Mail",
      "Evri",
      "DPD",
      "Parcelforce Worldwide",
      "DHL",
      "Yodel",
    ]);
    for (const provider of [...SHIPPING_PROVIDERS.US, ...SHIPPING_PROVIDERS.GB]) {
      expect(provider.id).toMatch(/^\d{19}$/);
    }
  });

  it("gives a region without its own list Other and DHL, with ids that do not change", async () => {
    const de = await world.standin.control.createShop({ region: "DE", cipher: "GCP_de" });
    const deToken = (
      await world.calls.tokensFor((await world.standin.control.createAuthCode(de.id)).authCode)
    ).access_token;
    const { order } = await world.standin.control.createOrder({ shopId: de.id });
    const reply = await world.calls.call<{ shipping_providers: unknown[] }>(
      `/logistics/202309/delivery_options/${String(order.delivery_option_id)}/shipping_providers`,
      deToken,
      { query: { shop_cipher: de.cipher } },
    );
    expect(reply.data.shipping_providers).toEqual([
      { id: "7117862301817587502", name: "Other" },
      { id: "7117862596962469678", name: "DHL" },
    ]);
    expect(shippingProviderId("DE", "DHL")).toBe("7117862596962469678");
    expect(() => shippingProviderId("US", "Royal Mail")).toThrow(/Royal Mail/);
  });

  it("refuses a delivery option that is unknown, or another shop's", async () => {
    const ukOrder = (await world.standin.control.createOrder({ shopId: world.uk.id })).order;
    const invalid = {
      status: 400,
      code: 36009004,
      message: "Invalid param. delivery_option_id is invalid.",
    };
    expect(await shippingProviders("7129000000000000001", world.us.cipher)).toMatchObject(invalid);
    expect(await shippingProviders(String(ukOrder.delivery_option_id), world.us.cipher)).toMatchObject(
      invalid,
    );
  });
});

describe("mark as shipped", () => {
  it("ships every line into one package and moves the order IN_TRANSIT", async () => {
    const { order, lineIds } = await orderOf(3);
    world.now += 120;
    const reply = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
    expect(reply).toMatchObject({
      status: 200,
      code: 0,
      data: { package_id: expect.stringMatching(/^1153\d{15}$/) },
    });
    const packageId = reply.data.package_id;

    const served = await apiOrder(order.id);
    expect(served).toMatchObject({
      status: "IN_TRANSIT",
      update_time: world.now,
      packages: [{ id: packageId }],
    });
    expect(served?.line_items).toEqual(
      lineIds.map((id) =>
        expect.objectContaining({
          id,
          package_id: packageId,
          tracking_number: "9400111899223197428490",
          shipping_provider_id: USPS,
          shipping_provider_name: "USPS",
          display_status: "IN_TRANSIT",
        }),
      ),
    );
    expect(await world.standin.control.getOrderWithPackages(order.id)).toMatchObject({
      order: { id: order.id, status: "IN_TRANSIT" },
      packages: [
        {
          id: packageId,
          order_id: order.id,
          shop_id: world.us.id,
          status: "FULFILLING",
          shipping_type: "SELLER",
          tracking_number: "9400111899223197428490",
          shipping_provider_id: USPS,
          shipping_provider_name: "USPS",
          order_line_item_ids: lineIds,
          create_time: world.now,
          update_time: world.now,
        },
      ],
      shipCalls: { shipped: 1, refused: 0 },
    });
  });

  it("ships some lines as PARTIALLY_SHIPPING, then the rest when no lines are named", async () => {
    const { order, lineIds } = await orderOf(3);
    const first = await ship(order.id, {
      tracking_number: "1Z999AA10123456784",
      shipping_provider_id: UPS,
      order_line_item_ids: [lineIds[0], lineIds[2]],
    });
    expect(first.code).toBe(0);
    const partial = await apiOrder(order.id);
    expect(partial).toMatchObject({
      status: "PARTIALLY_SHIPPING",
      packages: [{ id: first.data.package_id }],
    });
    const packageIds = (partial?.line_items as { package_id?: string }[]).map((line) => line.package_id);
    expect(packageIds).toEqual([first.data.package_id, undefined, first.data.package_id]);

    const rest = await ship(order.id, { tracking_number: "1Z999AA10123456785", shipping_provider_id: UPS });
    expect(rest.code).toBe(0);
    expect(await world.standin.control.getOrderPackages(order.id)).toEqual([
      expect.objectContaining({ id: first.data.package_id, order_line_item_ids: [lineIds[0], lineIds[2]] }),
      expect.objectContaining({ id: rest.data.package_id, order_line_item_ids: [lineIds[1]] }),
    ]);
    expect(await apiOrder(order.id)).toMatchObject({
      status: "IN_TRANSIT",
      packages: [{ id: first.data.package_id }, { id: rest.data.package_id }],
    });
  });

  it("refuses a line already shipped, naming its package, and counts the refusal", async () => {
    const { order, lineIds } = await orderOf(2);
    const shipped = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
      order_line_item_ids: [lineIds[0]],
    });
    const packageId = shipped.data.package_id;
    // A retry of the same call, even with another carrier and a number TikTok would refuse.
    const again = await ship(order.id, {
      tracking_number: "bad",
      shipping_provider_id: ROYAL_MAIL,
      order_line_item_ids: [lineIds[1], lineIds[0]],
    });
    expect(again).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.LINE_ITEM_ALREADY_SHIPPED,
      message: `Order line item ${lineIds[0]} has already been shipped in package ${packageId}.`,
      data: null,
    });
    // Nothing of the refused call happened: the second line is still unshipped.
    expect(await world.standin.control.getOrderWithPackages(order.id)).toMatchObject({
      order: { status: "PARTIALLY_SHIPPING" },
      packages: [{ id: packageId, order_line_item_ids: [lineIds[0]] }],
      shipCalls: { shipped: 1, refused: 1 },
    });
    await ship(order.id, { tracking_number: "9400111899223197428491", shipping_provider_id: USPS });
    // Every line shipped: a call naming no lines is told the first line's package.
    const nothingLeft = await ship(order.id, {
      tracking_number: "9400111899223197428492",
      shipping_provider_id: USPS,
    });
    expect(nothingLeft).toMatchObject({
      code: PACKAGE_ERRORS.LINE_ITEM_ALREADY_SHIPPED,
      message: `Order line item ${lineIds[0]} has already been shipped in package ${packageId}.`,
    });
    expect((await world.standin.control.getOrderWithPackages(order.id)).shipCalls).toEqual({
      shipped: 2,
      refused: 2,
    });
  });

  it("ships a line once when two calls for it arrive together", async () => {
    const { order } = await orderOf(1);
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    const replies = await Promise.all([ship(order.id, shipment), ship(order.id, shipment)]);
    expect(replies.map((reply) => reply.code).sort()).toEqual([0, PACKAGE_ERRORS.LINE_ITEM_ALREADY_SHIPPED]);
    expect(await world.standin.control.listPackages()).toHaveLength(1);
  });

  it("refuses an order on hold until the hold ends, though is_on_hold_order stays true", async () => {
    const { order } = await orderOf(1, { onHold: true, onHoldSeconds: 600 });
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    expect(await ship(order.id, shipment)).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.ORDER_ON_HOLD,
      message: "The order is on hold; you can ship it after the hold ends.",
    });
    world.now += 600;
    await world.standin.control.tick();
    expect(await apiOrder(order.id)).toMatchObject({ status: "AWAITING_SHIPMENT", is_on_hold_order: true });
    expect((await ship(order.id, shipment)).code).toBe(0);
    expect((await world.standin.control.getOrderWithPackages(order.id)).shipCalls).toEqual({
      shipped: 1,
      refused: 1,
    });
  });

  it("ships an order whose hold was ended early", async () => {
    const { order } = await orderOf(1, { onHold: true, onHoldSeconds: 600 });
    await world.standin.control.setOrderStatus(order.id, "AWAITING_SHIPMENT");
    const reply = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
    expect(reply.code).toBe(0);
  });

  it("refuses an order TikTok ships, and one unpaid, cancelled or delivered", async () => {
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    const fbt = (await orderOf(1, { fbt: true })).order;
    const masked = (await orderOf(1, { masked: true })).order;
    for (const order of [fbt, masked]) {
      expect(await ship(order.id, shipment)).toMatchObject({
        status: 400,
        code: PACKAGE_ERRORS.SHIPPED_BY_TIKTOK,
        message: "This order is shipped by TikTok Shipping; arrange shipment instead.",
      });
    }
    for (const status of ["UNPAID", "CANCELLED", "DELIVERED", "COMPLETED"] as const) {
      const { order } = await orderOf(1, { status });
      expect(await ship(order.id, shipment)).toMatchObject({
        status: 400,
        code: PACKAGE_ERRORS.ORDER_NOT_SHIPPABLE,
        message: expect.stringContaining(status),
      });
    }
    // No refused call made a package: the only one is TikTok's own, made with the TikTok Shipping order.
    const packages = await world.standin.control.listPackages();
    expect(packages.map((pkg) => [pkg.order_id, pkg.shipping_type, pkg.status])).toEqual([
      [masked.id, "TIKTOK", "PROCESSING"],
    ]);
  });

  it("refuses a malformed tracking number and makes no package", async () => {
    const { order } = await orderOf(1);
    for (const trackingNumber of ["1Z 999 AA1", "SHORT12", "A".repeat(41), "9400-1118-9922", ""]) {
      expect(
        await ship(order.id, { tracking_number: trackingNumber, shipping_provider_id: USPS }),
      ).toMatchObject({
        status: 400,
        code: PACKAGE_ERRORS.INVALID_TRACKING_NUMBER,
        message: "The tracking number is invalid. Check the number and the shipping provider.",
      });
    }
    expect(await ship(order.id, { tracking_number: "ABCD1234", shipping_provider_id: USPS })).toMatchObject({
      code: 0,
    });
    expect((await world.standin.control.getOrderWithPackages(order.id)).shipCalls).toEqual({
      shipped: 1,
      refused: 5,
    });
  });

  it("refuses a provider the order's delivery option does not offer, such as a UK carrier", async () => {
    const { order } = await orderOf(1);
    for (const providerId of [ROYAL_MAIL, "7000000000000000000"]) {
      expect(
        await ship(order.id, { tracking_number: "9400111899223197428490", shipping_provider_id: providerId }),
      ).toMatchObject({
        status: 400,
        code: PACKAGE_ERRORS.INVALID_SHIPPING_PROVIDER,
        message: expect.stringContaining(providerId),
      });
    }
    expect((await apiOrder(order.id))?.status).toBe("AWAITING_SHIPMENT");
  });

  it("refuses a line of another order, and a body it cannot read, with TikTok's invalid-param error", async () => {
    const { order } = await orderOf(1);
    const other = await orderOf(1);
    expect(
      await ship(order.id, {
        tracking_number: "9400111899223197428490",
        shipping_provider_id: USPS,
        order_line_item_ids: other.lineIds,
      }),
    ).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.LINE_ITEM_NOT_IN_ORDER,
      message: `Order line item ${other.lineIds[0]} does not belong to order ${order.id}.`,
    });
    const invalid = [
      [{ shipping_provider_id: USPS }, "Invalid param. tracking_number is required."],
      [{ tracking_number: "9400111899223197428490" }, "Invalid param. shipping_provider_id is required."],
      [
        { tracking_number: "9400111899223197428490", shipping_provider_id: USPS, order_line_item_ids: [] },
        "Invalid param. order_line_item_ids is invalid.",
      ],
      [
        {
          tracking_number: "9400111899223197428490",
          shipping_provider_id: USPS,
          order_line_item_ids: [order.id, order.id],
        },
        "Invalid param. order_line_item_ids is invalid.",
      ],
    ] as const;
    for (const [body, message] of invalid) {
      expect(await ship(order.id, body)).toMatchObject({ status: 400, code: 36009004, message });
    }
    expect((await world.standin.control.getOrderWithPackages(order.id)).shipCalls).toEqual({
      shipped: 0,
      refused: 5,
    });
  });

  it("sends ORDER_STATUS_CHANGE for a new status and PACKAGE_UPDATE for each package", async () => {
    const { order, lineIds } = await orderOf(3);
    world.now += 60;
    const first = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
      order_line_item_ids: [lineIds[0]],
    });
    const afterFirst = (await apiOrder(order.id))?.update_time;
    // Still PARTIALLY_SHIPPING: a package, but no status change, so no type 1.
    const second = await ship(order.id, {
      tracking_number: "9400111899223197428491",
      shipping_provider_id: USPS,
      order_line_item_ids: [lineIds[1]],
    });
    const afterSecond = (await apiOrder(order.id))?.update_time;
    expect(afterFirst).toBe(world.now);
    expect(afterSecond).toBe(world.now + 1);
    expect(webhookBodies()).toEqual([
      {
        type: 1,
        tts_notification_id: expect.stringMatching(/^\d{19}$/),
        shop_id: world.us.id,
        timestamp: world.now,
        data: {
          order_id: order.id,
          order_status: "PARTIALLY_SHIPPING",
          is_on_hold_order: false,
          update_time: afterFirst,
        },
      },
      {
        type: 4,
        tts_notification_id: expect.stringMatching(/^\d{19}$/),
        shop_id: world.us.id,
        timestamp: world.now,
        data: {
          sc_type: "SELLER",
          role_type: "SELLER",
          package_list: [{ package_id: first.data.package_id, order_id_list: [order.id] }],
          update_time: world.now,
        },
      },
      expect.objectContaining({
        type: 4,
        data: expect.objectContaining({
          package_list: [{ package_id: second.data.package_id, order_id_list: [order.id] }],
        }),
      }),
    ]);
  });
});

describe("package detail", () => {
  it("serves the package with its order, lines, carrier and delivery option", async () => {
    const { order, lineIds } = await orderOf(2);
    const { data } = await ship(order.id, {
      tracking_number: "1Z999AA10123456784",
      shipping_provider_id: UPS,
    });
    expect(await packageDetail(data.package_id)).toMatchObject({
      status: 200,
      code: 0,
      data: {
        package_id: data.package_id,
        orders: [{ id: order.id }],
        order_id_list: [order.id],
        package_status: "FULFILLING",
        shipping_type: "SELLER",
        tracking_number: "1Z999AA10123456784",
        shipping_provider_id: UPS,
        shipping_provider_name: "UPS",
        delivery_option_id: order.delivery_option_id,
        order_line_item_ids: lineIds,
        create_time: world.now,
        update_time: world.now,
      },
    });
    expect(await packageDetail("1153000000000009999")).toMatchObject({
      status: 404,
      code: PACKAGE_ERRORS.PACKAGE_NOT_FOUND,
    });
  });

  it("completes the packages when the order is delivered, by the timer or by hand", async () => {
    const timed = await orderOf(1, { deliverAfterSeconds: 3600 });
    const byHand = await orderOf(1);
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    const timedPackage = (await ship(timed.order.id, shipment)).data.package_id;
    const byHandPackage = (await ship(byHand.order.id, shipment)).data.package_id;
    world.now += 3600;
    expect((await world.standin.control.tick()).delivered).toEqual([timed.order.id]);
    expect(await packageDetail(timedPackage)).toMatchObject({
      data: { package_status: "COMPLETED", update_time: world.now },
    });
    expect((await packageDetail(byHandPackage)).data.package_status).toBe("FULFILLING");
    await world.standin.control.setOrderStatus(byHand.order.id, "DELIVERED");
    expect((await world.standin.control.getOrderPackages(byHand.order.id))[0]?.status).toBe("COMPLETED");
  });
});

describe("update shipping info", () => {
  it("replaces the tracking number and carrier on the package and its lines, with a PACKAGE_UPDATE", async () => {
    const { order } = await orderOf(2);
    const { data } = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
    world.received.length = 0;
    world.now += 3600;
    const reply = await updateShippingInfo("packages", data.package_id, {
      tracking_number: "1Z999AA10123456784",
      shipping_provider_id: UPS,
    });
    expect(reply).toMatchObject({ status: 200, code: 0, data: {} });
    expect(await packageDetail(data.package_id)).toMatchObject({
      data: { tracking_number: "1Z999AA10123456784", shipping_provider_name: "UPS", update_time: world.now },
    });
    const served = await apiOrder(order.id);
    expect(served).toMatchObject({ status: "IN_TRANSIT", update_time: world.now });
    for (const line of served?.line_items as Record<string, unknown>[]) {
      expect(line).toMatchObject({ tracking_number: "1Z999AA10123456784", shipping_provider_id: UPS });
    }
    expect(webhookBodies()).toEqual([
      expect.objectContaining({
        type: 4,
        data: expect.objectContaining({
          package_list: [{ package_id: data.package_id, order_id_list: [order.id] }],
        }),
      }),
    ]);
  });

  it("allows a change for 72 hours after shipping and refuses it after", async () => {
    const { order } = await orderOf(1);
    const { data } = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
    world.now += 72 * 3600;
    const fix = { tracking_number: "9400111899223197428491", shipping_provider_id: USPS };
    expect((await updateShippingInfo("packages", data.package_id, fix)).code).toBe(0);
    world.now += 1;
    expect(
      await updateShippingInfo("packages", data.package_id, { ...fix, tracking_number: "X1234567" }),
    ).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.UPDATE_WINDOW_CLOSED,
      message: "Shipping info can only be updated within 72 hours after shipping.",
    });
    expect((await packageDetail(data.package_id)).data.tracking_number).toBe("9400111899223197428491");
  });

  it("checks the number and the carrier as Mark as shipped does", async () => {
    const { order } = await orderOf(1);
    const { data } = await ship(order.id, {
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
    expect(
      await updateShippingInfo("packages", data.package_id, {
        tracking_number: "no",
        shipping_provider_id: USPS,
      }),
    ).toMatchObject({ code: PACKAGE_ERRORS.INVALID_TRACKING_NUMBER });
    expect(
      await updateShippingInfo("packages", data.package_id, {
        tracking_number: "9400111899223197428491",
        shipping_provider_id: ROYAL_MAIL,
      }),
    ).toMatchObject({ code: PACKAGE_ERRORS.INVALID_SHIPPING_PROVIDER });
    expect((await packageDetail(data.package_id)).data).toMatchObject({
      tracking_number: "9400111899223197428490",
      shipping_provider_id: USPS,
    });
  });

  it("updates an order's only package through the order, and refuses an order with none, several or TikTok's", async () => {
    const fix = { tracking_number: "9400111899223197428499", shipping_provider_id: USPS };
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    const single = await orderOf(1);
    const packageId = (await ship(single.order.id, shipment)).data.package_id;
    expect((await updateShippingInfo("orders", single.order.id, fix)).code).toBe(0);
    expect((await packageDetail(packageId)).data.tracking_number).toBe("9400111899223197428499");

    const unshipped = await orderOf(1);
    expect(await updateShippingInfo("orders", unshipped.order.id, fix)).toMatchObject({
      code: PACKAGE_ERRORS.ORDER_PACKAGE_AMBIGUOUS,
      message: expect.stringContaining("no package"),
    });
    const split = await orderOf(2);
    await ship(split.order.id, { ...shipment, order_line_item_ids: [split.lineIds[0]] });
    await ship(split.order.id, shipment);
    expect(await updateShippingInfo("orders", split.order.id, fix)).toMatchObject({
      code: PACKAGE_ERRORS.ORDER_PACKAGE_AMBIGUOUS,
      message: expect.stringContaining("2 packages"),
    });
    const fbt = await orderOf(1, { fbt: true });
    expect(await updateShippingInfo("orders", fbt.order.id, fix)).toMatchObject({
      code: PACKAGE_ERRORS.SHIPPED_BY_TIKTOK,
    });
  });
});

describe("another shop's cipher", () => {
  it("can neither see, ship nor change the order and its package", async () => {
    const { order } = await orderOf(1);
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: ROYAL_MAIL };
    const notFound = {
      status: 404,
      code: PACKAGE_ERRORS.ORDER_NOT_FOUND,
      message: `Order ${order.id} does not exist.`,
    };
    expect(await ship(order.id, shipment, world.uk.cipher)).toMatchObject(notFound);
    expect(await apiOrder(order.id, world.uk.cipher)).toBeUndefined();
    expect(await world.standin.control.listPackages()).toEqual([]);

    const { data } = await ship(order.id, { ...shipment, shipping_provider_id: USPS });
    expect(await packageDetail(data.package_id, world.uk.cipher)).toMatchObject({
      status: 404,
      code: PACKAGE_ERRORS.PACKAGE_NOT_FOUND,
    });
    expect(await updateShippingInfo("packages", data.package_id, shipment, world.uk.cipher)).toMatchObject({
      code: PACKAGE_ERRORS.PACKAGE_NOT_FOUND,
    });
    expect(await updateShippingInfo("orders", order.id, shipment, world.uk.cipher)).toMatchObject(notFound);
    expect((await packageDetail(data.package_id)).data.tracking_number).toBe("9400111899223197428490");
  });

  it("is refused by the gateway for a shop the token does not grant", async () => {
    const other = await world.standin.control.createShop({ region: "US", cipher: "GCP_other" });
    const { order } = await world.standin.control.createOrder({ shopId: other.id });
    const reply = await ship(
      order.id,
      { tracking_number: "9400111899223197428490", shipping_provider_id: USPS },
      "GCP_other",
    );
    expect(reply).toMatchObject({ status: 401, code: 101000 });
    expect(await world.standin.control.getOrderWithPackages(order.id)).toMatchObject({
      order: { status: "AWAITING_SHIPMENT" },
      packages: [],
      shipCalls: { shipped: 0, refused: 0 },
    });
  });
});

describe("control API", () => {
  it("lists every package and forgets them on reset", async () => {
    const a = await orderOf(1);
    const b = await orderOf(1);
    const shipment = { tracking_number: "9400111899223197428490", shipping_provider_id: USPS };
    const first = (await ship(a.order.id, shipment)).data.package_id;
    const second = (await ship(b.order.id, shipment)).data.package_id;
    expect((await world.standin.control.listPackages()).map((pkg) => [pkg.id, pkg.order_id])).toEqual([
      [first, a.order.id],
      [second, b.order.id],
    ]);
    await world.standin.control.reset();
    expect(await world.standin.control.listPackages()).toEqual([]);
    expect(world.standin.state.shipCalls.size).toBe(0);
  });
});

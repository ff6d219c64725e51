import { describe, expect, it } from "vitest";
import { DOCUMENT_TTL_SECONDS, PACKAGE_ERRORS, shippingProviderId, type OrderSpec, type Shop } from "./index";
import { twoShopStandin } from "./two-shop-world";

const app = { appKey: "tts-key", appSecret: "tts-secret" };
// 15:06:40 UTC: today's slots have passed, so the offered ones are tomorrow's and the day after's.
const start = 1_750_000_000;
const midnight = 1_749_945_600;
const world = twoShopStandin(app, start, {
  afterReset: (standin) => standin.control.configure({ publicUrl: standin.url }),
});

const USPS = shippingProviderId("US", "USPS");

type Slot = { start_time: number; end_time: number };
type TimeSlots = {
  can_pickup: boolean;
  can_drop_off: boolean;
  pickup_slots: (Slot & { avaliable: boolean })[];
  drop_off_point_url: string;
};

const cipherOf = (shop: Shop) => shop.cipher;
const timeSlots = (packageId: string, shop = world.us) =>
  world.calls.call<TimeSlots>(`/fulfillment/202309/packages/${packageId}/handover_time_slots`, world.token, {
    query: { shop_cipher: cipherOf(shop) },
  });
const shipPackage = (packageId: string, body: unknown, shop = world.us) =>
  world.calls.call<Record<string, never>>(`/fulfillment/202309/packages/${packageId}/ship`, world.token, {
    query: { shop_cipher: cipherOf(shop) },
    body: JSON.stringify(body),
  });
const documents = (packageId: string, documentType?: string, shop = world.us) =>
  world.calls.call<{ doc_url: string; tracking_number: string }>(
    `/fulfillment/202309/packages/${packageId}/shipping_documents`,
    world.token,
    { query: { shop_cipher: cipherOf(shop), ...(documentType ? { document_type: documentType } : {}) } },
  );
const packageDetail = (packageId: string, shop = world.us) =>
  world.calls.call<Record<string, unknown>>(`/fulfillment/202309/packages/${packageId}`, world.token, {
    query: { shop_cipher: cipherOf(shop) },
  });
async function apiOrder(orderId: string, shop = world.us) {
  const reply = await world.calls.call<{ orders: Record<string, unknown>[] }>(
    "/order/202309/orders",
    world.token,
    {
      query: { ids: orderId, shop_cipher: cipherOf(shop) },
    },
  );
  return reply.data.orders[0];
}

/** A TikTok Shipping order (masked, as TikTok's logistics send it) and its package id. */
async function tiktokOrder(spec: OrderSpec = {}) {
  const { order } = await world.standin.control.createOrder({
    masked: true,
    lines: [{ quantity: 2 }],
    ...spec,
  });
  const packageId = (order.packages as { id: string }[] | undefined)?.[0]?.id ?? "";
  world.received.length = 0;
  return { order, packageId };
}

const tomorrowMorning = { start_time: midnight + 86_400 + 9 * 3600, end_time: midnight + 86_400 + 12 * 3600 };

const webhookBodies = () =>
  world.received.map(
    (body) => JSON.parse(body) as { type: number; shop_id: string; data: Record<string, unknown> },
  );

/** Checks a PDF's structure: header, trailer, and every cross-reference offset landing on its object. */
function expectValidPdf(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  expect(text.startsWith("%PDF-1.4\n")).toBe(true);
  expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe("xref");
  const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) =>
    Number(match[1]),
  );
  expect(entries.length).toBeGreaterThanOrEqual(5);
  entries.forEach((offset, index) => expect(text.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true));
  for (const [, length, stream] of text.matchAll(/<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/g)) {
    expect(Buffer.byteLength(stream ?? "", "latin1")).toBe(Number(length));
  }
  return text;
}

describe("TikTok Shipping orders", () => {
  it("get a PROCESSING package of every line with the order, without tracking", async () => {
    const { order, packageId } = await tiktokOrder();
    expect(order.shipping_type).toBe("TIKTOK");
    expect(packageId).toMatch(/^1153\d{15}$/);
    expect(order.packages).toEqual([{ id: packageId }]);
    for (const line of order.line_items as Record<string, unknown>[]) {
      expect(line.package_id).toBe(packageId);
      expect(line).not.toHaveProperty("tracking_number");
      expect(line).not.toHaveProperty("shipping_provider_name");
    }
    const detail = await packageDetail(packageId);
    expect(detail).toMatchObject({
      code: 0,
      data: { package_status: "PROCESSING", shipping_type: "TIKTOK", order_id_list: [order.id] },
    });
    expect(detail.data).not.toHaveProperty("tracking_number");
    expect(await world.standin.control.getOrderPackages(order.id)).toEqual([
      expect.objectContaining({
        id: packageId,
        status: "PROCESSING",
        tracking_number: "",
        shipping_type: "TIKTOK",
      }),
    ]);
  });

  it("come from shippingType or an override too; seller-shipped and fulfilled-by-TikTok orders get none", async () => {
    const explicit = (await world.standin.control.createOrder({ shippingType: "TIKTOK" })).order;
    const overridden = (await world.standin.control.createOrder({ overrides: { shipping_type: "TIKTOK" } }))
      .order;
    const sellerMasked = (await world.standin.control.createOrder({ masked: true, shippingType: "SELLER" }))
      .order;
    const fbt = (await world.standin.control.createOrder({ fbt: true })).order;
    expect(explicit.packages).toHaveLength(1);
    expect(overridden.packages).toHaveLength(1);
    expect(sellerMasked).toMatchObject({ shipping_type: "SELLER" });
    expect(sellerMasked).not.toHaveProperty("packages");
    expect(fbt).toMatchObject({ shipping_type: "TIKTOK", fulfillment_type: "FULFILLMENT_BY_TIKTOK" });
    expect(fbt).not.toHaveProperty("packages");
    // The override is what the stand-in acts on as well: Mark as shipped refuses it.
    const marked = await world.calls.call(
      `/fulfillment/202309/orders/${overridden.id}/packages`,
      world.token,
      {
        query: { shop_cipher: world.us.cipher },
        body: JSON.stringify({ tracking_number: "9400111899223197428490", shipping_provider_id: USPS }),
      },
    );
    expect(marked.code).toBe(PACKAGE_ERRORS.SHIPPED_BY_TIKTOK);
  });

  it("created already past handover have TikTok's tracking; delivered ones a COMPLETED package", async () => {
    const inTransit = await tiktokOrder({ status: "IN_TRANSIT" });
    const delivered = await tiktokOrder({ status: "DELIVERED" });
    const cancelled = await tiktokOrder({ status: "CANCELLED" });
    expect(await packageDetail(inTransit.packageId)).toMatchObject({
      data: { package_status: "FULFILLING", tracking_number: expect.stringMatching(/^TT\d{18}$/) },
    });
    expect((await packageDetail(delivered.packageId)).data.package_status).toBe("COMPLETED");
    expect((await packageDetail(cancelled.packageId)).data.package_status).toBe("CANCELLED");
  });
});

describe("handover time slots", () => {
  it("offers pickups in the next two days from the stand-in's clock, and a drop-off page", async () => {
    const { packageId } = await tiktokOrder();
    const reply = await timeSlots(packageId);
    const day = (n: number, from: number, to: number) => ({
      start_time: midnight + n * 86_400 + from * 3600,
      end_time: midnight + n * 86_400 + to * 3600,
      avaliable: true,
    });
    expect(reply).toMatchObject({ status: 200, code: 0 });
    expect(reply.data).toEqual({
      can_pickup: true,
      can_drop_off: true,
      pickup_slots: [day(1, 9, 12), day(1, 13, 17), day(2, 9, 12), day(2, 13, 17)],
      drop_off_point_url: `${world.standin.url}/_drop-off-points?region=US`,
    });
    const page = await fetch(reply.data.drop_off_point_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Drop-off points (US)");

    world.now = midnight + 86_400 + 8 * 3600 + 1; // 08:00:01 tomorrow: its morning slot is less than an hour away
    expect((await timeSlots(packageId)).data.pickup_slots.map((slot) => slot.start_time)).toEqual([
      midnight + 86_400 + 13 * 3600,
      midnight + 2 * 86_400 + 9 * 3600,
      midnight + 2 * 86_400 + 13 * 3600,
    ]);
  });

  it("refuses a seller-shipped package and an unknown one", async () => {
    const { order } = await world.standin.control.createOrder();
    const marked = await world.calls.call<{ package_id: string }>(
      `/fulfillment/202309/orders/${order.id}/packages`,
      world.token,
      {
        query: { shop_cipher: world.us.cipher },
        body: JSON.stringify({ tracking_number: "9400111899223197428490", shipping_provider_id: USPS }),
      },
    );
    expect(await timeSlots(marked.data.package_id)).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.SHIPPED_BY_SELLER,
    });
    expect(await timeSlots("1153000000000009999")).toMatchObject({
      status: 404,
      code: PACKAGE_ERRORS.PACKAGE_NOT_FOUND,
    });
  });
});

describe("ship package", () => {
  it("books a pickup: TikTok's tracking number and carrier, AWAITING_COLLECTION, type 1 then type 4", async () => {
    const { order, packageId } = await tiktokOrder();
    world.now += 60;
    const reply = await shipPackage(packageId, { handover_method: "PICKUP", pickup_slot: tomorrowMorning });
    expect(reply).toMatchObject({ status: 200, code: 0, data: {} });

    const detail = await packageDetail(packageId);
    expect(detail.data).toMatchObject({
      package_status: "FULFILLING",
      shipping_type: "TIKTOK",
      tracking_number: expect.stringMatching(/^TT\d{18}$/),
      shipping_provider_id: USPS,
      shipping_provider_name: "USPS",
      handover_method: "PICKUP",
      pickup_slot: tomorrowMorning,
      update_time: world.now,
    });
    const trackingNumber = String(detail.data.tracking_number);
    const served = await apiOrder(order.id);
    expect(served).toMatchObject({ status: "AWAITING_COLLECTION", update_time: world.now });
    for (const line of served?.line_items as Record<string, unknown>[]) {
      expect(line).toMatchObject({
        package_id: packageId,
        tracking_number: trackingNumber,
        shipping_provider_id: USPS,
        shipping_provider_name: "USPS",
        display_status: "AWAITING_COLLECTION",
      });
    }
    expect(webhookBodies()).toEqual([
      expect.objectContaining({
        type: 1,
        shop_id: world.us.id,
        data: {
          order_id: order.id,
          order_status: "AWAITING_COLLECTION",
          is_on_hold_order: false,
          update_time: world.now,
        },
      }),
      expect.objectContaining({
        type: 4,
        shop_id: world.us.id,
        data: {
          sc_type: "TIKTOK",
          role_type: "SELLER",
          package_list: [{ package_id: packageId, order_id_list: [order.id] }],
          update_time: world.now,
        },
      }),
    ]);
  });

  it("takes a drop-off without a slot, and books the region's carrier (Evri in the UK)", async () => {
    const { packageId } = await tiktokOrder({ shopId: world.uk.id });
    expect((await shipPackage(packageId, { handover_method: "DROP_OFF" }, world.uk)).code).toBe(0);
    expect((await packageDetail(packageId, world.uk)).data).toMatchObject({
      handover_method: "DROP_OFF",
      shipping_provider_id: shippingProviderId("GB", "Evri"),
      shipping_provider_name: "Evri",
    });
  });

  it("refuses a body it cannot use, and a pickup slot it did not offer, changing nothing", async () => {
    const { order, packageId } = await tiktokOrder();
    const invalid: [unknown, string][] = [
      [{}, "Invalid param. handover_method is required."],
      [{ handover_method: "COURIER" }, "Invalid param. handover_method is invalid."],
      [{ handover_method: "PICKUP" }, "Invalid param. pickup_slot is required."],
      [
        {
          handover_method: "DROP_OFF",
          self_shipment: { tracking_number: "TT1", shipping_provider_id: USPS },
        },
        "Invalid param. self_shipment is invalid. Send handover_method or self_shipment, not both.",
      ],
    ];
    for (const [body, message] of invalid) {
      expect(await shipPackage(packageId, body)).toMatchObject({ status: 400, code: 36009004, message });
    }
    const offByAnHour = { start_time: tomorrowMorning.start_time + 3600, end_time: tomorrowMorning.end_time };
    expect(
      await shipPackage(packageId, { handover_method: "PICKUP", pickup_slot: offByAnHour }),
    ).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.INVALID_PICKUP_SLOT,
    });
    expect(
      await shipPackage(packageId, {
        self_shipment: { tracking_number: "9400111899223197428490", shipping_provider_id: USPS },
      }),
    ).toMatchObject({ status: 400, code: PACKAGE_ERRORS.SHIPPED_BY_TIKTOK });
    expect((await packageDetail(packageId)).data.package_status).toBe("PROCESSING");
    expect((await apiOrder(order.id))?.status).toBe("AWAITING_SHIPMENT");
    expect(world.received).toEqual([]);
  });

  it("refuses a package already arranged, naming its tracking number, and arranges it once under a race", async () => {
    const { packageId } = await tiktokOrder();
    const replies = await Promise.all([
      shipPackage(packageId, { handover_method: "DROP_OFF" }),
      shipPackage(packageId, { handover_method: "PICKUP", pickup_slot: tomorrowMorning }),
    ]);
    expect(replies.map((reply) => reply.code).sort()).toEqual([0, PACKAGE_ERRORS.PACKAGE_ALREADY_SHIPPED]);
    const trackingNumber = String((await packageDetail(packageId)).data.tracking_number);
    expect(await shipPackage(packageId, { handover_method: "DROP_OFF" })).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.PACKAGE_ALREADY_SHIPPED,
      message: `Package ${packageId} has already been shipped with tracking number ${trackingNumber}.`,
    });
    expect(webhookBodies().filter((body) => body.type === 4)).toHaveLength(1);
  });

  it("refuses an order on hold, and a cancelled one whose package TikTok cancelled", async () => {
    const held = await tiktokOrder({ onHold: true, onHoldSeconds: 600 });
    expect(await shipPackage(held.packageId, { handover_method: "DROP_OFF" })).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.ORDER_ON_HOLD,
    });
    world.now += 600;
    await world.standin.control.tick();
    expect((await shipPackage(held.packageId, { handover_method: "DROP_OFF" })).code).toBe(0);

    const cancelled = await tiktokOrder();
    await world.standin.control.setOrderStatus(cancelled.order.id, "CANCELLED");
    expect((await packageDetail(cancelled.packageId)).data.package_status).toBe("CANCELLED");
    expect(await shipPackage(cancelled.packageId, { handover_method: "DROP_OFF" })).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.ORDER_NOT_SHIPPABLE,
      message: `Order ${cancelled.order.id} cannot be shipped while it is CANCELLED.`,
    });
  });

  it("refuses TikTok's handover for a seller's package, and self_shipment once it is shipped", async () => {
    const { order } = await world.standin.control.createOrder();
    const marked = await world.calls.call<{ package_id: string }>(
      `/fulfillment/202309/orders/${order.id}/packages`,
      world.token,
      {
        query: { shop_cipher: world.us.cipher },
        body: JSON.stringify({ tracking_number: "9400111899223197428490", shipping_provider_id: USPS }),
      },
    );
    const packageId = marked.data.package_id;
    expect(await shipPackage(packageId, { handover_method: "DROP_OFF" })).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.SHIPPED_BY_SELLER,
    });
    expect(
      await shipPackage(packageId, {
        self_shipment: { tracking_number: "9400111899223197428491", shipping_provider_id: USPS },
      }),
    ).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.PACKAGE_ALREADY_SHIPPED,
      message: `Package ${packageId} has already been shipped with tracking number 9400111899223197428490.`,
    });
    expect(await shipPackage(packageId, { self_shipment: { shipping_provider_id: USPS } })).toMatchObject({
      code: 36009004,
      message: "Invalid param. self_shipment is invalid.",
    });
  });
});

describe("shipping documents", () => {
  it("are refused before the package ships, for a seller's package, and without a valid type", async () => {
    const { packageId } = await tiktokOrder();
    expect(await documents(packageId, "SHIPPING_LABEL")).toMatchObject({
      status: 400,
      code: PACKAGE_ERRORS.DOCUMENT_NOT_READY,
      message: `Package ${packageId} has not been shipped yet; call Ship Package before getting its shipping documents.`,
    });
    expect(await documents(packageId)).toMatchObject({
      code: 36009004,
      message: "Invalid param. document_type is required.",
    });
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    expect(await documents(packageId, "INVOICE")).toMatchObject({
      code: 36009004,
      message: "Invalid param. document_type is invalid.",
    });
    const { order } = await world.standin.control.createOrder();
    const marked = await world.calls.call<{ package_id: string }>(
      `/fulfillment/202309/orders/${order.id}/packages`,
      world.token,
      {
        query: { shop_cipher: world.us.cipher },
        body: JSON.stringify({ tracking_number: "9400111899223197428490", shipping_provider_id: USPS }),
      },
    );
    expect((await documents(marked.data.package_id, "SHIPPING_LABEL")).code).toBe(
      PACKAGE_ERRORS.SHIPPED_BY_SELLER,
    );
  });

  it("serve a label PDF from the stand-in for 24 hours, then 410", async () => {
    const { order, packageId } = await tiktokOrder();
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    const trackingNumber = String((await packageDetail(packageId)).data.tracking_number);
    const reply = await documents(packageId, "SHIPPING_LABEL");
    expect(reply).toMatchObject({ status: 200, code: 0, data: { tracking_number: trackingNumber } });
    expect(reply.data.doc_url).toMatch(new RegExp(`^${world.standin.url}/_documents/[0-9a-f]{32}\\.pdf$`));

    const response = await fetch(reply.data.doc_url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = expectValidPdf(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("(SHIPPING LABEL) Tj");
    expect(text).toContain(`(Tracking: ${trackingNumber}) Tj`);
    expect(text).toContain(`(Package: ${packageId}) Tj`);
    expect(text).toContain(`(Order: ${order.id}) Tj`);
    expect(text).toContain("/Count 1");
    expect(text).not.toContain("PACKING SLIP");

    world.now += DOCUMENT_TTL_SECONDS - 1;
    expect((await fetch(reply.data.doc_url)).status).toBe(200);
    world.now += 1;
    const expired = await fetch(reply.data.doc_url);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ error: "This document link has expired." });
    // Each call is a new link with its own 24 hours.
    const fresh = await documents(packageId, "SHIPPING_LABEL");
    expect(fresh.data.doc_url).not.toBe(reply.data.doc_url);
    expect((await fetch(fresh.data.doc_url)).status).toBe(200);
    expect((await fetch(`${world.standin.url}/_documents/${"0".repeat(32)}.pdf`)).status).toBe(404);
  });

  it("serve a packing slip listing the lines, and both documents as two pages", async () => {
    const { packageId } = await tiktokOrder({
      lines: [{ productName: "Hydrating Serum (30 ml)", sellerSku: "SERUM-30" }],
    });
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    const slip = await fetch((await documents(packageId, "PACKING_SLIP")).data.doc_url);
    const slipText = expectValidPdf(Buffer.from(await slip.arrayBuffer()));
    expect(slipText).toContain("(PACKING SLIP) Tj");
    // Parentheses in text are escaped, so the PDF stays readable.
    expect(slipText).toContain("(1 x Hydrating Serum \\(30 ml\\) \\(SERUM-30\\)) Tj");
    expect(slipText).not.toContain("SHIPPING LABEL");
    const both = await fetch((await documents(packageId, "SHIPPING_LABEL_AND_PACKING_SLIP")).data.doc_url);
    const bothText = expectValidPdf(Buffer.from(await both.arrayBuffer()));
    expect(bothText).toContain("/Count 2");
    expect(bothText).toContain("(SHIPPING LABEL) Tj");
    expect(bothText).toContain("(PACKING SLIP) Tj");
  });

  it("link to the configured public URL", async () => {
    await world.standin.control.configure({ publicUrl: "http://tiktok-standin.internal:4010/" });
    const { packageId } = await tiktokOrder();
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    expect((await documents(packageId, "SHIPPING_LABEL")).data.doc_url).toMatch(
      /^http:\/\/tiktok-standin\.internal:4010\/_documents\/[0-9a-f]{32}\.pdf$/,
    );
  });
});

describe("collection and delivery", () => {
  it("moves a collected order IN_TRANSIT with webhooks, and completes its package on delivery", async () => {
    const { order, packageId } = await tiktokOrder();
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    world.received.length = 0;
    world.now += 3600;
    const change = await world.standin.control.collect(order.id);
    expect(change.order).toMatchObject({ status: "IN_TRANSIT", update_time: world.now });
    expect(change.webhooks.map((webhook) => webhook.type)).toEqual([1, 4]);
    expect(webhookBodies()).toEqual([
      expect.objectContaining({ type: 1, data: expect.objectContaining({ order_status: "IN_TRANSIT" }) }),
      expect.objectContaining({
        type: 4,
        data: expect.objectContaining({
          package_list: [{ package_id: packageId, order_id_list: [order.id] }],
        }),
      }),
    ]);
    expect((await packageDetail(packageId)).data).toMatchObject({
      package_status: "FULFILLING",
      update_time: world.now,
    });
    await world.standin.control.setOrderStatus(order.id, "DELIVERED");
    expect((await packageDetail(packageId)).data.package_status).toBe("COMPLETED");
  });

  it("refuses to collect an order not awaiting collection, or one the seller ships", async () => {
    const { order } = await tiktokOrder();
    await expect(world.standin.control.collect(order.id)).rejects.toThrow(/AWAITING_SHIPMENT/);
    const seller = (await world.standin.control.createOrder({ status: "AWAITING_COLLECTION" })).order;
    await expect(world.standin.control.collect(seller.id)).rejects.toThrow(/shipped by the seller/);
    await expect(world.standin.control.collect("576400000000009999")).rejects.toThrow(/no order/);
  });
});

describe("another shop's cipher", () => {
  it("can neither see the package's slots and documents nor ship it", async () => {
    const { order, packageId } = await tiktokOrder();
    const notFound = { status: 404, code: PACKAGE_ERRORS.PACKAGE_NOT_FOUND };
    expect(await timeSlots(packageId, world.uk)).toMatchObject(notFound);
    expect(await shipPackage(packageId, { handover_method: "DROP_OFF" }, world.uk)).toMatchObject(notFound);
    expect((await packageDetail(packageId)).data.package_status).toBe("PROCESSING");
    await shipPackage(packageId, { handover_method: "DROP_OFF" });
    expect(await documents(packageId, "SHIPPING_LABEL", world.uk)).toMatchObject(notFound);
    expect((await apiOrder(order.id))?.status).toBe("AWAITING_COLLECTION");
  });
});

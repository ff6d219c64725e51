import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../../tools/shopify-standin";
import {
  buildRecipientAddress,
  buildTikTokOrder,
  buildUnits,
  DEFAULT_SKU_ID,
} from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// The app reads its environment once: point it at the stand-in before importing it.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { syncOrder } = await import("./sync-order.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => standin.close());

let seq = 0;
const nextDomain = () => `store-${++seq}.myshopify.com`;

async function world(options: Partial<Parameters<typeof seedWorld>[1]> = {}) {
  const domain = options.domain ?? nextDomain();
  return seedWorld(standin, { skus: [{ skuId: DEFAULT_SKU_ID }], ...options, domain });
}

// Placed two hours ago: Shopify refuses a processedAt in the future.
const placed = () => Math.floor(Date.now() / 1000) - 7200;
const newOrder = (
  overrides: Parameters<typeof buildTikTokOrder>[0] = {},
  charges?: Parameters<typeof buildTikTokOrder>[1],
) => buildTikTokOrder({ create_time: placed(), ...overrides }, charges);

const attemptsOf = (orderId: string) =>
  prisma.syncAttempt.findMany({ where: { orderId }, orderBy: { startedAt: "asc" } });

describe("syncOrder", () => {
  beforeEach(async () => {
    await standin.control.reset();
  });

  it("creates the Shopify order once, with TikTok's total, and records the attempt", async () => {
    const { shop, domain } = await world();
    const order = newOrder({ line_items: buildUnits(3) }, { shippingFee: "4.99" });
    const id = await receiveOrder(shop.id, order);

    const outcome = await syncOrder(id, { trigger: "webhook" });

    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "synced", adopted: false });
    const [created, ...more] = await standin.control.listOrders(domain);
    expect(more).toEqual([]);
    expect(created?.sourceIdentifier).toBe(order.id);
    expect(created?.totals.total).toBe(order.payment.total_amount);
    const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ syncStatus: "SYNCED", shopifyOrderId: created?.id, reasonCode: null });
    expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(["SYNCED"]);
  });

  it("blocks an order whose SKU is not linked at stage 6, creating nothing", async () => {
    const { shop, domain } = await world({ skus: [] });
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toEqual({
      status: "blocked",
      reason: "PRODUCT_NOT_LINKED",
      stage: 6,
    });
    expect(await standin.control.listOrders(domain)).toEqual([]);
    const [attempt] = await attemptsOf(id);
    expect(attempt).toMatchObject({ outcome: "BLOCKED", reasonCode: "PRODUCT_NOT_LINKED" });
  });

  it("blocks with PRODUCT_DELETED when the linked variant was deleted in Shopify", async () => {
    const { shop, domain } = await world();
    await standin.control.deleteVariant(domain, "gid://shopify/ProductVariant/9000");
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({
      reason: "PRODUCT_DELETED",
      stage: 6,
    });
    const link = await prisma.productLink.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(link.state).toBe("VARIANT_DELETED");
  });

  it("blocks with PLAN_INACTIVE when the app has no active subscription", async () => {
    const { shop } = await world({ planActive: false });
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ reason: "PLAN_INACTIVE", stage: 7 });
  });

  it("keeps an unpaid order Pending with no reason", async () => {
    const { shop } = await world();
    const id = await receiveOrder(shop.id, newOrder({ status: "UNPAID" }));
    expect(await syncOrder(id, { trigger: "poll" })).toEqual({ status: "pending" });
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({
      syncStatus: "PENDING",
      reasonCode: null,
    });
  });

  it("fails OUT_OF_STOCK with Shopify's message when inventory can't be claimed", async () => {
    const { shop } = await world({ skus: [{ skuId: DEFAULT_SKU_ID, inventory: 1, policy: "DENY" }] });
    const id = await receiveOrder(shop.id, newOrder({ line_items: buildUnits(2) }));
    const outcome = await syncOrder(id, { trigger: "webhook" });
    expect(outcome).toMatchObject({ status: "failed", code: "OUT_OF_STOCK", retryAt: null });
    const [attempt] = await attemptsOf(id);
    expect(attempt?.errorDetail).toMatch(/\S/);
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).syncStatus).toBe("FAILED");
  });

  it("fails AUTH_ERROR when Shopify refuses the store's token", async () => {
    const { shop, domain } = await world();
    await prisma.session.update({ where: { id: `offline_${domain}` }, data: { accessToken: "revoked" } });
    const id = await receiveOrder(shop.id, newOrder());
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({
      status: "failed",
      code: "AUTH_ERROR",
    });
  });

  it.each([
    ["a 5xx", [502, 503]],
    ["a 404 from a store just back from an outage", [404]],
  ])("retries %s later instead of failing, and then syncs", async (_, errorStatuses) => {
    const { shop, domain } = await world();
    const id = await receiveOrder(shop.id, newOrder());
    await standin.control.setFaults(domain, { errorRate: 1, count: 20, errorStatuses });
    const first = await syncOrder(id, { trigger: "webhook" });
    expect(first).toMatchObject({ status: "failed", code: "PLATFORM_ERROR" });
    expect(first.status === "failed" && first.retryAt).toBeInstanceOf(Date);
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).syncStatus).toBe("PENDING");
    await standin.control.setFaults(domain, null);
    expect(await syncOrder(id, { trigger: "requeue" })).toMatchObject({ status: "synced" });
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });

  it("adopts the order when Shopify created it but the answer was lost", async () => {
    const { shop, domain } = await world();
    const order = newOrder();
    const id = await receiveOrder(shop.id, order);
    await standin.control.setFaults(domain, { dropAfterCreate: true });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({
      status: "failed",
      code: "PLATFORM_ERROR",
    });
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
    await standin.control.setFaults(domain, null);

    const retry = await syncOrder(id, { trigger: "requeue" });

    expect(retry).toMatchObject({ status: "synced", adopted: true });
    const orders = await standin.control.listOrders(domain);
    expect(orders).toHaveLength(1);
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).shopifyOrderId).toBe(
      orders[0]?.id,
    );
    expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(["SYNCED"]);
  });

  it("adopts the order when its Synced record could not be written after Shopify created it", async () => {
    const { shop, domain } = await world();
    const id = await receiveOrder(shop.id, newOrder());
    // The database refuses to mark this one order Synced, as a full disk or a lost connection would.
    await prisma.$executeRawUnsafe(`CREATE FUNCTION "refuseSynced"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."syncStatus" = 'SYNCED' AND NEW."id" = '${id}' THEN RAISE EXCEPTION 'no space left on device'; END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "refuseSynced" BEFORE UPDATE ON "TikTokOrder" FOR EACH ROW EXECUTE FUNCTION "refuseSynced"()`,
    );
    try {
      const first = await syncOrder(id, { trigger: "webhook" });
      expect(first).toMatchObject({ status: "failed", retryAt: expect.any(Date) });
      expect(await standin.control.listOrders(domain)).toHaveLength(1);
      // Still "creating": the retry must look in Shopify before it creates anything.
      expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(["CREATING"]);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "refuseSynced" ON "TikTokOrder"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION "refuseSynced"()`);
    }

    expect(await syncOrder(id, { trigger: "requeue" })).toMatchObject({ status: "synced", adopted: true });
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });

  it("cancels an adopted order that TikTok cancelled while the create's answer was lost", async () => {
    const { shop, domain } = await world();
    const order = newOrder();
    const id = await receiveOrder(shop.id, order);
    await standin.control.setFaults(domain, { dropAfterCreate: true });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "failed" });
    await standin.control.setFaults(domain, null);
    await receiveOrder(shop.id, { ...order, status: "CANCELLED", update_time: order.update_time + 60 });

    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });

    const orders = await standin.control.listOrders(domain);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.cancelledAt).not.toBeNull();
    const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
    expect(row.shopifyOrderId).toBe(orders[0]?.id);
    expect(row.shopifyCancelledAt).not.toBeNull();
  });

  it("looks up a store's linked variants once for its syncs in flight, and blocks only the deleted one's order", async () => {
    const otherSku = "1729587969683000002";
    const { shop, domain } = await world({ skus: [{ skuId: DEFAULT_SKU_ID }, { skuId: otherSku }] });
    await standin.control.deleteVariant(domain, "gid://shopify/ProductVariant/9001");
    const kept = await Promise.all(Array.from({ length: 6 }, () => receiveOrder(shop.id, newOrder())));
    const deleted = await Promise.all(
      Array.from({ length: 2 }, () =>
        receiveOrder(shop.id, newOrder({ line_items: buildUnits(1, { sku_id: otherSku }) })),
      ),
    );
    // Each lookup takes long enough for the other syncs to reach theirs while it is out.
    await standin.control.setFaults(domain, { latencyMs: 100 });

    const outcomes = await Promise.all(
      [...kept, ...deleted].map((id) => syncOrder(id, { trigger: "webhook" })),
    );

    expect(outcomes.slice(0, 6).map((outcome) => outcome.status)).toEqual(kept.map(() => "synced"));
    expect(outcomes.slice(6)).toEqual(
      deleted.map(() => ({ status: "blocked", reason: "PRODUCT_DELETED", stage: 6 })),
    );
    expect(await standin.control.listOrders(domain)).toHaveLength(6);
    const lookups = (await standin.control.listRequests(domain)).filter((r) =>
      r.rootFields.includes("nodes"),
    );
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.length).toBeLessThan(4);
  });

  it("creates one Shopify order when many syncs race on the same order", async () => {
    const { shop, domain } = await world();
    const id = await receiveOrder(shop.id, newOrder());
    await standin.control.setFaults(domain, { latencyMs: 50 });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => syncOrder(id, { trigger: i % 2 ? "manual" : "webhook" })),
    );
    expect(outcomes.filter((o) => o.status === "synced")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "busy")).toHaveLength(7);
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
    expect(await syncOrder(id, { trigger: "manual" })).toMatchObject({ status: "synced" });
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });

  it("creates and then cancels a cancelled order when Sync forces it", async () => {
    const { shop, domain } = await world();
    const id = await receiveOrder(shop.id, newOrder({ status: "CANCELLED" }));
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({
      reason: "ORDER_CANCELLED",
      stage: 2,
    });
    expect(await syncOrder(id, { trigger: "manual" })).toMatchObject({ status: "synced" });
    const [created] = await standin.control.listOrders(domain);
    expect(created?.cancelledAt).toBeTruthy();
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).shopifyCancelledAt).toBeInstanceOf(
      Date,
    );
  });

  it("cancels the Shopify order when TikTok cancels after it was synced", async () => {
    const { shop, domain } = await world();
    const order = newOrder();
    const id = await receiveOrder(shop.id, order);
    await syncOrder(id, { trigger: "webhook" });
    await receiveOrder(shop.id, { ...order, status: "CANCELLED", update_time: order.update_time + 100 });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    const [created, ...more] = await standin.control.listOrders(domain);
    expect(more).toEqual([]);
    expect(created?.cancelledAt).toBeTruthy();
  });

  it("sends TikTok's new shipping address to the synced Shopify order, once", async () => {
    const { shop, domain } = await world();
    const order = newOrder();
    const id = await receiveOrder(shop.id, order);
    await syncOrder(id, { trigger: "webhook" });
    const moved = buildRecipientAddress({
      address_line1: "500 Market St",
      address_line2: "",
      postal_code: "95113",
    });
    await receiveOrder(shop.id, { ...order, recipient_address: moved, update_time: order.update_time + 100 });

    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    // Described again with the same address (a status change): nothing more is sent.
    await receiveOrder(shop.id, { ...order, recipient_address: moved, update_time: order.update_time + 200 });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });

    const [created, ...more] = await standin.control.listOrders(domain);
    expect(more).toEqual([]);
    expect(created?.shippingAddress).toMatchObject({ address1: "500 Market St", zip: "95113" });
    const updates = (await standin.control.listRequests(domain)).filter((request) =>
      request.rootFields.includes("orderUpdate"),
    );
    expect(updates).toHaveLength(1);
  });

  it("sends the address of an order synced before TikTok released it", async () => {
    const { shop, domain } = await world();
    const order = newOrder({ recipient_address: undefined });
    const id = await receiveOrder(shop.id, order);
    expect(await syncOrder(id, { trigger: "manual" })).toMatchObject({ status: "synced" });
    const [before] = await standin.control.listOrders(domain);
    expect(before?.shippingAddress).toBeNull();
    expect(before?.tags).toContain("TikTok address pending");

    await receiveOrder(shop.id, {
      ...order,
      recipient_address: buildRecipientAddress(),
      update_time: order.update_time + 100,
    });
    await syncOrder(id, { trigger: "webhook" });

    const [created] = await standin.control.listOrders(domain);
    expect(created?.shippingAddress).toMatchObject({
      address1: "1199 Coleman Ave",
      city: "San Jose",
      provinceCode: "CA",
    });
    expect(created?.tags).not.toContain("TikTok address pending");
  });

  it("creates a cash-on-delivery order unpaid and records its payment once TikTok reports it delivered", async () => {
    const { shop, domain } = await world();
    const order = newOrder({ is_cod: true, payment_method_name: "Cash on delivery", paid_time: undefined });
    const id = await receiveOrder(shop.id, order);
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    const [pending] = await standin.control.listOrders(domain);
    expect(pending?.financialStatus).toBe("PENDING");
    expect(pending?.transactions).toEqual([]);

    // Shipped: nothing is paid yet.
    await receiveOrder(shop.id, { ...order, status: "IN_TRANSIT", update_time: order.update_time + 100 });
    await syncOrder(id, { trigger: "webhook" });
    expect((await standin.control.listOrders(domain))[0]?.financialStatus).toBe("PENDING");

    const deliveredAt = order.update_time + 150;
    const delivered = { ...order, status: "DELIVERED", delivery_time: deliveredAt, update_time: deliveredAt };
    await receiveOrder(shop.id, delivered);
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });
    // Completed later: the payment is not recorded twice.
    await receiveOrder(shop.id, { ...delivered, status: "COMPLETED", update_time: deliveredAt + 100 });
    await syncOrder(id, { trigger: "webhook" });

    const [paid, ...more] = await standin.control.listOrders(domain);
    expect(more).toEqual([]);
    expect(paid?.financialStatus).toBe("PAID");
    expect(paid?.transactions).toEqual([
      expect.objectContaining({
        kind: "SALE",
        status: "SUCCESS",
        gateway: "Cash on Delivery (COD)",
        processedAt: new Date(deliveredAt * 1000).toISOString(),
      }),
    ]);
    expect(Number(paid?.transactions[0]?.amount)).toBe(Number(order.payment.total_amount));
    const payments = (await standin.control.listRequests(domain)).filter((request) =>
      request.rootFields.includes("orderCreateManualPayment"),
    );
    expect(payments).toHaveLength(1);
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).shopifyPaidAt).not.toBeNull();
  });

  it("records a delivered COD payment once when the record of the first was lost", async () => {
    const { shop, domain } = await world();
    const order = newOrder({ is_cod: true, paid_time: undefined });
    const id = await receiveOrder(shop.id, order);
    await syncOrder(id, { trigger: "webhook" });
    const delivered = { ...order, status: "DELIVERED", update_time: order.update_time + 100 };
    await receiveOrder(shop.id, delivered);
    await syncOrder(id, { trigger: "webhook" });
    // The payment reached Shopify, but the app's record of it did not survive (a crash in between).
    await prisma.tikTokOrder.update({ where: { id }, data: { shopifyPaidAt: null } });
    await receiveOrder(shop.id, { ...delivered, update_time: delivered.update_time + 100 });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });

    const payments = (await standin.control.listRequests(domain)).filter((request) =>
      request.rootFields.includes("orderCreateManualPayment"),
    );
    expect(payments).toHaveLength(1);
    expect((await standin.control.listOrders(domain))[0]?.transactions).toHaveLength(1);
    expect((await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).shopifyPaidAt).not.toBeNull();
  });

  it("names the missing field when the stored TikTok order can't be mapped", async () => {
    const { shop } = await world();
    const id = await receiveOrder(shop.id, newOrder());
    const row = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } });
    const raw = { ...(row.raw as Record<string, unknown>), payment: { currency: "USD" } };
    await prisma.tikTokOrder.update({ where: { id }, data: { raw } });
    const outcome = await syncOrder(id, { trigger: "webhook" });
    expect(outcome).toMatchObject({ status: "failed", code: "MISSING_REQUIRED_FIELD" });
    expect(outcome.status === "failed" && outcome.message).toMatch(/payment\./);
  });

  it("records a converted cash-on-delivery order's payment in the buyer's currency", async () => {
    const { toOrderCreateInput } = await import("./mapping");
    const { ORDER_CREATE } = await import("~/admin-api/operations/orders");
    const { buildMappingContext } = await import("../../test/factories/sync-context");
    const { adminGraphQL } = await import("../../tools/shopify-standin/control/client");
    const { shop, domain, token } = await world();
    const order = newOrder(
      {
        is_cod: true,
        paid_time: undefined,
        line_items: buildUnits(2, { currency: "GBP", original_price: "19.99" }),
      },
      { shippingFee: "3.99" },
    );
    const id = await receiveOrder(shop.id, order);
    // Created pending in the USD store as the app creates it at 1 GBP = 1.27 USD.
    const input = toOrderCreateInput(order, {
      ...buildMappingContext(order, {
        money: { shopCurrency: "USD", rate: { value: "1.27", setAt: new Date("2026-12-06T00:00:00Z") } },
      }),
      links: new Map([[DEFAULT_SKU_ID, { variantId: "gid://shopify/ProductVariant/9000" }]]),
    });
    if (!input.ok) throw new Error(input.failure.message);
    const { body } = await adminGraphQL(standin.control.adminUrl(domain), {
      token,
      query: ORDER_CREATE,
      variables: { order: input.order, options: input.options },
    });
    const created = body.data.orderCreate.order;
    await prisma.tikTokOrder.update({
      where: { id },
      data: { syncStatus: "SYNCED", shopifyOrderId: created.id, shopifyOrderName: created.name },
    });

    const deliveredAt = order.update_time + 100;
    await receiveOrder(shop.id, {
      ...order,
      status: "DELIVERED",
      delivery_time: deliveredAt,
      update_time: deliveredAt,
    });
    expect(await syncOrder(id, { trigger: "webhook" })).toMatchObject({ status: "synced" });

    // 2 × 19.99 + 3.99 = 43.97 GBP; in dollars 2 × 25.39 + 5.07 = 55.85, each amount converted to the cent.
    const [paid] = await standin.control.listOrders(domain);
    expect(paid).toMatchObject({
      currencyCode: "USD",
      presentmentCurrencyCode: "GBP",
      financialStatus: "PAID",
      outstanding: "0.0",
      presentmentTotal: "43.97",
      transactions: [{ gateway: "Cash on Delivery (COD)", amount: "55.85", presentmentAmount: "43.97" }],
    });
  });
});

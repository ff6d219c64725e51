import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyStandin } from "../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "./factories/tiktok-order";
import { expectEveryRouteCovered, isWebhookRoute, routesExporting } from "./route-inventory";
import { deliver, shopifyWebhook } from "./shopify-webhook";
import { receiveOrder, seedWorld } from "./sync-world";

// Tenant isolation: store A asks for, changes and erases things with store B's ids, and B never notices.
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma } = await import("~/db.server");
const { getTikTokOrder } = await import("~/models/tiktok-order.server");
const { loadOrdersPage, parseOrdersQuery } = await import("~/pages/orders.server");
const { loadOrderDetail } = await import("~/pages/order-detail.server");
const { syncOrderNow, queueBulkSync, bulkSyncProgress } = await import("~/pages/manual-sync.server");
const { applyProductsAction } = await import("~/pages/product-actions.server");
const { unlinkSku, setVariantsExist } = await import("~/models/product-link.server");
const { linkTikTokSku } = await import("~/linking/link-products.server");
const { requeueBlocked } = await import("~/models/order-queue.server");
const { reportCustomerData, redactCustomer } = await import("~/models/privacy.server");
const routes = {
  "products/update": await import("~/routes/webhooks.products.update"),
  "products/delete": await import("~/routes/webhooks.products.delete"),
  "fulfillments/create": await import("~/routes/webhooks.fulfillments.create"),
  "fulfillments/update": await import("~/routes/webhooks.fulfillments.update"),
  "orders/cancelled": await import("~/routes/webhooks.orders.cancelled"),
  "refunds/create": await import("~/routes/webhooks.refunds.create"),
  "app/uninstalled": await import("~/routes/webhooks.app.uninstalled"),
  "app/scopes_update": await import("~/routes/webhooks.app.scopes_update"),
  "app_subscriptions/update": await import("~/routes/webhooks.app_subscriptions.update"),
  "customers/data_request": await import("~/routes/webhooks.customers.data_request"),
  "customers/redact": await import("~/routes/webhooks.customers.redact"),
  "shop/redact": await import("~/routes/webhooks.shop.redact"),
};

afterAll(() => standin.close());

const A = "tenant-a.myshopify.com";
const B = "tenant-b.myshopify.com";
const bOrder = buildTikTokOrder({ buyer_email: "b-buyer@example.com" });
let bShopId = "";

/** Everything store B has in the database, to compare before and after A's requests. */
async function snapshotOfB() {
  const where = { shopId: bShopId };
  return JSON.stringify({
    shop: await prisma.shop.findUnique({ where: { id: bShopId } }),
    orders: await prisma.tikTokOrder.findMany({ where, include: { attempts: true }, orderBy: { id: "asc" } }),
    links: await prisma.productLink.findMany({ where, orderBy: { id: "asc" } }),
    connections: await prisma.tikTokConnection.findMany({ where, orderBy: { id: "asc" } }),
    shipments: await prisma.tikTokShipment.findMany({ where, orderBy: { id: "asc" } }),
    sessions: await prisma.session.findMany({ where: { shop: B } }),
  });
}

beforeAll(async () => {
  await seedWorld(standin, { domain: A, skus: [{ skuId: "a-sku" }] });
  const b = await seedWorld(standin, { domain: B, skus: [{ skuId: DEFAULT_SKU_ID }] });
  bShopId = b.shop.id;
  const id = await receiveOrder(bShopId, bOrder);
  await prisma.tikTokOrder.update({
    where: { id },
    data: { syncStatus: "BLOCKED", reasonCode: "PLAN_INACTIVE", shopifyOrderId: "gid://shopify/Order/777" },
  });
});

describe("tenant isolation", () => {
  it("finds none of another store's orders through the order pages' and Sync button's functions", async () => {
    const before = await snapshotOfB();
    expect(await getTikTokOrder(A, bOrder.id)).toBeNull();
    expect(await loadOrderDetail(A, bOrder.id)).toBeNull();
    const page = await loadOrdersPage(A, parseOrdersQuery(new URLSearchParams()));
    expect(page.orders.map((order) => order.tiktokOrderId)).not.toContain(bOrder.id);
    expect(await syncOrderNow(A, bOrder.id)).toEqual({ status: "missing" });
    expect(await queueBulkSync(A, [bOrder.id])).toEqual({ queued: [], alreadySynced: 0, notFound: 1 });
    expect(await bulkSyncProgress(A, [bOrder.id])).toMatchObject({ running: 0, synced: 0, blocked: 0 });
    expect(await snapshotOfB()).toBe(before);
  });

  it("changes none of another store's links", async () => {
    const before = await snapshotOfB();
    const a = await prisma.shop.findUniqueOrThrow({ where: { domain: A } });
    await unlinkSku(a.id, DEFAULT_SKU_ID);
    await setVariantsExist(a.id, ["gid://shopify/ProductVariant/9000"], false);
    await requeueBlocked(a.id, ["PLAN_INACTIVE"]);
    await linkTikTokSku(A, {
      tiktokProductId: "p",
      tiktokSkuId: DEFAULT_SKU_ID,
      shopifyVariantId: "gid://shopify/ProductVariant/9000",
    });
    await applyProductsAction(A, { intent: "unlink", tiktokSkuId: DEFAULT_SKU_ID });
    expect(await snapshotOfB()).toBe(before);
  });

  it("reports and erases nothing of another store's customers", async () => {
    const before = await snapshotOfB();
    const match = { email: "b-buyer@example.com", shopifyOrderIds: ["777"] };
    expect(await reportCustomerData(A, match)).toEqual({ orders: [] });
    expect(await redactCustomer(A, match)).toBe(0);
    expect(await snapshotOfB()).toBe(before);
  });

  it("delivers every Shopify webhook route in the next test", async () => {
    const covered = Object.keys(routes).map((topic) => `webhooks.${topic.replace("/", ".")}`);
    const found = (await routesExporting("action")).filter(
      (name) => isWebhookRoute(name) && name !== "webhooks.tiktok",
    );
    expectEveryRouteCovered(covered, found, "test/isolation.db.test.ts (routes)");
  });

  it("lets no store's webhook touch another store's data", async () => {
    const before = await snapshotOfB();
    const customer = { customer: { email: "b-buyer@example.com" } };
    const bodies = (named: string): Record<keyof typeof routes, object> => ({
      "products/update": { id: 1, variants: [] },
      "products/delete": { id: 1 },
      // B's Shopify order's id: A's fulfilment webhook finds no order of A's by it, and records nothing.
      "fulfillments/create": { id: 5, order_id: 777, tracking_number: "AB12345678", line_items: [] },
      "fulfillments/update": { id: 5, order_id: 777, tracking_number: "AB12345679", line_items: [] },
      // B's Shopify order, cancelled as A's: nothing of B's is noted.
      "orders/cancelled": { id: 777, cancelled_at: "2026-12-07T00:00:00Z" },
      // A refund of B's Shopify order, as A's: nothing of B's is noted.
      "refunds/create": { id: 9, order_id: 777, transactions: [{ kind: "refund", amount: "5.00" }] },
      "app/uninstalled": {},
      "app/scopes_update": { current: ["read_orders"] },
      "app_subscriptions/update": { app_subscription: { status: "ACTIVE" } },
      "customers/data_request": { ...customer, orders_requested: [777], shop_domain: named },
      "customers/redact": { ...customer, orders_to_redact: [777], shop_domain: named },
      "shop/redact": { shop_id: 1, shop_domain: named },
    });
    // Signed for A, naming B in the payload: refused, whatever the topic.
    for (const topic of ["customers/data_request", "customers/redact", "shop/redact"] as const) {
      const response = await deliver(routes[topic].action, shopifyWebhook(topic, A, bodies(B)[topic]));
      expect(response.status, topic).toBe(400);
    }
    // A's own deliveries are handled, and find nothing of B's.
    for (const [topic, route] of Object.entries(routes)) {
      const response = await deliver(
        route.action,
        shopifyWebhook(topic, A, bodies(A)[topic as keyof typeof routes]),
      );
      expect(response.status, topic).toBe(200);
      if (topic === "customers/data_request") expect(await response.json()).toEqual({ ok: true });
    }
    expect(await snapshotOfB()).toBe(before);
    expect(await prisma.tikTokShipment.count()).toBe(0);
    expect(await prisma.shop.count({ where: { domain: A } })).toBe(0);
  });
});

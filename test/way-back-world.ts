import { expect } from "vitest";
import { connectStore, type ConnectorWorld } from "./connector-world";
import { seedWorld } from "./sync-world";

/**
 * The way back's tests' stores, on a connector world: each with its TikTok shop connected and two products
 * linked by seller SKU (a serum at 25.00 and a mask at 12.00), synced orders of them, and the shipment
 * worker's turn. `prefix` names the stores (`<prefix>-1.myshopify.com`, …) and their SKUs (`SERUM-1`, …).
 * Call it once the app's environment points at the world's stand-ins: it imports the app.
 */
export async function wayBackStores(world: ConnectorWorld, prefix: string) {
  const { pollShop } = await import("~/tiktok/poll-shop.server");
  const { syncOrder } = await import("~/sync/sync-order.server");
  const { linkSku } = await import("~/models/product-link.server");
  const { claimDueShipments, loadShipment } = await import("~/models/shipment.server");
  const { shipToTikTok } = await import("~/fulfillment/ship.server");
  const { default: prisma } = await import("~/db.server");
  let stores = 0;

  async function store() {
    const n = ++stores;
    const domain = `${prefix}-${n}.myshopify.com`;
    const { shop } = await seedWorld(world.shopify, { domain, skus: [], connect: false });
    const { tiktokShop } = await connectStore(world, domain);
    const skus: Record<string, string> = {};
    for (const [name, price] of [
      ["SERUM", "25.00"],
      ["MASK", "12.00"],
    ] as const) {
      const sellerSku = `${name}-${n}`;
      const product = await world.tiktok.control.addProduct({
        shopId: tiktokShop.id,
        title: name,
        skus: [{ sellerSku, price }],
      });
      const skuId = product.skus[0]?.id ?? "";
      const variantId = `gid://shopify/ProductVariant/${7000 + n * 10 + Object.keys(skus).length}`;
      await world.shopify.control.addProduct(domain, {
        title: name,
        variants: [{ id: variantId, sku: sellerSku, price, inventory: 100 }],
      });
      await linkSku(
        shop.id,
        { tiktokProductId: product.id, tiktokSkuId: skuId, sellerSku, shopifyVariantId: variantId },
        new Date(Date.now() - 60_000),
      );
      skus[name] = skuId;
    }
    const ref = { shopDomain: domain, tiktokShopId: tiktokShop.id };
    return { n, domain, shop, tiktokShop, ref, serum: skus.SERUM ?? "", mask: skus.MASK ?? "" };
  }
  type Store = Awaited<ReturnType<typeof store>>;

  /** A TikTok order placed, polled and created in Shopify; its Shopify order's numeric id. */
  async function syncedOrder(s: Store, spec: Parameters<typeof world.tiktok.control.createOrder>[0]) {
    // Placed a minute after the shop was connected (the stand-in's clock runs ahead), as stage 1 expects.
    world.advance(60);
    const { order } = await world.tiktok.control.createOrder({ shopId: s.tiktokShop.id, ...spec });
    await pollShop(s.ref, { client: { retry: { maxAttempts: 1 } } });
    const row = await prisma.tikTokOrder.findUniqueOrThrow({
      where: { shopId_tiktokOrderId: { shopId: s.shop.id, tiktokOrderId: order.id } },
    });
    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    const synced = await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: row.id } });
    return {
      tiktokOrderId: order.id,
      row: synced,
      shopifyId: (synced.shopifyOrderId ?? "").split("/").pop() ?? "",
    };
  }

  /** The shipment worker's turn: every due fulfilment is sent. */
  async function sendDue(now = new Date()) {
    for (const id of await claimDueShipments("test", 50, 60_000, now)) {
      const shipment = await loadShipment(id);
      if (shipment) await shipToTikTok(shipment);
    }
  }

  /**
   * A synced order, fulfilled in Shopify with USPS `trackingNumber` and shipped at TikTok by the shipment
   * worker; the stand-in's clock is back to real time, so TikTok's notifications that follow are on time.
   */
  async function shippedOrder(
    s: Store,
    spec: Parameters<typeof world.tiktok.control.createOrder>[0],
    trackingNumber: string,
  ) {
    const synced = await syncedOrder(s, spec);
    await world.shopify.control.fulfill(s.domain, synced.shopifyId, {
      trackingCompany: "USPS",
      trackingNumber,
    });
    await sendDue();
    world.resetClock();
    return synced;
  }

  const shipmentsOf = (orderId: string) =>
    prisma.tikTokShipment.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });

  return { store, syncedOrder, shippedOrder, sendDue, shipmentsOf };
}

import type { ConnectorWorld } from "./connector-world";
import { connectStore } from "./connector-world";
import { buildLineItem, buildTikTokOrder } from "./factories/tiktok-order";
import { receiveOrder, seedWorld } from "./sync-world";

/**
 * A store as a tenant: connected to a TikTok shop of its own on the stand-in, with one TikTok product
 * whose SKU is linked to a Shopify variant of the same seller SKU, and one TikTok order of it that TikTok
 * fulfils (so it stays Blocked whatever a Sync does). Isolation and hostile-input tests use two of them.
 */
export type Tenant = Awaited<ReturnType<typeof seedTenant>>;
let tenants = 0;

export async function seedTenant(world: ConnectorWorld, domain: string) {
  const { default: prisma } = await import("~/db.server");
  const { linkSku } = await import("~/models/product-link.server");
  await seedWorld(world.shopify, { domain, skus: [], connect: false });
  const { tiktokShop, shop } = await connectStore(world, domain);
  const sellerSku = `SKU-${domain.split(".")[0]}`;
  const product = await world.tiktok.control.addProduct({
    shopId: tiktokShop.id,
    title: `Product of ${domain}`,
    skus: [{ sellerSku, price: "12.00" }],
  });
  const skuId = product.skus[0]?.id ?? "";
  // Shopify's ids are unique across stores; the stand-in numbers each store's own from 1.
  const variantId = `gid://shopify/ProductVariant/${7000 + ++tenants}`;
  await world.shopify.control.addProduct(domain, {
    title: `Product of ${domain}`,
    variants: [{ id: variantId, sku: sellerSku }],
  });
  await linkSku(shop.id, {
    tiktokProductId: product.id,
    tiktokSkuId: skuId,
    sellerSku,
    shopifyVariantId: variantId,
  });
  const order = buildTikTokOrder({
    fulfillment_type: "FULFILLMENT_BY_TIKTOK",
    buyer_email: `buyer@${domain}`,
    line_items: [buildLineItem({ sku_id: skuId, product_id: product.id, seller_sku: sellerSku })],
  });
  const orderRowId = await receiveOrder(shop.id, order);
  await prisma.tikTokOrder.update({
    where: { id: orderRowId },
    data: { syncStatus: "BLOCKED", reasonCode: "FULFILLED_BY_TIKTOK", reasonStage: 4 },
  });
  return {
    domain,
    shopId: shop.id,
    tiktokShopId: tiktokShop.id,
    productId: product.id,
    skuId,
    sellerSku,
    variantId,
    orderId: order.id,
    orderRowId,
  };
}

/** Everything the database holds of one store, to compare before and after another store's requests. */
export async function snapshotOf(tenant: Pick<Tenant, "shopId" | "domain">): Promise<string> {
  const { default: prisma } = await import("~/db.server");
  const where = { shopId: tenant.shopId };
  const rows = {
    shop: await prisma.shop.findUnique({ where: { id: tenant.shopId } }),
    connections: await prisma.tikTokConnection.findMany({ where, orderBy: { id: "asc" } }),
    links: await prisma.productLink.findMany({ where, orderBy: { id: "asc" } }),
    orders: await prisma.tikTokOrder.findMany({
      where,
      include: { attempts: { orderBy: { id: "asc" } } },
      orderBy: { id: "asc" },
    }),
    sessions: await prisma.session.findMany({ where: { shop: tenant.domain }, orderBy: { id: "asc" } }),
    receipts: await prisma.webhookReceipt.findMany({
      where: { shopDomain: tenant.domain },
      orderBy: { id: "asc" },
    }),
  };
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
}

/** The tenant's ids and names that `value` mentions: none, when it is another store's page. */
export function mentionsOf(tenant: Tenant, value: unknown): string[] {
  const text = JSON.stringify(value) ?? "";
  const { domain, tiktokShopId, productId, skuId, sellerSku, variantId, orderId } = tenant;
  return [domain, tiktokShopId, productId, skuId, sellerSku, variantId, orderId].filter((id) =>
    text.includes(id),
  );
}

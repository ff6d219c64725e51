import { afterAll, describe, expect, it } from "vitest";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { seedWorld } from "../../test/sync-world";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const { listTikTokSkus, previewAutoLink, applyAutoLink, linkTikTokSku } =
  await import("./link-products.server");
const { linkSku } = await import("~/models/product-link.server");
const { upsertTikTokOrder } = await import("../../test/factories/stored-order");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

/** A store with an offline Shopify session on the Shopify stand-in and a connected TikTok stand-in shop. */
async function store(domain: string) {
  await seedWorld(world.shopify, { domain, skus: [], connect: false });
  return connectStore(world, domain);
}

async function blockedOrder(shopId: string, reasonCode: string, skuId = "1729000000000000101") {
  const order = buildTikTokOrder({ line_items: [buildLineItem({ sku_id: skuId })] });
  const { id } = await upsertTikTokOrder(shopId, order);
  await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
  return id;
}

describe("TikTok products for linking", () => {
  it("lists every SKU of every product, over all pages", async () => {
    const { tiktokShop } = await store("catalog.myshopify.com");
    await Promise.all(
      Array.from({ length: 101 }, (_, i) =>
        world.tiktok.control.addProduct({
          shopId: tiktokShop.id,
          title: `Lip Tint ${i}`,
          skus: [{ sellerSku: `TINT-${i}`, price: "9.00", attributes: [{ name: "Shade", value: "Rose" }] }],
        }),
      ),
    );
    const serum = await world.tiktok.control.addProduct({
      shopId: tiktokShop.id,
      title: "Hydrating Serum",
      skus: [
        { sellerSku: "SERUM-30", price: "24.00", attributes: [{ name: "Size", value: "30 ml" }] },
        { sellerSku: "SERUM-50", price: "36.00" },
      ],
    });
    const skus = await listTikTokSkus("catalog.myshopify.com");
    expect(skus).toHaveLength(103);
    expect(skus.filter((sku) => sku.productId === serum.id)).toEqual([
      expect.objectContaining({
        productTitle: "Hydrating Serum",
        sellerSku: "SERUM-30",
        name: "30 ml",
        price: { amount: "24.00", currency: "USD" },
      }),
      expect.objectContaining({ sellerSku: "SERUM-50", name: "Default" }),
    ]);
  });

  it("previews links by exact seller SKU, leaving shared SKUs and linked ones alone", async () => {
    const domain = "preview.myshopify.com";
    const { tiktokShop, shop } = await store(domain);
    const product = await world.tiktok.control.addProduct({
      shopId: tiktokShop.id,
      title: "Hydrating Serum",
      skus: [
        { sellerSku: "SERUM-30", price: "24.00" },
        { sellerSku: "SERUM-50", price: "36.00" },
        { sellerSku: "SHARED", price: "10.00" },
        { sellerSku: "NOWHERE", price: "10.00" },
        { sellerSku: "MANUAL", price: "10.00" },
      ],
    });
    const [serum30, serum50, shared, nowhere, manual] = product.skus.map((sku) => sku.id);
    await world.shopify.control.addProduct(domain, {
      title: "Serum",
      variants: [
        { sku: "SERUM-30", price: "24.00" },
        { sku: "SERUM-50", price: "36.00" },
        { sku: "SERUM-5", price: "6.00" },
      ],
    });
    await world.shopify.control.addProduct(domain, { title: "Kit A", variants: [{ sku: "SHARED" }] });
    await world.shopify.control.addProduct(domain, { title: "Kit B", variants: [{ sku: "SHARED" }] });
    await linkSku(shop.id, {
      tiktokProductId: product.id,
      tiktokSkuId: manual ?? "",
      shopifyVariantId: "gid://shopify/ProductVariant/1",
    });

    const preview = await previewAutoLink(domain);

    expect(preview.matches.map((match) => [match.sku.skuId, match.variant.sku])).toEqual([
      [serum30, "SERUM-30"],
      [serum50, "SERUM-50"],
    ]);
    expect(preview.ambiguous).toEqual([
      { sku: expect.objectContaining({ skuId: shared }), variants: [expect.anything(), expect.anything()] },
    ]);
    expect(preview.unmatched.map((sku) => sku.skuId)).toEqual([nowhere]);
    expect(preview.alreadyLinked).toEqual([
      { sku: expect.objectContaining({ skuId: manual }), variantId: "gid://shopify/ProductVariant/1" },
    ]);
  });

  it("links the matches and re-queues the orders blocked on unlinked or deleted products", async () => {
    const domain = "apply.myshopify.com";
    const { tiktokShop, shop } = await store(domain);
    const product = await world.tiktok.control.addProduct({
      shopId: tiktokShop.id,
      title: "Cleanser",
      skus: [
        { sellerSku: "CLEAN-1", price: "12.00" },
        { sellerSku: "CLEAN-2", price: "18.00" },
      ],
    });
    const shopify = await world.shopify.control.addProduct(domain, {
      title: "Cleanser",
      variants: [{ sku: "CLEAN-1" }, { sku: "CLEAN-2" }],
    });
    const linkedSku = product.skus[0]?.id ?? "";
    const requeued = [
      await blockedOrder(shop.id, "PRODUCT_NOT_LINKED", linkedSku),
      await blockedOrder(shop.id, "ORDER_BEFORE_PRODUCT_LINKED", linkedSku),
      await blockedOrder(shop.id, "PRODUCT_DELETED", linkedSku),
    ];
    const untouched = await blockedOrder(shop.id, "PLAN_INACTIVE", linkedSku);
    // Blocked on another SKU, which this link doesn't fix.
    const otherSku = await blockedOrder(shop.id, "PRODUCT_NOT_LINKED", product.skus[1]?.id ?? "");

    const result = await applyAutoLink(domain, { skuIds: [product.skus[0]?.id ?? ""] });

    expect(result).toMatchObject({ linked: 1, requeued: 3 });
    const links = await prisma.productLink.findMany({ where: { shopId: shop.id } });
    expect(links).toEqual([
      expect.objectContaining({
        tiktokSkuId: product.skus[0]?.id,
        sellerSku: "CLEAN-1",
        shopifyVariantId: shopify.variants[0]?.id,
        state: "LINKED",
      }),
    ]);
    const queued = await prisma.tikTokOrder.findMany({
      where: { queuedTrigger: "LINKED", shopId: shop.id },
    });
    expect(queued.map((order) => order.id).sort()).toEqual([...requeued].sort());
    for (const id of [untouched, otherSku]) {
      expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({
        nextAttemptAt: null,
      });
    }

    expect(await applyAutoLink(domain)).toMatchObject({ linked: 1 });
    expect(await applyAutoLink(domain)).toMatchObject({ linked: 0, requeued: 0 });
  });

  it("re-queues blocked orders after a link made by hand", async () => {
    const { shop } = await store("manual.myshopify.com");
    await blockedOrder(shop.id, "PRODUCT_NOT_LINKED");
    const result = await linkTikTokSku("manual.myshopify.com", {
      tiktokProductId: "1729000000000000001",
      tiktokSkuId: "1729000000000000101",
      shopifyVariantId: "gid://shopify/ProductVariant/42",
    });
    expect(result).toEqual({ linked: 1, requeued: 1 });
  });
});

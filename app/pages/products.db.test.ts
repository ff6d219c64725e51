import { afterAll, describe, expect, it } from "vitest";
import { buildLineItem, buildTikTokOrder } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

// Both stand-ins over real HTTP; the environment points at them before any app module is imported.
const world = await startConnectorWorld();
const { loadProductsPage } = await import("./products.server");
const { applyProductsAction, autoLinkPreview, findVariantsForLinking, productsActionSchema } =
  await import("./product-actions.server");
const { linkSku } = await import("~/models/product-link.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());

/** A store connected to a TikTok stand-in shop with one product of two SKUs, and a Shopify product. */
async function store(domain: string) {
  await seedWorld(world.shopify, { domain, skus: [], connect: false });
  const { tiktokShop, shop } = await connectStore(world, domain);
  const serum = await world.tiktok.control.addProduct({
    shopId: tiktokShop.id,
    title: "Glow Serum",
    skus: [
      { sellerSku: "SERUM-30", price: "24.00", attributes: [{ name: "Size", value: "30 ml" }] },
      {
        sellerSku: "SERUM-50",
        price: "36.00",
        attributes: [{ name: "Size", value: "50 ml" }],
      },
    ],
  });
  const shopify = await world.shopify.control.addProduct(domain, {
    title: "Glow Serum",
    variants: [
      { sku: "SERUM-30", price: "24.00" },
      { sku: "SERUM-50", price: "36.00" },
    ],
  });
  const [sku30 = "", sku50 = ""] = serum.skus.map((sku) => sku.id);
  const [variant30 = "", variant50 = ""] = shopify.variants.map((variant) => variant.id);
  return { shop, tiktokShop, serum, sku30, sku50, variant30, variant50 };
}

async function blockedOrder(shopId: string, skuId: string, reasonCode: string) {
  const order = buildTikTokOrder({
    line_items: [buildLineItem({ sku_id: skuId, product_name: "Glow Serum" })],
  });
  const id = await receiveOrder(shopId, order);
  await prisma.tikTokOrder.update({ where: { id }, data: { syncStatus: "BLOCKED", reasonCode } });
  return id;
}

describe("the Products page", () => {
  it("lists TikTok's SKUs and those only seen in orders, with their links and the orders blocked on each", async () => {
    const domain = "catalog-page.myshopify.com";
    const { shop, tiktokShop, serum, sku30, sku50, variant30 } = await store(domain);
    await linkSku(shop.id, { tiktokProductId: serum.id, tiktokSkuId: sku30, shopifyVariantId: variant30 });
    await linkSku(shop.id, {
      tiktokProductId: "p-old",
      tiktokSkuId: "sku-old",
      shopifyVariantId: "gid://shopify/ProductVariant/404404",
    });
    await blockedOrder(shop.id, sku50, "PRODUCT_NOT_LINKED");
    await blockedOrder(shop.id, sku50, "PRODUCT_NOT_LINKED");
    await blockedOrder(shop.id, "sku-retired", "PRODUCT_NOT_LINKED");
    await blockedOrder(shop.id, "sku-old", "PRODUCT_DELETED");
    await prisma.productLink.updateMany({
      where: { tiktokSkuId: "sku-old" },
      data: { state: "VARIANT_DELETED" },
    });

    const page = await loadProductsPage(domain);

    expect(page).toMatchObject({ connected: true, tiktokError: null, shopifyError: null });
    const bySku = new Map(page.skus.map((sku) => [sku.skuId, sku]));
    expect(bySku.get(sku30)).toMatchObject({
      productTitle: "Glow Serum",
      skuName: "30 ml",
      sellerSku: "SERUM-30",
      tiktokShop: tiktokShop.name,
      link: { state: "linked", variantId: variant30, variantTitle: expect.stringContaining("Glow Serum") },
      blockedOrders: 0,
    });
    expect(bySku.get(sku50)).toMatchObject({ link: null, blockedOrders: 2 });
    expect(bySku.get("sku-retired")).toMatchObject({
      productTitle: "Glow Serum",
      tiktokShop: null,
      link: null,
      blockedOrders: 1,
    });
    expect(bySku.get("sku-old")).toMatchObject({ link: { state: "variant_deleted" }, blockedOrders: 1 });
    expect(page.skus[0]?.skuId).toBe(sku50);
  });

  it("links by hand and re-queues the orders blocked on unlinked products", async () => {
    const domain = "link-page.myshopify.com";
    const { shop, serum, sku50, variant50 } = await store(domain);
    const blocked = await blockedOrder(shop.id, sku50, "PRODUCT_NOT_LINKED");

    const result = await applyProductsAction(domain, {
      intent: "link",
      tiktokSkuId: sku50,
      tiktokProductId: serum.id,
      sellerSku: "SERUM-50",
      shopifyVariantId: variant50,
    });

    expect(result).toEqual({ ok: true, intent: "link", linked: 1, requeued: 1 });
    // Linking is the merchant's fix: the order goes through as if they had clicked Sync on it, and says why.
    expect(await prisma.tikTokOrder.findUniqueOrThrow({ where: { id: blocked } })).toMatchObject({
      queuedTrigger: "LINKED",
      nextAttemptAt: expect.any(Date),
    });
    expect((await loadProductsPage(domain)).skus.find((sku) => sku.skuId === sku50)).toMatchObject({
      link: { state: "linked", variantId: variant50 },
      blockedOrders: 0,
    });
  });

  it("refuses a link to a variant Shopify doesn't have, and changes nothing", async () => {
    const domain = "refuse-page.myshopify.com";
    const { shop, serum, sku50 } = await store(domain);
    const result = await applyProductsAction(domain, {
      intent: "link",
      tiktokSkuId: sku50,
      tiktokProductId: serum.id,
      shopifyVariantId: "gid://shopify/ProductVariant/987654321",
    });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(await prisma.productLink.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("unlinks a SKU", async () => {
    const domain = "unlink-page.myshopify.com";
    const { shop, serum, sku30, variant30 } = await store(domain);
    await linkSku(shop.id, { tiktokProductId: serum.id, tiktokSkuId: sku30, shopifyVariantId: variant30 });
    expect(await applyProductsAction(domain, { intent: "unlink", tiktokSkuId: sku30 })).toMatchObject({
      ok: true,
    });
    expect(await prisma.productLink.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("previews auto-linking by seller SKU, then links what it showed and re-queues", async () => {
    const domain = "auto-page.myshopify.com";
    const { shop, serum, sku30, sku50, variant50 } = await store(domain);
    await linkSku(shop.id, { tiktokProductId: serum.id, tiktokSkuId: sku50, shopifyVariantId: variant50 });
    await blockedOrder(shop.id, sku30, "PRODUCT_NOT_LINKED");

    const preview = await autoLinkPreview(domain);
    expect(preview).toEqual({
      ok: true,
      matches: [
        { skuId: sku30, tiktok: "Glow Serum · 30 ml", sellerSku: "SERUM-30", variant: expect.any(String) },
      ],
      ambiguous: [],
      unmatched: 0,
      alreadyLinked: 1,
    });

    const applied = await applyProductsAction(domain, { intent: "autoLink", skuIds: [sku30] });
    expect(applied).toEqual({ ok: true, intent: "autoLink", linked: 1, requeued: 1 });
    const links = await prisma.productLink.findMany({
      where: { shopId: shop.id },
      orderBy: { linkedAt: "asc" },
    });
    expect(links.map((link) => link.tiktokSkuId)).toEqual([sku50, sku30]);
  });

  it("finds Shopify variants by the start of their title or SKU for linking by hand", async () => {
    const domain = "search-page.myshopify.com";
    await store(domain);
    const bySku = await findVariantsForLinking(domain, "SERUM-3");
    expect(bySku).toEqual({ variants: [expect.objectContaining({ sku: "SERUM-30" })], error: null });
    const byTitle = await findVariantsForLinking(domain, "glow");
    expect(byTitle.variants.map((variant) => variant.sku).sort()).toEqual(["SERUM-30", "SERUM-50"]);
    expect(await findVariantsForLinking(domain, ' :"() ')).toEqual({ variants: [], error: null });
  });

  it("shows a store without a TikTok connection as not connected and links nothing", async () => {
    await prisma.shop.create({ data: { domain: "unconnected.myshopify.com" } });
    expect(await loadProductsPage("unconnected.myshopify.com")).toMatchObject({ connected: false, skus: [] });
    const result = await applyProductsAction("unconnected.myshopify.com", {
      intent: "unlink",
      tiktokSkuId: "1",
    });
    expect(result).toMatchObject({ ok: false, status: 404 });
  });

  it("accepts only well-formed actions", () => {
    const link = { intent: "link", tiktokSkuId: "1", tiktokProductId: "2" };
    expect(
      productsActionSchema.safeParse({ ...link, shopifyVariantId: "gid://shopify/ProductVariant/1" }).success,
    ).toBe(true);
    expect(
      productsActionSchema.safeParse({ ...link, shopifyVariantId: "gid://shopify/Order/1" }).success,
    ).toBe(false);
    expect(productsActionSchema.safeParse({ intent: "delete", tiktokSkuId: "1" }).success).toBe(false);
  });
});

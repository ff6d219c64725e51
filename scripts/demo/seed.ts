import prisma from "~/db.server";
import { linkSku } from "~/models/product-link.server";
import { ensureShop } from "~/models/shop.server";
import { authorizeWithoutBrowser, completeTikTokConnection, connectChosenShops } from "~/tiktok/oauth.server";
import type { StandinControl } from "../../tools/shopify-standin";
import type { TikTokStandinControl } from "../../tools/tiktok-standin";
import { arrive, type DemoWorld } from "./arrive";
import {
  demoOrders,
  seedCatalog,
  seedUkCatalog,
  ukDemoOrders,
  type DemoTimings,
  type SeededProduct,
} from "./catalog";
import { placeOrdersUnderConditions } from "./conditions";

export type DemoSeed = {
  shopify: StandinControl;
  tiktok: TikTokStandinControl;
  domain: string;
  accessToken: string;
  /**
   * How long the on-hold order stays on hold and the cash-on-delivery order takes to arrive: minutes, so
   * that both are seen to move on by themselves.
   */
  timings?: DemoTimings;
};

/**
 * The demo's store, installed and connected to its two TikTok shops (US, in the store's USD, and UK, in GBP,
 * picked from one TikTok authorization; the UK shop's orders wait for the merchant's GBP rate), with orders for every reason an order is
 * Blocked or Failed, and synced ones. Everything goes through the app's own code against the stand-ins,
 * in this process, before the app's server opens the database (PGlite has one owner). What the seeding
 * changes on the way (settings, plan, faults, webhooks) is as it was when it returns.
 *
 * Import this module once the app's environment points at the stand-ins: the app reads it once.
 */
export async function seedDemo({ shopify, tiktok, domain, accessToken, timings = {} }: DemoSeed) {
  // The app's token is added once the first order has shown what a refused one does.
  await shopify.createShop({ domain, name: "Demo Store", tokens: [] });
  await shopify.setSubscription(domain, { name: "Standard", status: "ACTIVE" });
  const seller = await tiktok.createShop({ name: "Demo TikTok Shop", region: "US" });
  const ukSeller = await tiktok.createShop({ name: "Demo TikTok Shop UK", region: "GB" });
  const catalog = await seedCatalog(shopify, tiktok, domain, seller.id);
  const ukCatalog = await seedUkCatalog(tiktok, ukSeller.id, catalog);
  const { connectedAt, linkedAt } = await installApp(domain, accessToken, [seller.id, ukSeller.id], tiktok, [
    ...catalog,
    ...ukCatalog,
  ]);
  const skuIdOf = (sku: string) => catalog.find((product) => product.sku === sku)?.tiktokSkuId ?? "";
  const world: DemoWorld = { shopify, tiktok, domain, accessToken, tiktokShopId: seller.id, skuIdOf };

  // Orders reach the app by polling here: the app's server isn't listening for webhooks yet.
  const { webhooksEnabled } = await tiktok.configure({});
  await tiktok.setWebhooksEnabled(false);
  await placeOrdersUnderConditions(world);
  // A linked product deleted from Shopify afterwards: its orders wait for it to be restored or relinked.
  const brush = catalog.find((product) => product.sku === "BRUSH-BAMBOO");
  if (brush) await shopify.deleteVariant(domain, brush.variantId);
  await arrive(world, demoOrders(skuIdOf, connectedAt, linkedAt, timings));
  const ukSkuIdOf = (sku: string) => ukCatalog.find((product) => product.sku === sku)?.tiktokSkuId ?? "";
  await arrive(world, ukDemoOrders(ukSeller.id, ukSkuIdOf));
  await tiktok.setWebhooksEnabled(webhooksEnabled);
  return { tiktokShopId: seller.id, ukTiktokShopId: ukSeller.id, catalog, skuIdOf, ukSkuIdOf };
}

/**
 * The app's side of an installed store: its offline session, its TikTok shops connected from one
 * authorization (the merchant picks both), and the product links.
 */
async function installApp(
  domain: string,
  accessToken: string,
  tiktokShopIds: string[],
  tiktok: TikTokStandinControl,
  catalog: readonly SeededProduct[],
) {
  const shop = await ensureShop(domain);
  await prisma.session.create({
    data: {
      id: `offline_${domain}`,
      shop: domain,
      state: "",
      isOnline: false,
      accessToken,
      scope: "read_orders,write_orders,read_products,read_inventory,read_fulfillments",
    },
  });
  // Connected two days ago, products linked now: orders from in between show what stage 1 does with them.
  const connectedAt = Date.now() - 2 * 86_400_000;
  const { authCode } = await tiktok.createAuthCodeForShops(tiktokShopIds);
  const authorized = await completeTikTokConnection({
    code: authCode,
    ...(await authorizeWithoutBrowser(domain, connectedAt)),
    now: new Date(connectedAt),
  });
  if (!authorized.ok) throw new Error(`The demo could not connect TikTok: ${authorized.message}`);
  const connected = await connectChosenShops(domain, tiktokShopIds, new Date(connectedAt));
  if (!connected.ok) throw new Error(`The demo could not connect its TikTok shops: ${connected.message}`);
  // On a whole second, as TikTok's order times are: an order placed right after is not "before".
  const linkedAt = Math.floor(Date.now() / 1000);
  for (const product of catalog.filter((p) => p.link)) {
    const link = {
      tiktokProductId: product.tiktokProductId,
      tiktokSkuId: product.tiktokSkuId,
      sellerSku: product.sku,
      shopifyVariantId: product.variantId,
    };
    await linkSku(shop.id, link, new Date(linkedAt * 1000));
  }
  return { connectedAt: Math.floor(connectedAt / 1000), linkedAt };
}

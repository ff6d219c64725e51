import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectStore, startConnectorWorld } from "../../test/connector-world";
import { seedWorld } from "../../test/sync-world";

// A store connects one TikTok shop per market: one TikTok authorization may grant a seller's US and UK shops,
// which then share its tokens, are polled each on their own, sync each with their own auto-sync setting, and
// bring orders in their own currency. Both stand-ins, over HTTP.
const world = await startConnectorWorld();
const { authorizeWithoutBrowser, completeTikTokConnection, connectChosenShops, disconnectTikTok } =
  await import("./oauth.server");
const { getTikTokConnection, listPollableTikTokShops } = await import("~/models/tiktok-connection.server");
const { findHeldGrant } = await import("~/models/tiktok-authorization.server");
const { getTikTokConnectionSummary } = await import("./connection-summary.server");
const { refreshTikTokAccessToken, tiktokClientForShop } = await import("./connection.server");
const { pollShop } = await import("./poll-shop.server");
const { startPoller } = await import("./poller.server");
const { syncOrder } = await import("~/sync/sync-order.server");
const { saveCurrencyRate, saveTikTokShopAutoSync } = await import("~/pages/settings.server");
const { linkSku } = await import("~/models/product-link.server");
const { findTikTokSku, listTikTokSkus, readTikTokCatalog } = await import("~/linking/link-products.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(async () => {
  // Polling brings the orders in: no webhook (and no batcher behind it) races the polls.
  await world.tiktok.control.setWebhooksEnabled(false);
});
afterEach(() => world.resetClock());

type StandinShop = Awaited<ReturnType<typeof world.tiktok.control.createShop>>;
const poll = { client: { retry: { maxAttempts: 1 } } };
let sellers = 0;

/** A seller with a shop per market: Glow US sells in dollars, Glow UK in pounds. */
async function seller() {
  const n = ++sellers;
  const us = await world.tiktok.control.createShop({ name: `Glow US ${n}`, region: "US" });
  const uk = await world.tiktok.control.createShop({ name: `Glow UK ${n}`, region: "GB" });
  return { us, uk };
}

/** Connect, and TikTok's redirect back with one code that grants all of `shops`. */
async function authorize(domain: string, shops: readonly StandinShop[]) {
  const { authCode } = await world.tiktok.control.createAuthCodeForShops(shops.map((shop) => shop.id));
  return completeTikTokConnection({ code: authCode, ...(await authorizeWithoutBrowser(domain)) });
}

const refOf = (shopDomain: string, shop: StandinShop) => ({ shopDomain, tiktokShopId: shop.id });
const connectionsOf = (shopDomain: string) =>
  prisma.tikTokConnection.findMany({
    where: { shop: { domain: shopDomain } },
    orderBy: { tiktokShopId: "asc" },
  });

/**
 * A store that connected both shops of a seller from one authorization, a few minutes ago (orders the tests
 * place are after it).
 */
async function storeWithBoth(domain: string) {
  const { us, uk } = await seller();
  const authorized = await authorize(domain, [us, uk]);
  if (!authorized.ok) throw new Error(authorized.message);
  const chosen = await connectChosenShops(domain, [us.id, uk.id], new Date(Date.now() - 5 * 60_000));
  if (!chosen.ok) throw new Error(chosen.message);
  return { us, uk, refUs: refOf(domain, us), refUk: refOf(domain, uk) };
}

let variants = 0;

/**
 * A store on the Shopify stand-in (in USD, on an active plan) with both shops connected, and one TikTok
 * product per shop linked to a Shopify variant of the same seller SKU.
 */
async function syncingStore(domain: string) {
  const { shop } = await seedWorld(world.shopify, { domain, skus: [], connect: false });
  const both = await storeWithBoth(domain);
  const linkedAt = new Date(Date.now() - 60_000);
  const skuOf = async (tiktokShop: StandinShop, price: string) => {
    const sellerSku = `SERUM-${tiktokShop.region}-${++variants}`;
    const product = await world.tiktok.control.addProduct({
      shopId: tiktokShop.id,
      title: `Serum (${tiktokShop.region})`,
      skus: [{ sellerSku, price }],
    });
    const skuId = product.skus[0]?.id ?? "";
    const variantId = `gid://shopify/ProductVariant/${8000 + variants}`;
    await world.shopify.control.addProduct(domain, {
      title: `Serum ${sellerSku}`,
      variants: [{ id: variantId, sku: sellerSku, price: "25.00", inventory: 100 }],
    });
    await linkSku(
      shop.id,
      { tiktokProductId: product.id, tiktokSkuId: skuId, sellerSku, shopifyVariantId: variantId },
      linkedAt,
    );
    return skuId;
  };
  return { shop, ...both, usSku: await skuOf(both.us, "25.00"), ukSku: await skuOf(both.uk, "19.99") };
}

/** The app's row of a TikTok order, after a poll stored it. */
const rowOf = (shopId: string, tiktokOrderId: string) =>
  prisma.tikTokOrder.findUniqueOrThrow({ where: { shopId_tiktokOrderId: { shopId, tiktokOrderId } } });

describe("one TikTok authorization granting several shops", () => {
  it("waits for the merchant's choice, then connects the chosen shops once, sharing one grant", async () => {
    const domain = "choose.myshopify.com";
    const { us, uk } = await seller();
    const stranger = await world.tiktok.control.createShop({ name: "Another seller", region: "US" });

    expect(await authorize(domain, [us, uk])).toEqual({
      ok: true,
      shopDomain: domain,
      redirectTo: "https://admin.shopify.com/store/choose/apps/test-api-key/app/settings?tiktok=choose",
    });
    expect(await connectionsOf(domain)).toEqual([]);
    const summary = await getTikTokConnectionSummary(domain);
    expect(summary.connections).toEqual([]);
    expect(summary.choice?.shops).toEqual([
      { tiktokShopId: us.id, shopName: us.name, region: "US", connected: false },
      { tiktokShopId: uk.id, shopName: uk.name, region: "GB", connected: false },
    ]);

    // A pick outside the grant, an empty pick, or another store's pick takes nothing.
    expect(await connectChosenShops(domain, [us.id, stranger.id])).toMatchObject({ ok: false, status: 400 });
    expect(await connectChosenShops(domain, [])).toMatchObject({ ok: false, status: 400 });
    expect(await connectChosenShops("elsewhere.myshopify.com", [us.id, uk.id])).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await connectionsOf(domain)).toEqual([]);
    expect(await prisma.tikTokConnection.count({ where: { tiktokShopId: { in: [us.id, uk.id] } } })).toBe(0);
    expect((await findHeldGrant(domain))?.shops.map((shop) => shop.tiktokShopId)).toEqual([us.id, uk.id]);

    const before = new Date();
    expect(await connectChosenShops(domain, [us.id, uk.id])).toEqual({
      ok: true,
      message: `Connected ${us.name} and ${uk.name}.`,
    });
    const rows = await connectionsOf(domain);
    expect(rows.map((row) => row.tiktokShopId).sort()).toEqual([us.id, uk.id].sort());
    const [first, second] = rows;
    expect(first?.grantId).toBeTruthy();
    expect(first?.grantId).toBe(second?.grantId);
    const usConnection = await getTikTokConnection(refOf(domain, us));
    const ukConnection = await getTikTokConnection(refOf(domain, uk));
    expect(usConnection).toMatchObject({ tiktokShopName: us.name, cipher: us.cipher, region: "US" });
    expect(ukConnection).toMatchObject({ tiktokShopName: uk.name, cipher: uk.cipher, region: "GB" });
    expect(usConnection?.accessToken).toMatch(/^TTP_/);
    expect(ukConnection?.accessToken).toBe(usConnection?.accessToken);
    expect(ukConnection?.refreshToken).toBe(usConnection?.refreshToken);
    expect(usConnection?.connectedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    // Each shop is read through its own cipher with the shared token.
    const { order } = await world.tiktok.control.createOrder({ shopId: uk.id });
    const ukOrders = (await (await tiktokClientForShop(refOf(domain, uk))).searchOrders()).orders;
    expect(ukOrders.map((found) => found.id)).toEqual([order.id]);
    expect((await (await tiktokClientForShop(refOf(domain, us))).searchOrders()).orders).toEqual([]);

    // The choice was made: a second one (another tab, a replayed post) connects nothing more.
    expect(await connectChosenShops(domain, [us.id])).toMatchObject({ ok: false, status: 400 });
    expect(await findHeldGrant(domain)).toBeNull();
    expect((await getTikTokConnectionSummary(domain)).choice).toBeNull();
    expect((await connectionsOf(domain)).map((row) => row.grantId)).toEqual(rows.map((row) => row.grantId));
  });

  it("connects only the shops the merchant picked", async () => {
    const domain = "pick-one.myshopify.com";
    const { us, uk } = await seller();
    expect(await authorize(domain, [us, uk])).toMatchObject({ ok: true });

    expect(await connectChosenShops(domain, [uk.id])).toEqual({ ok: true, message: `Connected ${uk.name}.` });

    expect((await connectionsOf(domain)).map((row) => row.tiktokShopId)).toEqual([uk.id]);
    expect(await getTikTokConnection(refOf(domain, us))).toBeNull();
    expect(await connectChosenShops(domain, [us.id])).toMatchObject({ ok: false, status: 400 });
    expect(await getTikTokConnection(refOf(domain, us))).toBeNull();
  });

  it("connects the one shop of a single-shop authorization at once, as before", async () => {
    const domain = "single.myshopify.com";
    const { uk } = await seller();
    expect(await authorize(domain, [uk])).toEqual({
      ok: true,
      shopDomain: domain,
      redirectTo: "https://admin.shopify.com/store/single/apps/test-api-key/app/settings?tiktok=connected",
    });
    expect((await connectionsOf(domain)).map((row) => row.tiktokShopId)).toEqual([uk.id]);
    expect(await findHeldGrant(domain)).toBeNull();
  });
});

describe("polling a store's TikTok shops", () => {
  it("stores each shop's orders under that shop, in its currency, and never under the other", async () => {
    const domain = "poll-both.myshopify.com";
    const { us, uk, refUs, refUk } = await storeWithBoth(domain);
    const { order: ofUs } = await world.tiktok.control.createOrder({ shopId: us.id });
    // The UK shop's orders come ten minutes later: each shop's cursor follows its own orders.
    world.advance(10 * 60);
    const ofUk = [
      (await world.tiktok.control.createOrder({ shopId: uk.id })).order,
      (await world.tiktok.control.createOrder({ shopId: uk.id })).order,
    ];
    world.advance(60);
    const onTheClock = {
      client: { ...poll.client, now: world.clock },
      now: () => new Date(world.clock() * 1000),
    };

    expect(await pollShop(refUs, onTheClock)).toMatchObject({
      ...refUs,
      ok: true,
      orders: 1,
      created: 1,
      queued: 1,
    });
    expect(await pollShop(refUk, onTheClock)).toMatchObject({
      ...refUk,
      ok: true,
      orders: 2,
      created: 2,
      queued: 2,
    });

    const rows = await prisma.tikTokOrder.findMany({
      where: { shop: { domain } },
      select: { tiktokOrderId: true, tiktokShopId: true, currency: true },
    });
    const expected = [
      { tiktokOrderId: ofUs.id, tiktokShopId: us.id, currency: "USD" },
      ...ofUk.map((order) => ({ tiktokOrderId: order.id, tiktokShopId: uk.id, currency: "GBP" })),
    ];
    const byId = (a: { tiktokOrderId: string }, b: { tiktokOrderId: string }) =>
      a.tiktokOrderId.localeCompare(b.tiktokOrderId);
    expect(rows.sort(byId)).toEqual(expected.sort(byId));

    const cursorOf = async (shop: StandinShop) =>
      (await prisma.tikTokConnection.findUniqueOrThrow({ where: { tiktokShopId: shop.id } })).pollCursor;
    expect(await cursorOf(us)).toEqual(new Date(ofUs.update_time * 1000));
    expect(await cursorOf(uk)).toEqual(new Date(Math.max(...ofUk.map((order) => order.update_time)) * 1000));
  });

  it("polls every TikTok shop of the store when asked to poll the store", async () => {
    const domain = "poll-now.myshopify.com";
    const { us, uk } = await storeWithBoth(domain);
    const { order: ofUk } = await world.tiktok.control.createOrder({ shopId: uk.id });
    const poller = startPoller({ ...poll, intervalMs: 3_600_000, firstPollDelayMs: 3_600_000 });
    try {
      const results = await poller.pollNow(domain);
      expect(results.map((result) => [result.tiktokShopId, result.ok, result.created]).sort()).toEqual(
        [
          [us.id, true, 0],
          [uk.id, true, 1],
        ].sort(),
      );
    } finally {
      await poller.stop();
    }
    expect(await prisma.tikTokOrder.findFirst({ where: { tiktokOrderId: ofUk.id } })).toMatchObject({
      tiktokShopId: uk.id,
      currency: "GBP",
    });
  });
});

describe("the tokens of one authorization", () => {
  it("are refreshed for every shop of the authorization at once, and for no other connection", async () => {
    const domain = "refresh.myshopify.com";
    const { refUs, refUk } = await storeWithBoth(domain);
    const { tiktokShop: other } = await connectStore(world, "other-grant.myshopify.com");
    const otherRef = refOf("other-grant.myshopify.com", other);
    const before = await getTikTokConnection(refUk);
    const otherBefore = await getTikTokConnection(otherRef);

    const renewed = await refreshTikTokAccessToken(refUs, poll.client);

    expect(renewed).not.toBe(before?.accessToken);
    const [afterUs, afterUk] = [await getTikTokConnection(refUs), await getTikTokConnection(refUk)];
    expect(afterUs?.accessToken).toBe(renewed);
    expect(afterUk?.accessToken).toBe(renewed);
    expect(afterUk?.refreshToken).toBe(afterUs?.refreshToken);
    expect(afterUk?.accessTokenExpiresAt).toEqual(afterUs?.accessTokenExpiresAt);
    expect(afterUk?.connectedAt).toEqual(before?.connectedAt);
    const otherAfter = await getTikTokConnection(otherRef);
    expect(otherAfter?.accessToken).toBe(otherBefore?.accessToken);
    expect(otherAfter?.refreshToken).toBe(otherBefore?.refreshToken);
    // The UK shop reads TikTok with the token renewed through the US shop.
    expect(await pollShop(refUk, poll)).toMatchObject({ ok: true });
  });
});

describe("disconnecting one TikTok shop", () => {
  it("leaves the store's other TikTok shop connected and polled", async () => {
    const domain = "disconnect-one.myshopify.com";
    const { uk, refUs, refUk } = await storeWithBoth(domain);

    // Another store can't disconnect it.
    expect(await disconnectTikTok("elsewhere.myshopify.com", uk.id)).toBe(false);
    expect(await disconnectTikTok(domain, refUs.tiktokShopId)).toBe(true);

    expect(await getTikTokConnection(refUs)).toBeNull();
    expect(await getTikTokConnection(refUk)).toMatchObject({ tiktokShopId: uk.id, deauthorizedAt: null });
    const pollable = await listPollableTikTokShops();
    expect(pollable).toContainEqual(refUk);
    expect(pollable).not.toContainEqual(refUs);
    expect((await getTikTokConnectionSummary(domain)).connections.map((view) => view.tiktokShopId)).toEqual([
      uk.id,
    ]);

    const { order } = await world.tiktok.control.createOrder({ shopId: uk.id });
    expect(await pollShop(refUk, poll)).toMatchObject({ ok: true, created: 1 });
    expect(await pollShop(refUs, poll)).toMatchObject({ ok: false, orders: 0 });
    expect(await prisma.tikTokOrder.findFirst({ where: { tiktokOrderId: order.id } })).toMatchObject({
      tiktokShopId: uk.id,
    });
  });
});

describe("the products of a store's TikTok shops", () => {
  it("lists every shop's, each named; a shop TikTok refuses doesn't hide the other's", async () => {
    const domain = "catalog-both.myshopify.com";
    const { us, uk } = await storeWithBoth(domain);
    const usProduct = await world.tiktok.control.addProduct({
      shopId: us.id,
      title: "Serum US",
      skus: [{ sellerSku: "SERUM-US", price: "20.00" }],
    });
    const ukProduct = await world.tiktok.control.addProduct({
      shopId: uk.id,
      title: "Serum UK",
      skus: [{ sellerSku: "SERUM-UK", price: "16.00" }],
    });
    const listed = (await listTikTokSkus(domain)).map((sku) => [
      sku.tiktokShop,
      sku.sellerSku,
      sku.price?.currency,
    ]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [us.name, "SERUM-US", "USD"],
        [uk.name, "SERUM-UK", "GBP"],
      ]),
    );
    const ukSku = ukProduct.skus[0]?.id ?? "";
    expect(await findTikTokSku(domain, ukProduct.id, ukSku)).toMatchObject({ tiktokShop: uk.name });

    // The seller revokes the app for the US shop only (its webhook is off: the app hasn't heard).
    await world.tiktok.control.deauthorizeShop(us.id);
    const catalog = await readTikTokCatalog(domain);
    expect(catalog.skus.map((sku) => sku.sellerSku)).toEqual(["SERUM-UK"]);
    expect(catalog.problems).toHaveLength(1);
    expect(catalog.problems[0]).toMatch(new RegExp(`^${us.name}: `));
    expect(await findTikTokSku(domain, ukProduct.id, ukSku)).toMatchObject({ skuId: ukSku });
    // A product of the shop TikTok refuses can't be found: the refusal says why.
    await expect(findTikTokSku(domain, usProduct.id, usProduct.skus[0]?.id ?? "")).rejects.toThrow();
  });
});

describe("a TikTok shop's own auto-sync", () => {
  it("blocks the orders of a shop set to off while the other shop's sync, and syncs them once it follows the store again", async () => {
    const domain = "auto-sync-shops.myshopify.com";
    const { shop, us, uk, refUs, refUk, usSku, ukSku } = await syncingStore(domain);
    expect(await saveCurrencyRate(domain, { currency: "GBP", rate: "1.27" })).toMatchObject({ ok: true });
    // The store syncs by itself; its US shop doesn't.
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).autoSync).toBe(true);
    expect(await saveTikTokShopAutoSync(domain, { tiktokShopId: us.id, autoSync: "off" })).toMatchObject({
      ok: true,
    });

    const { order: ofUs } = await world.tiktok.control.createOrder({
      shopId: us.id,
      lines: [{ skuId: usSku }],
    });
    const { order: ofUk } = await world.tiktok.control.createOrder({
      shopId: uk.id,
      lines: [{ skuId: ukSku }],
    });
    await pollShop(refUs, poll);
    await pollShop(refUk, poll);
    const usRow = await rowOf(shop.id, ofUs.id);
    const ukRow = await rowOf(shop.id, ofUk.id);

    expect(await syncOrder(usRow.id, { trigger: "poll" })).toMatchObject({
      status: "blocked",
      reason: "AUTO_SYNC_DISABLED",
    });
    expect(await syncOrder(ukRow.id, { trigger: "poll" })).toMatchObject({ status: "synced" });
    expect(await rowOf(shop.id, ofUs.id)).toMatchObject({
      syncStatus: "BLOCKED",
      reasonCode: "AUTO_SYNC_DISABLED",
      nextAttemptAt: null,
    });
    expect((await world.shopify.control.listOrders(domain)).map((order) => order.sourceIdentifier)).toEqual([
      ofUk.id,
    ]);

    const following = await saveTikTokShopAutoSync(domain, { tiktokShopId: us.id, autoSync: "store" });
    expect(following).toEqual({
      ok: true,
      message: "Auto-sync on for this TikTok shop. 1 waiting order is syncing now",
    });
    expect(await rowOf(shop.id, ofUs.id)).toMatchObject({
      queuedTrigger: "REQUEUE",
      nextAttemptAt: expect.any(Date),
    });
    expect(await syncOrder(usRow.id, { trigger: "requeue" })).toMatchObject({ status: "synced" });
    expect(
      (await world.shopify.control.listOrders(domain)).map((order) => order.sourceIdentifier).sort(),
    ).toEqual([ofUs.id, ofUk.id].sort());
  });
});

describe("orders in another currency than the store's", () => {
  it("fail until the merchant sets a rate, then are created in the buyer's currency", async () => {
    const domain = "pounds.myshopify.com";
    const { shop, uk, refUk, ukSku } = await syncingStore(domain);
    const { order } = await world.tiktok.control.createOrder({ shopId: uk.id, lines: [{ skuId: ukSku }] });
    expect(order.payment).toMatchObject({ currency: "GBP" });
    await pollShop(refUk, poll);
    const row = await rowOf(shop.id, order.id);
    expect(row).toMatchObject({ tiktokShopId: uk.id, currency: "GBP" });

    expect(await syncOrder(row.id, { trigger: "poll" })).toMatchObject({
      status: "failed",
      code: "EXCHANGE_RATE_MISSING",
      message: expect.stringMatching(/GBP to USD/),
    });
    expect(await rowOf(shop.id, order.id)).toMatchObject({
      syncStatus: "FAILED",
      reasonCode: "EXCHANGE_RATE_MISSING",
    });
    expect(await world.shopify.control.listOrders(domain)).toEqual([]);

    expect(await saveCurrencyRate(domain, { currency: "GBP", rate: "1.27" })).toEqual({
      ok: true,
      message: "Rate for GBP saved. 1 order is syncing now.",
    });
    expect(await rowOf(shop.id, order.id)).toMatchObject({
      queuedTrigger: "REQUEUE",
      nextAttemptAt: expect.any(Date),
    });
    expect(await syncOrder(row.id, { trigger: "requeue" })).toMatchObject({ status: "synced" });

    const [created, ...more] = await world.shopify.control.listOrders(domain);
    expect(more).toEqual([]);
    const tiktokTotal = (order.payment as { total_amount: string }).total_amount;
    expect(created).toMatchObject({
      sourceIdentifier: order.id,
      currencyCode: "USD",
      presentmentCurrencyCode: "GBP",
      presentmentTotal: tiktokTotal,
    });
    // In dollars at the merchant's rate, each amount converted to the cent.
    expect(Math.abs(Number(created?.totals.total) - Number(tiktokTotal) * 1.27)).toBeLessThan(0.05);
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { until } from "../../test/until";
import { connectStore, startConnectorWorld } from "../../test/connector-world";

const world = await startConnectorWorld();
const { startPoller } = await import("./poller.server");
const { pollShop, POLL_OVERLAP_MS, CURSOR_SETTLE_MS } = await import("./poll-shop.server");
const { default: prisma } = await import("~/db.server");

afterAll(() => world.close());
beforeEach(async () => {
  // Polling must find orders on its own: the stand-in sends no webhooks in this file.
  await world.tiktok.control.setWebhooksEnabled(false);
});
afterEach(() => world.resetClock());

// The stand-in's clock moves in these tests; the app's client and the poller read the same clock.
const options = {
  client: { now: world.clock, retry: { maxAttempts: 1 } },
  now: () => new Date(world.clock() * 1000),
};
const connection = (tiktokShopId: string) =>
  prisma.tikTokConnection.findUniqueOrThrow({ where: { tiktokShopId } });
const refOf = (shopDomain: string, tiktokShop: { id: string }) => ({
  shopDomain,
  tiktokShopId: tiktokShop.id,
});

describe("polling a store's TikTok orders", () => {
  it("finds an order whose webhook was never sent, and queues it", async () => {
    const { tiktokShop, shop } = await connectStore(world, "silent.myshopify.com");
    const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const result = await pollShop(refOf("silent.myshopify.com", tiktokShop), options);
    expect(result).toMatchObject({ ok: true, pages: 1, orders: 1, created: 1, queued: 1 });
    const row = await prisma.tikTokOrder.findFirstOrThrow({
      where: { shopId: shop.id, tiktokOrderId: order.id },
    });
    expect(row).toMatchObject({
      tiktokShopId: tiktokShop.id,
      queuedTrigger: "POLL",
      nextAttemptAt: expect.any(Date),
    });
    expect((await connection(tiktokShop.id)).lastPolledAt).toBeInstanceOf(Date);
  });

  it("reads every page", async () => {
    const { tiktokShop, shop } = await connectStore(world, "pages.myshopify.com");
    for (let i = 0; i < 7; i++) await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const result = await pollShop(refOf("pages.myshopify.com", tiktokShop), { ...options, pageSize: 3 });
    expect(result).toMatchObject({ ok: true, pages: 3, orders: 7, created: 7 });
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id } })).toBe(7);
  });

  it("moves its cursor to the newest update it saw, and then reads only an overlap before it", async () => {
    const { tiktokShop } = await connectStore(world, "cursor.myshopify.com");
    const ref = refOf("cursor.myshopify.com", tiktokShop);
    const { order: first } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    world.advance(6 * 60);
    const { order: second } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    world.advance(60);
    await pollShop(ref, options);
    expect((await connection(tiktokShop.id)).pollCursor).toEqual(new Date(second.update_time * 1000));

    // Ten minutes on, only the order changed since the cursor (less the overlap) is read again.
    world.advance(10 * 60);
    const changed = await world.tiktok.control.setOrderStatus(second.id, "IN_TRANSIT");
    world.advance(60);
    const again = await pollShop(ref, options);
    expect(again).toMatchObject({ ok: true, orders: 1, updated: 1, created: 0 });
    expect((await connection(tiktokShop.id)).pollCursor).toEqual(new Date(changed.order.update_time * 1000));
    expect((second.update_time - first.update_time) * 1000).toBeGreaterThan(POLL_OVERLAP_MS);
  });

  it("never moves the cursor past a few seconds ago", async () => {
    const { tiktokShop } = await connectStore(world, "recent.myshopify.com");
    await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    await pollShop(refOf("recent.myshopify.com", tiktokShop), options);
    const cursor = (await connection(tiktokShop.id)).pollCursor;
    expect(cursor?.getTime()).toBeLessThanOrEqual(world.clock() * 1000 - CURSOR_SETTLE_MS);
  });

  it("re-reads an order it already has without queuing it again", async () => {
    const { tiktokShop } = await connectStore(world, "reread.myshopify.com");
    await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const ref = refOf("reread.myshopify.com", tiktokShop);
    await pollShop(ref, options);
    expect(await pollShop(ref, options)).toMatchObject({
      ok: true,
      orders: 1,
      created: 0,
      queued: 0,
    });
  });

  it("does not poll a store whose seller revoked the app", async () => {
    const { tiktokShop } = await connectStore(world, "gone.myshopify.com");
    await prisma.tikTokConnection.update({
      where: { tiktokShopId: tiktokShop.id },
      data: { deauthorizedAt: new Date() },
    });
    expect(await pollShop(refOf("gone.myshopify.com", tiktokShop), options)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/revoked/),
    });
  });
});

describe("the poller", () => {
  it("backs off a store while TikTok is down, then catches up on what it missed", async () => {
    const domain = "outage.myshopify.com";
    const { tiktokShop, shop } = await connectStore(world, domain);
    const ref = refOf(domain, tiktokShop);
    const { order } = await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await world.tiktok.control.injectFaults({ unavailable: 100_000 });
    const intervalMs = 50;
    const poller = startPoller({ ...options, intervalMs, firstPollDelayMs: 0 });
    try {
      const started = Date.now();
      const [failed] = await poller.pollNow(domain);
      expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/Internal error/) });
      await until(() => (poller.backoff(ref)?.failures ?? 0) >= 4);
      const elapsed = Date.now() - started;
      const failures = poller.backoff(ref)?.failures ?? 0;
      expect(failures).toBeGreaterThanOrEqual(4);
      // The n-th failure waits interval · 2ⁿ: n failures can't happen sooner than interval · (2ⁿ − 2).
      expect(elapsed).toBeGreaterThanOrEqual(intervalMs * (2 ** failures - 2));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(domain));

      await world.tiktok.control.injectFaults({ unavailable: 0 });
      const [caughtUp] = await poller.pollNow(domain);
      expect(caughtUp).toMatchObject({ ok: true, created: 1 });
      expect(poller.backoff(ref)).toBeUndefined();
    } finally {
      await poller.stop();
      await world.tiktok.control.injectFaults({ unavailable: 0 });
    }
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id, tiktokOrderId: order.id } })).toBe(1);
  }, 30_000);

  it("polls every connected store on its interval", async () => {
    const { tiktokShop, shop } = await connectStore(world, "scheduled.myshopify.com");
    await world.tiktok.control.createOrder({ shopId: tiktokShop.id });
    const poller = startPoller({ ...options, intervalMs: 50, firstPollDelayMs: 0 });
    try {
      await until(async () => (await prisma.tikTokOrder.count({ where: { shopId: shop.id } })) > 0);
    } finally {
      await poller.stop();
    }
    expect(await prisma.tikTokOrder.count({ where: { shopId: shop.id, queuedTrigger: "POLL" } })).toBe(1);
  }, 30_000);
});

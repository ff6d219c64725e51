import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { ensureShop, getShopSettings, saveShopSettings } from "./shop.server";
import { loadOrdersPage, parseOrdersQuery } from "~/pages/orders.server";
import { getTikTokConnection, connectTikTokShop } from "./tiktok-connection.server";
import { upsertTikTokOrder } from "../../test/factories/stored-order";
import { getTikTokOrder, upsertTikTokOrders } from "./tiktok-order.server";

const tokens = {
  accessToken: "ROW_access-token-in-clear",
  accessTokenExpiresAt: new Date("2027-01-01T00:00:00Z"),
  refreshToken: "ROW_refresh-token-in-clear",
  refreshTokenExpiresAt: new Date("2027-06-01T00:00:00Z"),
};

describe("the data model", () => {
  it("gives a new store the default order-sync settings", async () => {
    await ensureShop("defaults.myshopify.com");
    expect(await getShopSettings("defaults.myshopify.com")).toEqual({
      autoSync: true,
      sampleOrderRule: "SYNC",
      sampleOrderTag: "TikTok sample",
      combineWindowMinutes: 60,
      onHoldRule: "WAIT",
      orderTags: ["TikTok Shop"],
      orderNameFormat: "TT-{id}",
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
      notifyCustomer: false,
      restockReturns: true,
      offerTikTokCancel: false,
    });
  });

  it("saves nothing when one setting is invalid, and names it", async () => {
    const domain = "invalid-settings.myshopify.com";
    const before = await getShopSettings(domain);
    const result = await saveShopSettings(domain, { ...before, autoSync: false, combineWindowMinutes: 5 });
    expect(result).toEqual({
      ok: false,
      errors: { combineWindowMinutes: expect.stringMatching(/30 minutes/) },
    });
    expect(await getShopSettings(domain)).toEqual(before);
  });

  it("stores TikTok tokens encrypted and reads them back", async () => {
    await connectTikTokShop("tokens.myshopify.com", {
      tiktokShopId: "7000000000000001",
      tiktokShopName: "Demo TikTok Shop",
      cipher: "ROW_cipher",
      region: "MY",
      ...tokens,
    });
    const rows = await prisma.$queryRaw<unknown[]>`SELECT * FROM "TikTokConnection"`;
    expect(JSON.stringify(rows)).not.toContain("token-in-clear");
    const connection = await getTikTokConnection({
      shopDomain: "tokens.myshopify.com",
      tiktokShopId: "7000000000000001",
    });
    expect(connection).toMatchObject({ tiktokShopId: "7000000000000001", region: "MY", ...tokens });
  });

  it("refuses a second row for the same TikTok order in one store", async () => {
    const shop = await ensureShop("unique.myshopify.com");
    const order = buildTikTokOrder();
    const data = {
      shopId: shop.id,
      tiktokOrderId: order.id,
      tiktokStatus: order.status,
      createTime: new Date(),
      updateTime: new Date(),
      raw: {},
    };
    await prisma.tikTokOrder.create({ data });
    const duplicate = prisma.tikTokOrder.create({ data });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
  });

  it("stores a batch in which one order's text holds characters the database refuses", async () => {
    const shop = await ensureShop("odd-text.myshopify.com");
    const odd = buildTikTokOrder({ buyer_message: "Gift\u0000 wrap \ud83d please" });
    const plain = buildTikTokOrder();

    const results = await upsertTikTokOrders(shop.id, [odd, plain]);

    expect(results.map((result) => result.outcome)).toEqual(["created", "created"]);
    const stored = await getTikTokOrder("odd-text.myshopify.com", odd.id);
    expect((stored?.raw as { buyer_message?: string }).buyer_message).toBe("Gift wrap \ufffd please");
  });

  it("keeps the newest state of an order delivered out of order", async () => {
    const shop = await ensureShop("ordering.myshopify.com");
    const newer = buildTikTokOrder({ status: "AWAITING_SHIPMENT", update_time: 1_800_000_200 });
    const older = { ...newer, status: "ON_HOLD" as const, update_time: 1_800_000_100 };
    expect((await upsertTikTokOrder(shop.id, newer)).outcome).toBe("created");
    expect((await upsertTikTokOrder(shop.id, older)).outcome).toBe("stale");
    expect((await upsertTikTokOrder(shop.id, newer)).outcome).toBe("stale");
    expect((await getTikTokOrder("ordering.myshopify.com", newer.id))?.tiktokStatus).toBe(
      "AWAITING_SHIPMENT",
    );
    const latest = { ...newer, status: "IN_TRANSIT" as const, update_time: 1_800_000_300 };
    expect((await upsertTikTokOrder(shop.id, latest)).outcome).toBe("updated");
  });

  it("never shows one store's orders to another", async () => {
    const mine = await ensureShop("mine.myshopify.com");
    await ensureShop("theirs.myshopify.com");
    const order = buildTikTokOrder();
    await upsertTikTokOrder(mine.id, order);
    expect(await getTikTokOrder("theirs.myshopify.com", order.id)).toBeNull();
    const list = async (domain: string) =>
      (await loadOrdersPage(domain, parseOrdersQuery(new URLSearchParams()))).orders.map(
        (row) => row.tiktokOrderId,
      );
    expect(await list("theirs.myshopify.com")).toEqual([]);
    expect(await list("mine.myshopify.com")).toEqual([order.id]);
  });
});

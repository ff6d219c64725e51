import { afterAll, describe, expect, it } from "vitest";
import { adminGraphQL, startShopifyStandin } from "../tools/shopify-standin";
import { startTikTokStandin } from "../tools/tiktok-standin";

// The demo's seeding as `npm run demo` runs it, against both stand-ins, on this file's database.
const APP_KEY = "demo-seed-app-key";
const APP_SECRET = "demo-seed-app-secret";
const DOMAIN = "demo-store.myshopify.com";
const TOKEN = "shpat_demo_store";

const shopify = await startShopifyStandin();
const tiktok = await startTikTokStandin({ appKey: APP_KEY, appSecret: APP_SECRET });
Object.assign(process.env, {
  TIKTOK_APP_KEY: APP_KEY,
  TIKTOK_APP_SECRET: APP_SECRET,
  TIKTOK_SERVICE_ID: "demo-service",
  TIKTOK_API_URL: tiktok.url,
  TIKTOK_AUTH_URL: tiktok.url,
  SHOPIFY_ADMIN_API_URL: shopify.url,
});
const { seedDemo } = await import("../scripts/demo/seed");
const { default: prisma } = await import("~/db.server");
const { getShopSettings } = await import("~/models/shop.server");
const { REASON_CODES, isBlockReason } = await import("~/sync/reasons");

afterAll(() => Promise.all([shopify.close(), tiktok.close()]));

// Seeded once, by the first test that needs it, so an unexpected console.error fails that test.
let seeding: Promise<unknown> | undefined;
const seeded = () =>
  (seeding ??= seedDemo({
    shopify: shopify.control,
    tiktok: tiktok.control,
    domain: DOMAIN,
    accessToken: TOKEN,
  }));

describe("the demo's seeding", () => {
  it("leaves an order for every reason code, each Blocked or Failed as it says, and synced ones", async () => {
    await seeded();
    const orders = await prisma.tikTokOrder.findMany({ select: { syncStatus: true, reasonCode: true } });
    const shown = new Map(orders.flatMap((o) => (o.reasonCode ? [[o.reasonCode, o.syncStatus]] : [])));
    expect([...shown.keys()].sort()).toEqual([...REASON_CODES].sort());
    for (const code of REASON_CODES) {
      expect({ code, status: shown.get(code) }).toEqual({
        code,
        status: isBlockReason(code) ? "BLOCKED" : "FAILED",
      });
    }
    expect(orders.filter((order) => order.syncStatus === "SYNCED").length).toBeGreaterThan(3);
  }, 120_000);

  it("puts back the settings, plan, faults, token and webhooks it changed, with nothing left due", async () => {
    await seeded();
    expect(await getShopSettings(DOMAIN)).toMatchObject({ autoSync: true, sampleOrderRule: "SYNC" });
    const standinShop = await shopify.control.getShop(DOMAIN);
    expect(standinShop.faults).toBeNull();
    expect(standinShop.subscriptions.map((subscription) => subscription.status)).toEqual(["ACTIVE"]);
    const admin = await adminGraphQL(shopify.control.adminUrl(DOMAIN), {
      token: TOKEN,
      query: "{ shop { name } }",
    });
    expect(admin.status).toBe(200);
    expect((await tiktok.control.configure({})).webhooksEnabled).toBe(true);
    // The running app's worker would otherwise sync the blocked orders away as soon as it starts.
    const due = { nextAttemptAt: { lte: new Date() } };
    expect(await prisma.tikTokOrder.count({ where: due })).toBe(0);
  }, 120_000);
});

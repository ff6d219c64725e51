import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { decrypt, encrypt, isSealed, parseKey } from "~/lib/encryption.server";
import { startShopifyStandin } from "../../tools/shopify-standin";
import { buildTikTokOrder, DEFAULT_SKU_ID } from "../../test/factories/tiktok-order";
import { receiveOrder, seedWorld } from "../../test/sync-world";

// Shopify's tokens as the database holds them: never in clear. The key they were sealed under before a
// rotation is this one; the current key is vitest.config.ts's.
const PREVIOUS = "0e".repeat(32);
process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS = PREVIOUS;
const standin = await startShopifyStandin();
process.env.SHOPIFY_ADMIN_API_URL = standin.url;
const { default: prisma, database } = await import("~/db.server");
const { env } = await import("~/env.server");
const { sessionStorage } = await import("~/shopify.server");
const { sealPlaintextSessions } = await import("./session-storage.server");
const { reencryptAllTokens } = await import("./tiktok-connection.server");
const { syncOrder } = await import("~/sync/sync-order.server");
afterAll(() => standin.close());

const current = parseKey(env.TOKEN_ENCRYPTION_KEY);
const previous = parseKey(PREVIOUS);
let seq = 0;

/** The session's row exactly as stored, read without Prisma or the storage. */
async function rawRow(id: string) {
  const [row] = await database.query<{ accessToken: string; refreshToken: string | null }>(
    `SELECT "accessToken", "refreshToken" FROM "Session" WHERE "id" = $1`,
    [id],
  );
  if (!row) throw new Error(`No session ${id}`);
  return row;
}

function offlineSession(shop: string) {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    scope: "read_orders",
    accessToken: `shpat_${randomBytes(8).toString("hex")}`,
    refreshToken: `shprt_${randomBytes(8).toString("hex")}`,
  });
}

/** A row stored as the app stored sessions before tokens were encrypted. */
async function plaintextRow(shop: string, accessToken: string) {
  await prisma.session.create({
    data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, refreshToken: "shprt_old" },
  });
}

describe("Shopify sessions at rest", () => {
  beforeEach(async () => {
    await standin.control.reset();
  });

  it("stores the access and refresh tokens only as ciphertext, and loads them in clear", async () => {
    const session = offlineSession(`sealed-${++seq}.myshopify.com`);
    await sessionStorage.storeSession(session);

    const row = await rawRow(session.id);
    expect(JSON.stringify(row)).not.toMatch(/shpat_|shprt_/);
    expect(decrypt(row.accessToken, current)).toBe(session.accessToken);
    expect(decrypt(row.refreshToken ?? "", current)).toBe(session.refreshToken);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect((await sessionStorage.loadSession(session.id))?.toObject()).toEqual(session.toObject());
    const [found] = await sessionStorage.findSessionsByShop(session.shop);
    expect(found?.accessToken).toBe(session.accessToken);
  });

  it("encrypts a session stored in clear before, once, and it still works", async () => {
    const shop = `legacy-${++seq}.myshopify.com`;
    await plaintextRow(shop, "shpat_legacy");

    expect(await sealPlaintextSessions()).toBe(1);
    expect(await sealPlaintextSessions()).toBe(0);

    const row = await rawRow(`offline_${shop}`);
    expect([isSealed(row.accessToken), isSealed(row.refreshToken ?? "")]).toEqual([true, true]);
    expect(JSON.stringify(row)).not.toMatch(/shpat_|shprt_/);
    const loaded = await sessionStorage.loadSession(`offline_${shop}`);
    expect([loaded?.accessToken, loaded?.refreshToken]).toEqual(["shpat_legacy", "shprt_old"]);
  });

  it("re-encrypts sessions under the current key on a key rotation", async () => {
    const session = offlineSession(`rotated-${++seq}.myshopify.com`);
    await prisma.session.create({
      data: {
        id: session.id,
        shop: session.shop,
        state: "",
        accessToken: encrypt(session.accessToken ?? "", previous),
        refreshToken: encrypt(session.refreshToken ?? "", previous),
      },
    });
    expect((await sessionStorage.loadSession(session.id))?.accessToken).toBe(session.accessToken);

    expect(await reencryptAllTokens()).toBeGreaterThanOrEqual(1);

    const row = await rawRow(session.id);
    expect(decrypt(row.accessToken, current)).toBe(session.accessToken);
    expect(decrypt(row.refreshToken ?? "", current)).toBe(session.refreshToken);
    expect(() => decrypt(row.accessToken, previous)).toThrow();
  });

  it("treats a session no key opens as missing, and says so once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const shop = `lost-key-${++seq}.myshopify.com`;
    await plaintextRow(shop, encrypt("shpat_lost", randomBytes(32)));

    expect(await sessionStorage.loadSession(`offline_${shop}`)).toBeUndefined();
    expect(await sessionStorage.findSessionsByShop(shop)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain("shpat_");
  });

  it("syncs an order with the encrypted offline token, decrypted by the claim", async () => {
    const { shop, domain } = await seedWorld(standin, {
      domain: `claimed-${++seq}.myshopify.com`,
      skus: [{ skuId: DEFAULT_SKU_ID }],
    });
    await sealPlaintextSessions();
    expect(isSealed((await rawRow(`offline_${domain}`)).accessToken)).toBe(true);
    const placed = Math.floor(Date.now() / 1000) - 7200;
    const id = await receiveOrder(shop.id, buildTikTokOrder({ create_time: placed }));

    const outcome = await syncOrder(id, { trigger: "webhook" });

    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "synced" });
    expect(await standin.control.listOrders(domain)).toHaveLength(1);
  });
});

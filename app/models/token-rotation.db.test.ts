import { describe, expect, it } from "vitest";
import { decrypt, encrypt, parseKey } from "~/lib/encryption.server";

// The key the tokens below were sealed under before the rotation; the current key is vitest.config.ts's.
const PREVIOUS = "0f".repeat(32);
process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS = PREVIOUS;
const { default: prisma } = await import("~/db.server");
const { env } = await import("~/env.server");
const { getTikTokConnection, reencryptAllTokens, connectTikTokShop } =
  await import("./tiktok-connection.server");

const current = parseKey(env.TOKEN_ENCRYPTION_KEY);
const previous = parseKey(PREVIOUS);

const refOf = (domain: string) => ({ shopDomain: domain, tiktokShopId: `tts-${domain}` });

async function connectionSealedUnderPreviousKey(domain: string) {
  await connectTikTokShop(domain, {
    tiktokShopId: refOf(domain).tiktokShopId,
    cipher: "ROW_cipher",
    region: "US",
    accessToken: "placeholder",
    accessTokenExpiresAt: null,
    refreshToken: "placeholder",
    refreshTokenExpiresAt: null,
  });
  await prisma.tikTokConnection.updateMany({
    where: { shop: { domain } },
    data: {
      accessTokenEncrypted: encrypt("old-access", previous),
      refreshTokenEncrypted: encrypt("old-refresh", previous),
    },
  });
}

describe("rotating the token encryption key", () => {
  it("still reads a token sealed under the previous key", async () => {
    await connectionSealedUnderPreviousKey("rotation-read.myshopify.com");
    expect(await getTikTokConnection(refOf("rotation-read.myshopify.com"))).toMatchObject({
      accessToken: "old-access",
      refreshToken: "old-refresh",
    });
  });

  it("re-encrypts every token under the current key", async () => {
    await connectionSealedUnderPreviousKey("rotation-rewrite.myshopify.com");
    expect(await reencryptAllTokens()).toBeGreaterThanOrEqual(1);
    const row = await prisma.tikTokConnection.findFirstOrThrow({
      where: { shop: { domain: "rotation-rewrite.myshopify.com" } },
    });
    expect(decrypt(row.accessTokenEncrypted, current)).toBe("old-access");
    expect(decrypt(row.refreshTokenEncrypted, current)).toBe("old-refresh");
    expect(() => decrypt(row.accessTokenEncrypted, previous)).toThrow();
    expect(await getTikTokConnection(refOf("rotation-rewrite.myshopify.com"))).toMatchObject({
      accessToken: "old-access",
    });
  });
});

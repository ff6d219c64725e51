import { createHmac, randomUUID } from "node:crypto";

export type EmbeddedApp = {
  /** The app's client id and secret, as Shopify holds them: session tokens are signed with the secret. */
  apiKey: string;
  apiSecret: string;
  /** Where the app is served, e.g. http://localhost:3000 */
  url: string;
  /** The app's extensions/ folder: its admin UI extensions are hosted on the stand-in's order page. */
  extensionsDir?: string;
};

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * A session token as Shopify admin hands one to an embedded app (an HS256 JWT signed with the app's secret),
 * valid for a minute. https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 */
export function mintSessionToken(
  app: EmbeddedApp,
  shop: string,
  now = Date.now(),
): { token: string; expiresAt: number } {
  const issuedAt = Math.floor(now / 1000);
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: app.apiKey,
    sub: "1",
    exp: issuedAt + 60,
    nbf: issuedAt - 5,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac("sha256", app.apiSecret).update(unsigned).digest("base64url");
  return { token: `${unsigned}.${signature}`, expiresAt: payload.exp * 1000 };
}

/** Shopify's `host` parameter: the admin's address for the store, base64-encoded. */
export function hostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString(
    "base64url",
  );
}

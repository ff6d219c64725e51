// Re-encrypts every stored token (TikTok's and Shopify's sessions') under TOKEN_ENCRYPTION_KEY. Rotate a key in three steps
// (docs/production.md, "Security and data"): set TOKEN_ENCRYPTION_KEY_PREVIOUS to the old key and TOKEN_ENCRYPTION_KEY to
// a new one and restart (tokens are read with either key); run `npm run rotate-token-key`; then remove
// TOKEN_ENCRYPTION_KEY_PREVIOUS and restart. Running it twice is harmless.
import { closeAllDatabases } from "~/db/connect.server";
import { reencryptAllTokens } from "~/models/tiktok-connection.server";

try {
  const rewritten = await reencryptAllTokens();
  console.log(
    `Re-encrypted the tokens of ${rewritten} TikTok connection(s) and Shopify session(s) under the current key.`,
  );
} finally {
  await closeAllDatabases();
}

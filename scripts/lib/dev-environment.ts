import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The environment the app runs with under `shopify app dev`: what the CLI passed (the tunnel's URL as
 * SHOPIFY_APP_URL, or HOST/APP_URL from older CLIs; PORT, or FRONTEND_PORT), completed with development
 * defaults: a token encryption key made once and kept in `<dataDir>/dev.json`, readable by this user only.
 * DATABASE_URL keeps the app's own default, PGlite under data/pglite.
 */
export function devEnvironment(given: Partial<NodeJS.ProcessEnv>, dataDir = "data"): NodeJS.ProcessEnv {
  const appUrl = given.SHOPIFY_APP_URL || given.APP_URL || given.HOST;
  const port = given.PORT || given.FRONTEND_PORT;
  return {
    ...given,
    NODE_ENV: "development",
    ...(appUrl ? { SHOPIFY_APP_URL: appUrl.startsWith("http") ? appUrl : `https://${appUrl}` } : {}),
    ...(port ? { PORT: port } : {}),
    TOKEN_ENCRYPTION_KEY: given.TOKEN_ENCRYPTION_KEY || developmentKey(dataDir),
  };
}

function developmentKey(dataDir: string): string {
  const file = path.join(dataDir, "dev.json");
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { tokenKey?: string }) : {};
  if (kept.tokenKey) return kept.tokenKey;
  const tokenKey = randomBytes(32).toString("hex");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ tokenKey }, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return tokenKey;
}

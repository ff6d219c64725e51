// npm run dev:app: the app with hot reload (server.ts --dev) on what `shopify app dev` passes, which is how
// shopify.web.toml starts it (after the migrations). The Shopify CLI gives SHOPIFY_API_KEY,
// SHOPIFY_API_SECRET, SCOPES, the tunnel's URL (SHOPIFY_APP_URL; older CLIs HOST or APP_URL) and the port
// (PORT, or FRONTEND_PORT). What the CLI doesn't give has a development default: PGlite under data/pglite
// (DATABASE_URL), and a token encryption key made once and kept in data/dev.json, readable by this user
// only (set TOKEN_ENCRYPTION_KEY to use your own). Set TikTok's credentials in the shell you run it from.
import { spawn } from "node:child_process";
import { devEnvironment } from "./lib/dev-environment";

const env = devEnvironment(process.env);
if (!env.SHOPIFY_API_KEY || !env.SHOPIFY_APP_URL) {
  console.error(
    "npm run dev:app is what `shopify app dev` (npm run dev) runs: it needs SHOPIFY_API_KEY, SHOPIFY_API_SECRET " +
      "and SHOPIFY_APP_URL, which the Shopify CLI passes. To try the app without a store, run npm run demo.",
  );
  process.exit(1);
}
const server = spawn(process.execPath, ["--import", "tsx", "server.ts", "--dev"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

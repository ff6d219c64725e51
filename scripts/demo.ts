// npm run demo: the app on embedded defaults, with nothing to configure. Secrets the demo needs are made
// once and kept in data/demo.json (git-ignored); the database is PGlite under data/.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const port = Number(process.env.PORT || 3000);
const secretsFile = path.join("data", "demo.json");

function demoSecrets(): { apiSecret: string; encryptionKey: string } {
  if (existsSync(secretsFile)) return JSON.parse(readFileSync(secretsFile, "utf8"));
  const secrets = {
    apiSecret: randomBytes(24).toString("hex"),
    encryptionKey: randomBytes(32).toString("hex"),
  };
  mkdirSync("data", { recursive: true });
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function newestChange(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }, 0);
}

function buildIfStale() {
  const built = path.join("build", "server", "index.js");
  if (existsSync(built) && statSync(built).mtimeMs > newestChange("app")) return;
  console.log("Building the app…");
  const result = spawnSync("remix", ["vite:build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const secrets = demoSecrets();
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(port),
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY || "demo-api-key",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET || secrets.apiSecret,
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL || `http://localhost:${port}`,
  TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY || secrets.encryptionKey,
  DATABASE_URL: process.env.DATABASE_URL || path.join("data", "pglite"),
};

buildIfStale();
const server = spawn("tsx", ["server.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

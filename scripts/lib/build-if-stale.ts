import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);

/** Builds the app (`remix vite:build`) unless build/ is newer than every file under app/. */
export function buildIfStale(): void {
  const built = path.join("build", "server", "index.js");
  if (existsSync(built) && statSync(built).mtimeMs > newest("app")) return;
  console.log("Building the app…");
  const result = spawnSync(
    process.execPath,
    [path.join("node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

/**
 * The environment a benchmark runs the app's modules in: production mode, throwaway credentials, no sync
 * worker of its own (a bench starts the one it measures). `extra` adds or replaces variables.
 */
export function benchEnvironment<Extra extends Record<string, string>>(extra: Extra) {
  return {
    NODE_ENV: "production" as const,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench-secret",
    SHOPIFY_APP_URL: "http://localhost:3000",
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    SYNC_WORKER: "off",
    ...extra,
  };
}

/** A database of the bench's own on a PostgreSQL server, dropped when the bench ends. */
export async function createScratchDatabase(serverUrl: string, prefix = "bench") {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The nearest-rank percentile of ascending `sorted` values (p from 0 to 1); 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** User and system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * CPU time so far of every process of the machine named `name` (PostgreSQL's server processes, say), from
 * /proc; processes that ended meanwhile are not counted, so short-lived ones make it a lower bound.
 */
export function cpuMsOfProcessesNamed(name: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) total += cpuMsOf(Number(entry)) ?? 0;
    } catch {
      // Gone since it was listed.
    }
  }
  return total;
}

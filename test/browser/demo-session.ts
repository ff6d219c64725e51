import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { StandinControl } from "../../tools/shopify-standin/control/client";
import { TikTokStandinControl } from "../../tools/tiktok-standin/control-client";

// The README's run command (npm run demo) driven in Debian's Chromium as a merchant would use it: shared by
// the browser test and `npm run screenshots`.

const root = path.resolve(import.meta.dirname, "..", "..");

export interface Demo {
  /** The app as Shopify admin would open it. */
  url: string;
  /** TikTok's side of the demo (its stand-in), for what TikTok does by itself: deliver an order. */
  tiktok: TikTokStandinControl;
  /** Shopify's side (its stand-in), for what the merchant does in Shopify admin: fulfil an order. */
  shopify: StandinControl;
  /** Stops every process of the demo (npm, the stand-ins, the app's server) and waits until they are gone. */
  stop(): Promise<void>;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Closes Chromium and removes its profile. */
  close(): Promise<void>;
}

/** Starts `npm run demo` on free ports and a database of its own, and answers once it prints its address. */
export async function startDemo({
  timeoutMs = 240_000,
  fulfilments = false,
  newOrders = true,
} = {}): Promise<Demo> {
  const [port, shopifyPort, tiktokPort] = await freePorts(3);
  const dataDir = mkdtempSync(path.join(tmpdir(), "demo-"));
  const demo = spawn("npm", ["run", "demo"], {
    cwd: root,
    // The demo's own defaults, not the test environment's (which names an app URL that doesn't resolve).
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      SHOPIFY_STANDIN_PORT: String(shopifyPort),
      TIKTOK_STANDIN_PORT: String(tiktokPort),
      DEMO_DATA_DIR: dataDir,
      // The on-hold order stays on hold and the COD order undelivered while the tests click them (the demo
      // moves them on after minutes); a test delivers the COD order through TikTok's stand-in.
      DEMO_ON_HOLD_SECONDS: "3600",
      DEMO_COD_DELIVER_SECONDS: "3600",
      // The demo's own fulfilments add a column to the Orders list: only the journeys about them want them.
      DEMO_FULFILMENTS: fulfilments ? "on" : "off",
      // Off for a journey that compares lists: an order arriving mid-journey would change them.
      DEMO_NEW_ORDER_SECONDS: newOrders ? "20" : "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
    // A process group of its own, so that stopping it stops everything npm started.
    detached: true,
  });
  const group = demo.pid;
  // Should this process end without stopping the demo, the demo ends with it.
  const onExit = () => signal(group, "SIGTERM");
  process.once("exit", onExit);
  const stop = async () => {
    process.removeListener("exit", onExit);
    signal(group, "SIGTERM");
    if (!(await until(() => !alive(group), 15_000))) {
      signal(group, "SIGKILL");
      await until(() => !alive(group), 5_000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    demo.stdout.on("data", (chunk: Buffer) => {
      // Read all along (a full pipe would block the demo); keep only the tail, for the error below.
      output = (output + chunk.toString()).slice(-20_000);
      const url = /Open the app as Shopify admin would:\s+(\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    demo.on("error", reject);
    demo.on("exit", (code) => reject(new Error(`The demo stopped (${code}): ${output.slice(-2000)}`)));
    setTimeout(
      () => reject(new Error(`The demo did not start in ${timeoutMs} ms: ${output.slice(-2000)}`)),
      timeoutMs,
    ).unref();
  });
  try {
    return {
      url: await url,
      tiktok: new TikTokStandinControl(`http://127.0.0.1:${tiktokPort}`),
      shopify: new StandinControl(`http://127.0.0.1:${shopifyPort}`),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Launches Debian's Chromium headless, at the size of the README's screenshots, with a fresh profile. */
export async function openBrowser(): Promise<Browser> {
  const profileDir = mkdtempSync(path.join(tmpdir(), "chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    viewport: { width: 1400, height: 1000 },
    // Headless Chromium announces itself as a bot, which Shopify's library answers with 410 Gone.
    userAgent:
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Writes the whole page to `<dir>/<name>.png`. */
export const screenshot = (page: Page, dir: string, name: string) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });

/** `count` ports that are free now (the demo's app and its two stand-ins each need one). */
async function freePorts(count: number): Promise<number[]> {
  // All held open at once, so that they differ.
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("No TCP port");
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function signal(group: number | undefined, name: NodeJS.Signals) {
  if (group === undefined) return;
  try {
    process.kill(-group, name);
  } catch {
    // The group is gone already.
  }
}

function alive(group: number | undefined): boolean {
  if (group === undefined) return false;
  try {
    process.kill(-group, 0);
  } catch {
    return false;
  }
  // A zombie (a process that has ended, whose parent has not reaped it: an orphan's may never) still
  // answers kill(0): on Linux, ask /proc whether one of the group is still running.
  if (!existsSync("/proc/self/stat")) return true;
  return readdirSync("/proc").some((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      // "pid (comm) state ppid pgrp …", and comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === group && state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < timeoutMs;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/**
 * Every error the page logs to its console or throws, from now on: a journey ends by asserting there was
 * none, so a page that logs an error fails its journey.
 */
export function watchConsoleErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return () => [...errors];
}

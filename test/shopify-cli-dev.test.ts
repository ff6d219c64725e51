import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { devEnvironment } from "../scripts/lib/dev-environment";
import { freePort } from "./free-port";
import { parseToml, type TomlTable } from "./toml";

// `shopify app dev` runs shopify.web.toml's dev command with what the CLI passes: the app's client id and
// secret, the scopes, the tunnel's URL and the ports. Run here as the CLI runs it, with that environment
// and nothing of the tests' own.
const webToml = parseToml(readFileSync("shopify.web.toml", "utf8"));
const devCommand = String((webToml.commands as TomlTable | undefined)?.dev ?? "");

describe("shopify.web.toml", () => {
  it("declares one web process for the pages and the webhooks, started by the dev command", () => {
    expect(webToml.roles).toEqual(["frontend", "backend"]);
    expect(webToml.webhooks_path).toBe("/webhooks/app/uninstalled");
    expect(devCommand).toBe("npm run db:migrate && npm run dev:app");
  });
});

describe("the development environment", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "dev-env-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("takes the tunnel's URL from older CLIs' HOST and the port from FRONTEND_PORT", () => {
    const env = devEnvironment({ HOST: "https://tunnel.example.com", FRONTEND_PORT: "4321" }, dataDir);
    expect(env.SHOPIFY_APP_URL).toBe("https://tunnel.example.com");
    expect(env.PORT).toBe("4321");
    expect(env.NODE_ENV).toBe("development");
  });

  it("prefers SHOPIFY_APP_URL and PORT when the CLI gives them", () => {
    const env = devEnvironment(
      {
        SHOPIFY_APP_URL: "https://a.example.com",
        HOST: "https://b.example.com",
        PORT: "5000",
        FRONTEND_PORT: "6000",
      },
      dataDir,
    );
    expect([env.SHOPIFY_APP_URL, env.PORT]).toEqual(["https://a.example.com", "5000"]);
  });

  it("makes a token key once, keeps it readable by this user only, and never replaces one that is set", () => {
    const first = devEnvironment({}, dataDir).TOKEN_ENCRYPTION_KEY;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(devEnvironment({}, dataDir).TOKEN_ENCRYPTION_KEY).toBe(first);
    expect(statSync(path.join(dataDir, "dev.json")).mode & 0o777).toBe(0o600);
    expect(devEnvironment({ TOKEN_ENCRYPTION_KEY: "f".repeat(64) }, dataDir).TOKEN_ENCRYPTION_KEY).toBe(
      "f".repeat(64),
    );
  });
});

describe("the dev command, run as `shopify app dev` runs it", () => {
  let server: ChildProcess | undefined;
  const databaseDir = mkdtempSync(path.join(tmpdir(), "dev-command-"));
  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      process.kill(-(server.pid ?? 0), "SIGTERM");
      await exited;
    }
    rmSync(databaseDir, { recursive: true, force: true });
  });

  it(
    "migrates, starts the app on the CLI's port and signs in through the CLI's tunnel",
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const tunnel = "https://dev-tunnel.trycloudflare.com";
      // What the CLI passes, and nothing of the tests' own environment (the CLI sets no NODE_ENV).
      const cliEnvironment: Partial<NodeJS.ProcessEnv> = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SHOPIFY_API_KEY: "cli-client-id",
        SHOPIFY_API_SECRET: "cli-client-secret",
        SHOPIFY_APP_URL: tunnel,
        HOST: tunnel,
        SCOPES: "read_orders,write_orders,read_products,read_inventory,read_fulfillments",
        PORT: String(port),
        FRONTEND_PORT: String(port),
        BACKEND_PORT: String(port),
        HMR_SERVER_PORT: String(await freePort()),
        DATABASE_URL: path.join(databaseDir, "pglite"),
        SYNC_WORKER: "off",
      };
      const started = spawn("sh", ["-c", devCommand], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: cliEnvironment as NodeJS.ProcessEnv,
      });
      server = started;
      let output = "";
      started.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        started.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (/listening on http:\/\/localhost:\d+/.test(output)) resolve();
        });
        started.once("exit", (code) => reject(new Error(`The dev command exited (${code}):\n${output}`)));
      });
      expect(output).toMatch(/Applied \d{14}_|The database is up to date/);
      expect(output).toContain(`listening on http://localhost:${port}`);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.text()).toBe("ok");
      // Opened from the store's admin, the app sends the browser to its own page there, under the CLI's client
      // id, and has App Bridge fetch a session token, then reload through the CLI's tunnel.
      const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" };
      const host = Buffer.from("admin.shopify.com/store/dev-store").toString("base64url");
      const query = `shop=dev-store.myshopify.com&host=${host}`;
      const outside = await fetch(`http://127.0.0.1:${port}/app?${query}`, {
        redirect: "manual",
        headers: browser,
      });
      expect(outside.headers.get("location")).toBe(
        "https://admin.shopify.com/store/dev-store/apps/cli-client-id",
      );
      const embedded = await fetch(`http://127.0.0.1:${port}/app?embedded=1&${query}`, {
        redirect: "manual",
        headers: browser,
      });
      const bounce = new URL(embedded.headers.get("location") ?? "", "http://127.0.0.1");
      expect(bounce.pathname).toBe("/auth/session-token");
      expect(bounce.searchParams.get("shopify-reload")).toBe(`${tunnel}/app?embedded=1&${query}`);
    },
  );
});

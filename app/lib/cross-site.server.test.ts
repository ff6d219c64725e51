import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import { isCrossSiteAction, refuseCrossSiteActions } from "./cross-site.server";

// The check as server.ts mounts it, ahead of what would be Remix: a real server and real requests.
const app = express();
app.use(refuseCrossSiteActions);
app.all("*", (_req, res) => void res.type("text").send("reached"));
let server: Server;
const started = new Promise<number>((resolve) => {
  server = app.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function send(method: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    void started.then((port) => {
      const outgoing = httpRequest(
        { host: "127.0.0.1", port, method, path, headers, agent: false },
        (incoming) => {
          let body = "";
          incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on("error", reject);
      outgoing.end("autoSync=false");
    });
  });
}

describe("actions posted from another site", () => {
  it("are answered 403 with a message before the app sees them", async () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://127.0.0.1:1"]) {
      const answer = await send("POST", "/app/settings", { Origin: origin, Host: "order-sync.example.test" });
      expect(answer.status, origin).toBe(403);
      expect(answer.body).toMatch(/another site/);
    }
    const proxied = {
      Origin: "https://evil.example",
      Host: "evil.example",
      "X-Forwarded-Host": "app.example",
    };
    expect((await send("PUT", "/app/settings.data", proxied)).status).toBe(403);
  });

  it("reach the app from its own pages, without an Origin, as reads, on the webhooks and the extensions' routes", async () => {
    const own = { Origin: "https://order-sync.example.test", Host: "order-sync.example.test" };
    const behindProxy = {
      Origin: "https://app.example",
      Host: "10.0.0.5:3000",
      "X-Forwarded-Host": "app.example",
    };
    const cases: [string, string, Record<string, string>][] = [
      ["POST", "/app/settings", own],
      ["POST", "/app/settings", behindProxy],
      ["POST", "/app/settings", { Host: "order-sync.example.test" }],
      ["GET", "/app", { Origin: "https://evil.example", Host: "order-sync.example.test" }],
      ["POST", "/webhooks/shop/redact", { Origin: "https://evil.example", Host: "order-sync.example.test" }],
      // "Sync from TikTok" on Shopify's order page: from Shopify's extension host, with the store's ID token.
      [
        "POST",
        "/api/extensions/orders/5512345678901/sync",
        { Origin: "https://extensions.shopifycdn.com", Host: "order-sync.example.test" },
      ],
    ];
    for (const [method, path, headers] of cases) {
      expect(await send(method, path, headers), `${method} ${path}`).toEqual({
        status: 200,
        body: "reached",
      });
    }
  });

  it("are told apart as Remix does: by the forwarded host first, then Host", () => {
    const headers = {
      origin: "https://a.example",
      host: "a.example",
      "x-forwarded-host": "b.example, c.example",
    };
    expect(isCrossSiteAction("DELETE", "/app", headers)).toBe(true);
    expect(isCrossSiteAction("DELETE", "/app", { ...headers, "x-forwarded-host": "a.example" })).toBe(false);
    expect(isCrossSiteAction("PATCH", "/app", { origin: "https://a.example" })).toBe(true);
  });
});

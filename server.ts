import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { refuseCrossSiteActions } from "./app/lib/cross-site.server";
import { refuseOversizedBodies } from "./app/lib/read-limited-body.server";
import { runShutdownHooks } from "./app/lib/shutdown.server";

// The app's HTTP server: Remix behind express, in one process with the database it opens.
// `--dev` serves through Vite with hot reload; otherwise it serves the production build.
const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";

async function loadBuild() {
  if (!dev) {
    const buildPath = new URL("./build/server/index.js", import.meta.url).href;
    return { build: (await import(buildPath)) as ServerBuild, vite: undefined };
  }
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  const build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  return { build, vite };
}

/** The webhook addresses answered ahead of Remix, by the entry module's handler of each. */
const FAST_WEBHOOKS: Record<string, string> = {
  "/webhooks/tiktok": "handleTikTokWebhookRequest",
  "/webhooks/fulfillments/create": "handleShopifyFulfillmentWebhookRequest",
  "/webhooks/fulfillments/update": "handleShopifyFulfillmentWebhookRequest",
};

type FastHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** A handler the app's entry module exports for server.ts to mount ahead of Remix. */
async function entryHandler(build: ServerBuild | (() => Promise<ServerBuild>), name: string) {
  const loaded = typeof build === "function" ? await build() : build;
  const handler = (loaded.entry.module as unknown as Record<string, unknown>)[name];
  return typeof handler === "function" ? (handler as FastHandler) : undefined;
}

async function main() {
  const { build, vite } = await loadBuild();
  const app = express();
  app.disable("x-powered-by");
  if (vite) app.use(vite.middlewares);
  else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }
  app.get("/healthz", (_req, res) => void res.type("text").send("ok"));
  // A form posted into the app from another site: 403 here, where Remix would answer 500 and log a stack.
  app.use(refuseCrossSiteActions);
  // A body over 1 MB by its Content-Length: 413 before it is read (the actions count the others).
  app.use(refuseOversizedBodies);
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  // TikTok's webhooks and Shopify's fulfilment webhooks skip express and Remix: see
  // docs/decisions/010-webhook-intake-at-speed.md.
  const server = createServer((request, response) => {
    const handler = request.method === "POST" ? FAST_WEBHOOKS[request.url ?? ""] : undefined;
    if (!handler) return void app(request, response);
    entryHandler(build, handler)
      .then((handler) => (handler ? handler(request, response) : app(request, response)))
      .catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  const port = Number(process.env.PORT || 3000);
  server.listen(port, () => console.log(`Order sync listening on http://localhost:${port}`));
  // Let in-flight syncs finish and the database close before exiting. The hooks live on a global symbol,
  // so this copy of the module sees the ones the app's build registered.
  const stop = () => server.close(() => void runShutdownHooks().finally(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  // A bad environment or an unsafe data folder is a message for the person starting the app, not a stack trace.
  if (error instanceof Error && ["EnvError", "DataFolderError"].includes(error.name))
    console.error(error.message);
  else console.error(error);
  process.exit(1);
});

import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** A webhook the fake app was sent: its topic (from the path), headers, raw body and parsed body. */
export type ReceivedWebhook = {
  topic: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  payload: unknown;
};

/**
 * For tests: a small HTTP server standing for the app, started for the test file. It keeps every webhook
 * it is sent (cleared before each test) and answers 200.
 */
export function useFakeApp() {
  const received: ReceivedWebhook[] = [];
  const waiting: Array<() => void> = [];
  let server: Server | undefined;
  let url = "";
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8");
        const topic = (request.url ?? "").replace(/^\/webhooks\//, "");
        received.push({ topic, headers: request.headers, rawBody, payload: JSON.parse(rawBody) });
        waiting.splice(0).forEach((wake) => wake());
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  beforeEach(() => {
    received.length = 0;
  });
  /** The first webhook of `topic`, waiting for it when it was sent asynchronously. */
  const next = async (topic: string): Promise<ReceivedWebhook> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = received.find((webhook) => webhook.topic === topic);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${topic} webhook arrived`);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { url: () => url, received, next };
}

/**
 * Verifies a webhook as an app does: Shopify's library checks the headers and the HMAC of the raw body
 * with the app's secret.
 */
export function webhookVerifier(app: { apiKey: string; apiSecret: string }) {
  const shopify = shopifyApi({
    apiKey: app.apiKey,
    apiSecretKey: app.apiSecret,
    apiVersion: ApiVersion.October26,
    hostName: "localhost",
    isEmbeddedApp: true,
    logger: { level: 0, log: async () => {} },
  });
  return async (webhook: ReceivedWebhook): Promise<boolean> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(webhook.headers))
      if (typeof value === "string") headers.set(name, value);
    const rawRequest = new Request("http://localhost/webhooks", {
      method: "POST",
      headers,
      body: webhook.rawBody,
    });
    const result = await shopify.webhooks.validate({ rawBody: webhook.rawBody, rawRequest });
    return result.valid;
  };
}

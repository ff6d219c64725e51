import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "./env.server";
import { startAppWorker } from "./jobs/start.server";
import { addDocumentResponseHeaders } from "./shopify.server";

// The server build is loaded once per process: start the sync worker with it.
startAppWorker();

// Handlers server.ts mounts ahead of Remix, reached through the build's entry module.
export { handleTikTokWebhookRequest } from "./tiktok/webhook-http.server";
export { handleShopifyFulfillmentWebhookRequest } from "./shopify-webhooks/fulfillment-http.server";

export const streamTimeout = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // The library preloads App Bridge from Shopify's CDN even when the page loads it from APP_BRIDGE_URL (the
  // demo's stand-in): preload the script the page really loads.
  if (env.APP_BRIDGE_URL && responseHeaders.has("Link"))
    responseHeaders.set("Link", `<${env.APP_BRIDGE_URL}>; rel="preload"; as="script";`);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

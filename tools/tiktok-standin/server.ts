import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterSalesRoutes } from "./after-sales-api";
import { authorizeRoutes } from "./authorize";
import { controlRoutes, type StandinParts } from "./control-api";
import { findRoute, tiktokError, type Reply, type Route } from "./http-kit";
import { SpecError } from "./money";
import { openApiRoutes } from "./open-api";
import { packageRoutes } from "./package-api";
import { tiktokShippingRoutes } from "./tiktok-shipping-api";
import { tokenRoutes } from "./token-api";

/** One node:http server for the Open API, the auth host's token paths and the control API. */
export function createStandinServer(parts: StandinParts): Server {
  const routes: Route[] = [
    ...tokenRoutes(parts.state),
    ...authorizeRoutes(parts.state),
    ...openApiRoutes(parts.state),
    ...packageRoutes(parts),
    ...tiktokShippingRoutes(parts),
    ...afterSalesRoutes(parts),
    ...controlRoutes(parts),
  ];
  return createServer((request, response) => {
    handle(routes, request)
      .then((reply) => send(response, reply))
      .catch((error: unknown) => send(response, failure(error, request.url ?? "")));
  });
}

async function handle(routes: Route[], request: IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? "/", "http://standin.local");
  const rawBody = await readBody(request);
  const method = request.method ?? "GET";
  const found = findRoute(routes, method, url.pathname);
  if (found === undefined) {
    return tiktokError(
      404,
      36009009,
      "Invalid path. The specified path does not match any available endpoint.",
    );
  }
  if (found === "method") {
    return tiktokError(
      405,
      36009010,
      "Invalid method. The HTTP method used is not supported by this endpoint.",
    );
  }
  return found.route.handler({ method, url, rawBody, headers: request.headers, params: found.params });
}

function failure(error: unknown, url: string): Reply {
  if (error instanceof SpecError) return { status: error.status, body: { error: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  if (url.startsWith("/_control")) return { status: 500, body: { error: message } };
  return tiktokError(500, 36009003, `Internal error. ${message}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  if (reply.file) {
    response.writeHead(reply.status, {
      "content-type": reply.file.contentType,
      "content-length": String(reply.file.data.length),
      ...reply.headers,
    });
    response.end(reply.file.data);
    return;
  }
  if (reply.html !== undefined) {
    response.writeHead(reply.status, { "content-type": "text/html; charset=utf-8", ...reply.headers });
    response.end(reply.html);
    return;
  }
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  response.end(body);
}

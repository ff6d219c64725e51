import http from "node:http";
import https from "node:https";

/** An HTTP answer read to the end. */
export type HttpAnswer = { status: number; header(name: string): string | undefined; text: string };

// Connections are kept open between requests to the same host. Sockets idle for 4 s are closed by us, before
// a server's usual 5 s keep-alive timeout can close one under a request being sent.
const agentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4_000 };
const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

/**
 * POSTs `body` with node's HTTP client on kept-alive connections and reads the whole answer; rejects when
 * no answer came (network, timeout). For the sync's hot path, where `fetch` (its streams, abort signals and
 * request objects) cost more CPU than the exchange itself.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const send = secure ? https.request : http.request;
    const request = send(
      target,
      {
        method: "POST",
        agent: agents[secure ? "https:" : "http:"],
        headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const header = (name: string) => {
            const value = response.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(", ") : value;
          };
          resolve({ status: response.statusCode ?? 0, header, text: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    // No answer in time: the request is abandoned (what the server did with it is unknown).
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("error", reject);
    request.end(body);
  });
}

import { request as httpRequest } from "node:http";

export type RawAnswer<T> = { status: number; body: T };

/**
 * POSTs `body` to `url` over HTTP exactly as given (headers and bytes, or in 64 KB chunks without a length),
 * and answers the status and the JSON the server sent: for the webhook handlers that answer on Node's own
 * request, ahead of Remix. A server may answer and close before a refused body is fully sent: that is an
 * answer, not an error.
 */
export function postRaw<T>(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  options: { chunked?: boolean } = {},
): Promise<RawAnswer<T>> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, {
      method: "POST",
      headers: { ...headers, ...(options.chunked ? {} : { "content-length": Buffer.byteLength(body) }) },
    });
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () =>
        resolve({
          status: incoming.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as T,
        }),
      );
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => error.code !== "EPIPE" && reject(error));
    if (!options.chunked) return void outgoing.end(body);
    for (let at = 0; at < body.length; at += 64 * 1024) outgoing.write(body.slice(at, at + 64 * 1024));
    outgoing.end();
  });
}

import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import {
  BODY_LIMIT,
  readLimitedBody,
  readLimitedNodeBody,
  readLimitedText,
  refuseOversizedBodies,
  TOO_LARGE_HEADERS,
  type LimitedBody,
} from "./read-limited-body.server";

const LIMIT = 1_000;

/** A request whose body arrives in `chunks` chunks of `size` bytes, counting the chunks pulled from it. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const pulled = { count: 0 };
  // No chunk is pulled ahead of a read.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.count === chunks) return controller.close();
        pulled.count++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  const init = { method: "POST", headers, body, duplex: "half" } as RequestInit;
  return { request: new Request("https://app.test/webhooks", init), pulled };
}

describe("reading a request body up to a limit", () => {
  it("reads a body up to exactly the limit, byte for byte", async () => {
    const bytes = Uint8Array.from({ length: LIMIT }, (_, i) => i % 256);
    const request = new Request("https://app.test/", { method: "POST", body: bytes });
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: true, bytes: Buffer.from(bytes) });
    const empty = await readLimitedBody(new Request("https://app.test/", { method: "POST" }), LIMIT);
    expect(empty).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it("refuses a body whose Content-Length is over the limit without reading any of it", async () => {
    const { request, pulled } = streamed(10, 500, { "Content-Length": "5000" });
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.count).toBe(0);
  });

  it("stops reading at the first chunk past the limit when no Content-Length says so", async () => {
    const { request, pulled } = streamed(100, 300);
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.count).toBe(4);
  });

  it("counts the bytes that arrive, whatever Content-Length claims", async () => {
    const { request } = streamed(5, 300, { "Content-Length": "10" });
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: false, reason: "too_large" });
  });

  it("reads UTF-8 text as it is, byte-order mark included, and refuses bytes that are not UTF-8", async () => {
    const text = '\ufeff{"name":"Zoë 🌸"}';
    const request = new Request("https://app.test/", { method: "POST", body: text });
    expect(await readLimitedText(request, LIMIT)).toEqual({ ok: true, text });
    const invalid = new Request("https://app.test/", { method: "POST", body: Uint8Array.from([0x7b, 0xff]) });
    expect(await readLimitedText(invalid, LIMIT)).toEqual({ ok: false, reason: "not_utf8" });
  });
});

describe("refusing a large body over a real connection", () => {
  // The app's server turns Node's request into a web Request the same way (@remix-run/express).
  let server: Server;
  const started = new Promise<string>((resolve) => {
    server = createServer((incoming, outgoing) => {
      const body = createReadableStreamFromReadable(incoming);
      const init = { method: incoming.method, body, duplex: "half" } as RequestInit;
      const headers = incoming.headers as Record<string, string>;
      void readLimitedBody(new Request("http://app.test/", { ...init, headers }), LIMIT).then((read) => {
        if (read.ok) outgoing.writeHead(200).end(String(read.bytes.byteLength));
        else outgoing.writeHead(413, TOO_LARGE_HEADERS).end("too large");
      });
    }).listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Streams up to 5 MB and stops once an answer arrives; resolves with the status and the bytes sent. */
  async function upload(headers: Record<string, string>) {
    const url = await started;
    return new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const client = httpRequest(url, { method: "POST", headers }, (response) => {
        answered = true;
        response.resume();
        resolve({ status: response.statusCode ?? 0, sent });
      });
      // Writing into a connection the server closed fails; only the answer matters.
      client.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!answered && sent < 5_000_000) {
          sent += chunk.byteLength;
          if (!client.write(chunk)) return void client.once("drain", pump);
        }
        if (!answered) client.end();
      };
      pump();
    });
  }

  it("answers 413 while the client is still sending, and closes the connection", async () => {
    const { status, sent } = await upload({ "Transfer-Encoding": "chunked" });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(5_000_000);
  });

  it("answers 413 at once for a Content-Length over the limit", async () => {
    const { status, sent } = await upload({ "Content-Length": "5000000" });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(5_000_000);
  });
});

describe("a client that hangs up in the middle of an upload", () => {
  /** What each reader made of one upload that stops after 100 of 10,000 bytes. */
  async function abandoned(read: (incoming: IncomingMessage) => Promise<LimitedBody>) {
    let result: Promise<LimitedBody> | undefined;
    const server = createServer((incoming) => void (result = read(incoming)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    socket.write("POST / HTTP/1.1\r\nHost: app.test\r\nContent-Length: 10000\r\n\r\n" + "a".repeat(100));
    while (!result) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.destroy();
    try {
      return await result;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("is an answer, not an error, when reading a web request's body", async () => {
    const web = (incoming: IncomingMessage) => {
      const init = { method: "POST", body: createReadableStreamFromReadable(incoming), duplex: "half" };
      return readLimitedBody(new Request("http://app.test/", init as RequestInit), LIMIT * 100);
    };
    expect(await abandoned(web)).toEqual({ ok: false, reason: "aborted" });
  });

  it("is an answer, not an error, when reading Node's request", async () => {
    const node = (incoming: IncomingMessage) => readLimitedNodeBody(incoming, LIMIT * 100);
    expect(await abandoned(node)).toEqual({ ok: false, reason: "aborted" });
  });
});

describe("the server's check ahead of the app", () => {
  // As server.ts mounts it: the app behind it counts what reaches it.
  let reached = 0;
  const app = express();
  app.use(refuseOversizedBodies);
  app.all("*", (_req, res) => void (reached++, res.type("text").send("reached")));
  let server: Server;
  const started = new Promise<number>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Declares `declared` bytes, sends a few, and resolves with the answer as soon as it comes. */
  async function declare(declared: number) {
    const port = await started;
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = { "Content-Length": String(declared), "Content-Type": "application/json" };
      const client = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/app/settings", headers });
      client.on("response", (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      client.on("error", reject);
      client.write(Buffer.alloc(Math.min(declared, 16), 0x61));
      if (declared <= 16) client.end();
    });
  }

  it("answers 413 to a Content-Length over 1 MB before the app sees a byte", async () => {
    const answer = await declare(BODY_LIMIT + 1);
    expect(answer).toEqual({ status: 413, body: "This request is larger than the app accepts (1 MB)." });
    expect(reached).toBe(0);
  });

  it("lets a body within the limit through", async () => {
    expect(await declare(16)).toEqual({ status: 200, body: "reached" });
    expect(reached).toBe(1);
  });
});

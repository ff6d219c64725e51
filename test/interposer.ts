import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What becomes of one request: passed on, kept before it reaches the stand-in, or answered and kept. */
export type Interception = "pass" | "keep request" | "keep answer";

export type InterceptedRequest = { method: string; path: string; body: string };

/** A request the interposer kept: it never answers it (the caller is about to die, as in a crash). */
export type KeptRequest = InterceptedRequest & {
  /** The stand-in handled it (its answer was kept), or never saw it. */
  reachedStandin: boolean;
  answer?: { status: number; body: string };
};

export type Interposer = {
  url: string;
  kept: KeptRequest[];
  close(): Promise<void>;
};

/**
 * An HTTP proxy between one worker process and a stand-in, so a test can lose a request or its answer at
 * a chosen call, as a process killed mid-call loses it. `decide` is asked once per request; for "keep
 * answer", `keeps` says whether this answer is one to keep (a refusal, say, may pass).
 */
export async function startInterposer(
  target: string,
  decide: (request: InterceptedRequest) => Interception,
  keeps: (request: InterceptedRequest, answer: { status: number; body: string }) => boolean = () => true,
): Promise<Interposer> {
  const kept: KeptRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((incoming, outgoing) => {
    open.add(outgoing);
    outgoing.once("close", () => open.delete(outgoing));
    void relay(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end(String(error));
    });
  });

  async function relay(incoming: IncomingMessage, outgoing: ServerResponse) {
    const request = {
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      body: (await readBody(incoming)).toString("utf8"),
    };
    const decision = decide(request);
    if (decision === "keep request") return void kept.push({ ...request, reachedStandin: false });
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
        headers.set(name, value);
    }
    const response = await fetch(`${target}${request.path}`, {
      method: request.method,
      headers,
      body: ["GET", "HEAD"].includes(request.method) ? undefined : request.body,
    });
    const answer = { status: response.status, body: await response.text() };
    if (decision === "keep answer" && keeps(request, answer))
      return void kept.push({ ...request, reachedStandin: true, answer });
    const passed: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name))
        passed[name] = value;
    });
    outgoing.writeHead(answer.status, passed).end(answer.body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    kept,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request's whole body. */
export function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}

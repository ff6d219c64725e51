import { envelopeSchema } from "./api-schemas";
import {
  classifyTikTokError,
  TikTokApiError,
  TikTokUnavailableError,
  type TikTokErrorContext,
} from "./errors";

/** One HTTP exchange with TikTok: no signing, no retries. Returns the envelope's `data`. */
export type TikTokHttpRequest = {
  baseUrl: string;
  method: "GET" | "POST";
  path: string;
  query: Record<string, string>;
  /** The exact JSON string to send (and that was signed). */
  body?: string;
  accessToken?: string;
  timeoutMs: number;
};

export async function sendTikTokRequest(request: TikTokHttpRequest): Promise<unknown> {
  const base = new URL(request.baseUrl);
  const url = new URL(base.origin);
  url.pathname = joinPath(base.pathname, request.path);
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);

  const headers: Record<string, string> = { "content-type": "application/json" };
  if (request.accessToken) headers["x-tts-access-token"] = request.accessToken;

  const context: TikTokErrorContext = { path: request.path };
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (cause) {
    throw new TikTokUnavailableError(`TikTok Shop could not be reached: ${describe(cause)}`, context, {
      cause,
    });
  }
  context.httpStatus = response.status;

  const text = await response.text().catch(() => "");
  const envelope = envelopeSchema.safeParse(parseJson(text));
  if (!envelope.success) {
    if (response.status === 429 || response.status >= 500) {
      throw classifyTikTokError(
        { code: 0, message: `HTTP ${response.status}`, retryAfterSeconds: retryAfter(response) },
        context,
      );
    }
    throw new TikTokApiError(-1, `Unexpected response from TikTok Shop (HTTP ${response.status})`, context);
  }
  context.requestId = envelope.data.request_id;
  if (envelope.data.code !== 0 || response.status === 429 || response.status >= 500) {
    const { code, message } = envelope.data;
    throw classifyTikTokError({ code, message, retryAfterSeconds: retryAfter(response) }, context);
  }
  return envelope.data.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Keeps a base URL's own path prefix (a proxy mount, say) in front of the API path. */
function joinPath(basePath: string, path: string): string {
  return `${basePath.replace(/\/+$/, "")}${path}`;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.name === "TimeoutError" ? "timed out" : cause.message;
  return String(cause);
}

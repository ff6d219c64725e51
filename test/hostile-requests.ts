import fc from "fast-check";
import { mintSessionToken } from "../tools/shopify-standin/admin/session-token";

/**
 * Hostile requests for the app's actions, and what came of them. A body is bytes with a Content-Type (any
 * pairing: JSON sent as a form, a form sent as text), or form fields encoded as Remix's forms send them.
 */
export const APP = {
  apiKey: "test-api-key",
  apiSecret: "test-api-secret",
  url: "https://order-sync.example.test",
};

export type FormValue = string | { file: Uint8Array };
export type Payload =
  | { kind: "none" }
  | { kind: "bytes"; bytes: Uint8Array; contentType: string | null }
  | { kind: "form"; fields: Record<string, FormValue>; encoding: "urlencoded" | "multipart" };

const encoder = new TextEncoder();
export const json = (value: unknown): Payload => ({
  kind: "bytes",
  bytes: encoder.encode(JSON.stringify(value) ?? "null"),
  contentType: "application/json",
});
export const form = (
  fields: Record<string, FormValue>,
  encoding: "urlencoded" | "multipart" = "urlencoded",
) => ({ kind: "form", fields, encoding }) as const satisfies Payload;

/**
 * Strings a field should never take as they are: those the database can't store (NUL, lone surrogates),
 * other control characters, huge ones, and anything at all.
 */
export const nastyString = fc.oneof(
  {
    arbitrary: fc.constantFrom("\u0000", "a\u0000b {id}", "\ud800", "{id}\udfff", "\u0007\u001b[2J", "%00"),
    weight: 3,
  },
  { arbitrary: fc.constantFrom("", " ", "\uffff", "'; --"), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer({ min: 1_000, max: 1_200_000 }).map((length) => "x".repeat(length)), weight: 1 },
);
/** Values of every JSON type but the expected one is among them; `fc.anything` covers the rest. */
export const wrongValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [null], { $gt: "" }),
  nastyString,
  fc.anything({ maxDepth: 2 }),
);

const contentTypes = fc.constantFrom(
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/plain;charset=utf-8",
  "application/octet-stream",
  ";;;",
  null,
);
/** Bodies of any shape under any Content-Type: JSON, text, invalid UTF-8, deep nesting, huge. */
export const noise: fc.Arbitrary<Payload> = fc.oneof(
  fc.constant({ kind: "none" } as const),
  fc.record({
    kind: fc.constant("bytes" as const),
    contentType: contentTypes,
    bytes: fc.oneof(
      fc.anything().map((value) => encoder.encode(JSON.stringify(value) ?? "null")),
      fc.string({ maxLength: 200 }).map((text) => encoder.encode(text)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from([0xff, 0xfe, 0xc3, ...bytes])),
      fc
        .integer({ min: 1, max: 20_000 })
        .map((depth) => encoder.encode("[".repeat(depth) + "]".repeat(depth))),
      fc.integer({ min: 1, max: 1_500_000 }).map((length) => encoder.encode(`{"a":"${"x".repeat(length)}"}`)),
    ),
  }),
  fc.record({
    kind: fc.constant("form" as const),
    encoding: fc.constantFrom("urlencoded" as const, "multipart" as const),
    fields: fc.dictionary(
      fc.string({ maxLength: 20 }),
      fc.oneof(nastyString, fc.record({ file: fc.uint8Array() })),
      {
        maxKeys: 5,
      },
    ),
  }),
);

function bodyOf(payload: Payload): { body?: BodyInit; headers: Record<string, string> } {
  if (payload.kind === "none") return { headers: {} };
  if (payload.kind === "bytes")
    return {
      body: Buffer.from(payload.bytes),
      headers: payload.contentType ? { "Content-Type": payload.contentType } : {},
    };
  if (payload.encoding === "multipart") {
    const data = new FormData();
    for (const [name, value] of Object.entries(payload.fields)) {
      if (typeof value === "string") data.append(name, value);
      else data.append(name, new Blob([Buffer.from(value.file)]), "file.bin");
    }
    return { body: data, headers: {} };
  }
  // A file can't be sent urlencoded: a browser sends its name.
  const fields = Object.entries(payload.fields).map(([name, value]) => [
    name,
    typeof value === "string" ? value : "file.bin",
  ]);
  return { body: new URLSearchParams(fields), headers: {} };
}

/** A request as Shopify admin sends an embedded app's fetch: with a session token for `shop`, or none. */
export function hostileRequest(path: string, method: string, payload: Payload, shop?: string): Request {
  const { body, headers } = bodyOf(payload);
  if (shop) headers.Authorization = `Bearer ${mintSessionToken(APP, shop).token}`;
  return new Request(`${APP.url}${path}`, { method, body, headers });
}

/** What Remix would answer for an action's result or throw; any other throw is a 500 and fails the test. */
export type Outcome = { status: number; body: unknown };
const APP_BRIDGE_REDIRECT = "X-Shopify-API-Request-Failure-Reauthorize-Url";

export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response) && !isData(thrown)) throw thrown;
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    // An embedded app's redirect out of the iframe: a 401 that App Bridge turns into a navigation.
    const status = value.headers.has(APP_BRIDGE_REDIRECT) ? 302 : value.status;
    return { status, body: parseJson(text) ?? text };
  }
  if (isData(value)) return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: value };
}

type Data = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
const isData = (value: unknown): value is Data =>
  typeof value === "object" &&
  value !== null &&
  (value as { type?: unknown }).type === "DataWithResponseInit";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The refusal's message for the merchant: `error`, `message`, or a field's message in `errors`. */
export function messageOf(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (typeof body !== "object" || body === null) return undefined;
  const { error, message, errors } = body as Record<string, unknown>;
  const fields = typeof errors === "object" && errors !== null ? Object.values(errors) : [];
  return [error, message, ...fields].find(
    (value): value is string => typeof value === "string" && !!value.trim(),
  );
}

/** A 4xx, or an answer that carries an error inline (`ok: false`, `saved: false`, a message). */
export function isRefusal(outcome: Outcome): boolean {
  if (outcome.status >= 400) return true;
  const body = outcome.body as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null || body.ok === true) return false;
  return body.ok === false || body.saved === false || messageOf(body) !== undefined;
}

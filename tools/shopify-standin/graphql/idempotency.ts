import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { IdempotencyRecord, ShopState } from "../store";

/**
 * Shopify's `@idempotent(key:)` directive, which since 2026-04 some mutations require on their field
 * (`refundCreate(input: …) @idempotent(key: "…")`): the same key with the same input answers what the
 * first request did instead of doing it again; the same key with other input is refused.
 */

/** Shopify's words when the directive is missing (seen from 2026-04 stores). */
export const MISSING_KEY = "The @idempotent directive is required for this mutation but was not provided.";
/** The stand-in's words, after the directive's description in the schema. */
export const BLANK_KEY = "The idempotency key cannot be an empty string or whitespace only.";
/** Shopify's words (IDEMPOTENCY_KEY_PARAMETER_MISMATCH). */
export const KEY_REUSED = "The same idempotency key cannot be used with different operation parameters.";

/** How long Shopify remembers a key. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * The key of the field's `@idempotent` directive, from a literal or a variable. A missing or blank key
 * is a top-level error (BAD_REQUEST) at the field, which then answers null.
 */
export function idempotencyKey(info: GraphQLResolveInfo): string {
  const directive = info.schema.getDirective("idempotent");
  const [node] = info.fieldNodes;
  const values = directive && node ? getDirectiveValues(directive, node, info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key !== "string") throw badRequest(MISSING_KEY);
  if (key.trim() === "") throw badRequest(BLANK_KEY);
  return key;
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST" } });
}

export type Remembered =
  { kind: "new" } | { kind: "replay"; record: IdempotencyRecord } | { kind: "mismatch" };

/** What the shop remembers of `key` for `mutation`, compared with this request's input. */
export function recall(shop: ShopState, mutation: string, key: string, input: unknown): Remembered {
  const record = shop.idempotency.get(`${mutation}:${key}`);
  if (!record || Date.now() - record.at > RETENTION_MS) return { kind: "new" };
  return record.fingerprint === fingerprint(input) ? { kind: "replay", record } : { kind: "mismatch" };
}

/** Remembers what a successful request under `key` created. */
export function remember(
  shop: ShopState,
  mutation: string,
  key: string,
  input: unknown,
  created: Pick<IdempotencyRecord, "orderId" | "refundId">,
): void {
  shop.idempotency.set(`${mutation}:${key}`, { fingerprint: fingerprint(input), at: Date.now(), ...created });
}

/** The input as canonical JSON: keys sorted, absent and null fields alike. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined && field !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${fingerprint(field)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

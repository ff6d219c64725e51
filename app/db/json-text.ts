/**
 * JSON text PostgreSQL's jsonb accepts. JSON allows any string, jsonb does not: a NUL (`\u0000`) or a lone
 * surrogate (`\ud800`) in a string or a key refuses the whole statement, so one odd order from TikTok would
 * keep a batch of fifty out of the database. Those characters are dropped (NUL) or replaced (U+FFFD);
 * everything else is JSON.stringify's output. The common case costs one scan of the text.
 */
const UNSTORABLE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (!UNSTORABLE.test(text)) return text;
  return JSON.stringify(storable(value));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const fix = (text: string) => text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\ufffd");

function storable(value: unknown): unknown {
  if (typeof value === "string") return fix(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [fix(key), storable(inner)]));
  }
  return value;
}

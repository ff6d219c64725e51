import { describe, expect, it } from "vitest";
import { jsonText } from "./json-text";

describe("jsonText", () => {
  it("is JSON.stringify for ordinary values", () => {
    const value = { id: "5770", lines: [{ name: "Serum — 30 ml", note: "a \\u0000 b" }], n: 1.5 };
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it("drops NUL characters and replaces lone surrogates in strings and keys", () => {
    const value = { name: "Ana\u0000", city: "K\ud800ln", pair: "😀", [`key\u0000`]: 1 };
    const text = jsonText(value);
    expect(text).not.toMatch(/\\u0000|\\ud800/);
    expect(JSON.parse(text)).toEqual({ name: "Ana", city: "K\ufffdln", pair: "😀", key: 1 });
  });
});

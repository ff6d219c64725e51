import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, decryptWithAny, DecryptionError, encrypt, isSealed, parseKey } from "./encryption.server";

const key = randomBytes(32);

describe("token encryption", () => {
  it("round-trips a value and never contains it in clear", () => {
    const sealed = encrypt("ROW_secret-access-token", key);
    expect(sealed).not.toContain("secret");
    expect(decrypt(sealed, key)).toBe("ROW_secret-access-token");
  });

  it("seals the same value differently each time", () => {
    expect(encrypt("same", key)).not.toBe(encrypt("same", key));
  });

  it("refuses a value encrypted under another key", () => {
    expect(() => decrypt(encrypt("token", key), randomBytes(32))).toThrow(DecryptionError);
  });

  it("refuses a value whose ciphertext was altered", () => {
    const [version, nonce, tag, ciphertext] = encrypt("token", key).split(".");
    const flipped = Buffer.from(ciphertext ?? "", "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decrypt([version, nonce, tag, flipped.toString("base64url")].join("."), key)).toThrow(
      DecryptionError,
    );
  });

  it("tells a sealed value from a token stored in clear", () => {
    expect(isSealed(encrypt("shpat_0123456789abcdef", key))).toBe(true);
    expect(isSealed(encrypt("", key))).toBe(true);
    for (const clear of ["shpat_0123456789abcdef", "shprt_x.y.z", "", "v1.", "v1.a.b.c"]) {
      expect(isSealed(clear), clear).toBe(false);
    }
  });

  it("reads a key as hex or base64 and rejects one of the wrong length", () => {
    const raw = randomBytes(32);
    expect(parseKey(raw.toString("hex")).equals(raw)).toBe(true);
    expect(parseKey(raw.toString("base64")).equals(raw)).toBe(true);
    expect(() => parseKey("abcd")).toThrow(/32 bytes/);
  });
});

describe("decrypting during a key rotation", () => {
  const current = randomBytes(32);
  const previous = randomBytes(32);

  it("opens a value sealed under the previous key", () => {
    expect(decryptWithAny(encrypt("old-token", previous), [current, previous])).toBe("old-token");
  });

  it("opens a value sealed under the current key", () => {
    expect(decryptWithAny(encrypt("new-token", current), [current, previous])).toBe("new-token");
  });

  it("refuses a value sealed under neither key", () => {
    expect(() => decryptWithAny(encrypt("token", randomBytes(32)), [current, previous])).toThrow(
      DecryptionError,
    );
  });
});

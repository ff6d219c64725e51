import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/** A 32-byte key from 64 hex characters or 44 base64 characters, as TOKEN_ENCRYPTION_KEY holds it. */
export function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("An AES-256 key is 32 bytes.");
  return key;
}

/**
 * AES-256-GCM with a fresh 96-bit nonce per value: `v1.<nonce>.<tag>.<ciphertext>` in base64url.
 * The tag makes a tampered or wrongly keyed value fail to decrypt instead of yielding garbage.
 */
export function encrypt(plaintext: string, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [nonce, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [VERSION, ...parts].join(".");
}

// Nonce (12 bytes) and tag (16 bytes) in base64url, then the ciphertext.
const SEALED = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

/**
 * Whether a stored value is one `encrypt` made, rather than a value stored in clear (a token stored before
 * its column was encrypted). Tokens themselves never look like this.
 */
export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

export function decrypt(sealed: string, key: Buffer): string {
  const [version, nonce, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || nonce === undefined || tag === undefined || ciphertext === undefined) {
    throw new DecryptionError("Not a value this app encrypted.");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError("The value was altered or encrypted under another key.");
  }
}

/**
 * Decrypts with the first of `keys` that opens the value: the current key first, then the previous one
 * while a key rotation is under way.
 */
export function decryptWithAny(sealed: string, keys: readonly Buffer[]): string {
  // The error is made only when one is thrown: its stack trace costs more than the decryption.
  let failure: unknown;
  for (const key of keys) {
    try {
      return decrypt(sealed, key);
    } catch (error) {
      failure = error;
    }
  }
  throw failure ?? new DecryptionError("No key to decrypt with.");
}

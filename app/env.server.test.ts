import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  TOKEN_ENCRYPTION_KEY: "ab".repeat(32),
};

describe("the environment", () => {
  it("fills defaults for what it can", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: "data/pglite", NODE_ENV: "production" });
  });

  it("names a missing variable on a line of its own", () => {
    const { SHOPIFY_API_SECRET: _, ...missing } = valid;
    expect(() => parseEnv(missing)).toThrow(/^Environment variable SHOPIFY_API_SECRET is missing/);
  });

  it("names each malformed variable", () => {
    let message = "";
    try {
      parseEnv({ ...valid, SHOPIFY_APP_URL: "not a url", TOKEN_ENCRYPTION_KEY: "short" });
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Environment variable SHOPIFY_APP_URL must be/);
    expect(lines[1]).toMatch(/^Environment variable TOKEN_ENCRYPTION_KEY must be 32 bytes/);
  });
});

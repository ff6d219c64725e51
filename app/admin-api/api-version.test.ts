import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adminSchemaPath } from "./admin-schema.server";
import { ADMIN_API_VERSION } from "./api-version";

describe("the pinned Admin API version", () => {
  it("is the one shopify.app.toml subscribes webhooks with", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    expect(toml).toMatch(new RegExp(`^api_version = "${ADMIN_API_VERSION}"$`, "m"));
  });

  it("has Shopify's schema vendored for validating documents", () => {
    expect(existsSync(adminSchemaPath(ADMIN_API_VERSION))).toBe(true);
  });
});

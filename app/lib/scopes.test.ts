import { describe, expect, it } from "vitest";
import { grantsScope } from "./scopes";

describe("a store's granted scopes", () => {
  it("grant a scope listed, a read scope through its write scope, and nothing else", () => {
    expect(grantsScope("read_orders,read_fulfillments", "read_fulfillments")).toBe(true);
    expect(grantsScope("read_orders, write_fulfillments", "read_fulfillments")).toBe(true);
    expect(grantsScope("read_orders,write_orders", "read_fulfillments")).toBe(false);
    expect(grantsScope("read_fulfillments", "write_fulfillments")).toBe(false);
    expect(grantsScope("", "read_fulfillments")).toBe(false);
  });

  it("count a session that doesn't say as granting", () => {
    expect(grantsScope(undefined, "read_fulfillments")).toBe(true);
    expect(grantsScope(null, "read_fulfillments")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  BLOCK_REASON_CODES,
  describeReason,
  FAILURE_CODES,
  isBlockReason,
  isReasonCode,
  REASONS,
  REASON_CODES,
} from "./reasons";

// The contract table of DESIGN.md, restated: code → stage and manual-sync rule.
const CONTRACT = {
  AUTO_SYNC_DISABLED: [1, "disabledUntilFixed"],
  ORDER_BEFORE_CONNECTION: [1, "force"],
  ORDER_BEFORE_PRODUCT_LINKED: [1, "enabledAfterFix"],
  ORDER_CANCELLED: [2, "force"],
  SAMPLE_PENDING_COMBINATION: [3, "disabledUntilFixed"],
  SAMPLE_SYNC_DISABLED: [3, "disabledUntilFixed"],
  FULFILLED_BY_TIKTOK: [4, "never"],
  ORDER_ON_HOLD: [5, "force"],
  PRODUCT_NOT_LINKED: [6, "disabledUntilFixed"],
  PRODUCT_DELETED: [6, "disabledUntilFixed"],
  PLAN_INACTIVE: [7, "disabledUntilFixed"],
} as const;

describe("the reason catalogue", () => {
  it("holds exactly the block reasons of the contract, each with its stage and manual-sync rule", () => {
    expect(BLOCK_REASON_CODES.sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const code of BLOCK_REASON_CODES) {
      const reason = describeReason(code);
      expect([reason.stage, reason.manualSync], code).toEqual(CONTRACT[code]);
    }
  });

  it("holds the four failure codes of creation", () => {
    expect(FAILURE_CODES.sort()).toEqual([
      "AUTH_ERROR",
      "MISSING_REQUIRED_FIELD",
      "OUT_OF_STOCK",
      "PLATFORM_ERROR",
    ]);
  });

  it("gives every reason its own title and a how-to-resolve text", () => {
    const titles = REASON_CODES.map((code) => REASONS[code].title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const code of REASON_CODES) {
      expect(REASONS[code].title.length, code).toBeGreaterThan(5);
      expect(REASONS[code].howToResolve.length, code).toBeGreaterThan(20);
    }
  });

  it("explains why Sync is disabled for every reason whose rule can disable it", () => {
    for (const code of BLOCK_REASON_CODES) {
      const reason = REASONS[code];
      const explained = "syncDisabledBecause" in reason && reason.syncDisabledBecause.length > 0;
      expect(explained, code).toBe(reason.manualSync !== "force");
    }
  });

  it("points the merchant to where each cause is fixed", () => {
    expect(describeReason("AUTO_SYNC_DISABLED").fixIn).toBe("settings");
    expect(describeReason("PRODUCT_NOT_LINKED").fixIn).toBe("products");
    expect(describeReason("PLAN_INACTIVE").fixIn).toBe("plan");
    expect(describeReason("FULFILLED_BY_TIKTOK").fixIn).toBeNull();
  });

  it("tells block reasons from failures and recognises stored codes", () => {
    expect(isBlockReason("ORDER_ON_HOLD")).toBe(true);
    expect(isBlockReason("OUT_OF_STOCK")).toBe(false);
    expect(isReasonCode("PLAN_INACTIVE")).toBe(true);
    expect(isReasonCode("toString")).toBe(false);
    expect(isReasonCode("NOT_A_REASON")).toBe(false);
  });
});

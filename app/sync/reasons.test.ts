import { describe, expect, it } from "vitest";
import {
  BLOCK_REASON_CODES,
  describeReason,
  FAILURE_CODES,
  FORCED_REASON_CODES,
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
  // Beyond the contract's table: Tokopedia's warehouse ships as TikTok's does (ADR 023).
  FULFILLED_BY_TOKOPEDIA: [4, "never"],
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

  it("holds the six failure codes of creation", () => {
    expect(FAILURE_CODES.sort()).toEqual([
      "AUTH_ERROR",
      "EXCHANGE_RATE_MISSING",
      "INVALID_FIELD",
      "MISSING_REQUIRED_FIELD",
      "OUT_OF_STOCK",
      "PLATFORM_ERROR",
    ]);
  });

  it("tells what needs the merchant from what is skipped on purpose and what waits", () => {
    const byKind = (kind: string) => REASON_CODES.filter((code) => REASONS[code].attention === kind).sort();
    expect(byKind("skipped")).toEqual([
      "FULFILLED_BY_TIKTOK",
      "FULFILLED_BY_TOKOPEDIA",
      "ORDER_BEFORE_CONNECTION",
      "ORDER_BEFORE_PRODUCT_LINKED",
      "ORDER_CANCELLED",
      "SAMPLE_SYNC_DISABLED",
    ]);
    expect(byKind("waiting")).toEqual(["ORDER_ON_HOLD", "SAMPLE_PENDING_COMBINATION"]);
    expect(byKind("action")).toEqual(
      [
        ...FAILURE_CODES,
        "AUTO_SYNC_DISABLED",
        "PLAN_INACTIVE",
        "PRODUCT_DELETED",
        "PRODUCT_NOT_LINKED",
      ].sort(),
    );
  });

  it("says, for every reason Sync forces, what forcing does before the merchant confirms it", () => {
    expect(FORCED_REASON_CODES.sort()).toEqual([
      "ORDER_BEFORE_CONNECTION",
      "ORDER_CANCELLED",
      "ORDER_ON_HOLD",
    ]);
    expect(describeReason("ORDER_CANCELLED").force.effect).toMatch(/cancelled at once.*stock.*put back/);
    expect(describeReason("ORDER_ON_HOLD").force.effect).toMatch(/without a shipping address/);
    for (const code of FORCED_REASON_CODES) {
      const { force } = describeReason(code);
      expect(
        [force.title, force.effect, force.selection, force.action].every((text) => text.length > 5),
      ).toBe(true);
    }
  });

  it("gives advice a merchant can follow for a missing or refused field", () => {
    expect(describeReason("MISSING_REQUIRED_FIELD").howToResolve).not.toMatch(/optional/);
    expect(describeReason("INVALID_FIELD").howToResolve).toMatch(/correct it on TikTok/);
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

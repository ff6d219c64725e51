import { describe, expect, it } from "vitest";
import { BLOCK_REASON_CODES, REASONS } from "./reasons";
import { CHECKS, STAGES } from "./stages";

describe("the stage list", () => {
  it("runs the seven stages in order", () => {
    expect(STAGES.map((stage) => stage.stage)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("checks every block reason exactly once, in the stage the catalogue gives it", () => {
    const placed = STAGES.flatMap((stage) =>
      stage.checks.map((check) => [check.reason, stage.stage] as const),
    );
    expect(placed.map(([reason]) => reason).sort()).toEqual([...BLOCK_REASON_CODES].sort());
    for (const [reason, stage] of placed) expect(stage, reason).toBe(REASONS[reason].stage);
  });

  it("keys every check by the reason it reports", () => {
    for (const code of BLOCK_REASON_CODES) expect(CHECKS[code].reason).toBe(code);
  });

  it("checks auto-sync before the connection date, and the connection date before the links", () => {
    expect(STAGES[0]?.checks.map((check) => check.reason)).toEqual([
      "AUTO_SYNC_DISABLED",
      "ORDER_BEFORE_CONNECTION",
      "ORDER_BEFORE_PRODUCT_LINKED",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { BLOCK_REASON_CODES, FAILURE_CODES, REASON_CODES, REASONS } from "~/sync/reasons";
import { STAGES } from "~/sync/stages";
import { attentionView, causeGoneLabel, reasonView } from "./reason-view";

describe("what the pages show for a reason", () => {
  it.each(REASON_CODES)("takes %s's title and how-to-resolve text from the catalogue", (code) => {
    const view = reasonView(code);
    expect(view.title).toBe(REASONS[code].title);
    expect(view.howToResolve).toBe(REASONS[code].howToResolve);
  });

  it.each(BLOCK_REASON_CODES)("names %s's stage by its number and the stage's name", (code) => {
    const { stage } = REASONS[code];
    const name = STAGES.find((candidate) => candidate.stage === stage)?.name;
    expect(reasonView(code).stage).toBe(`Stage ${stage} · ${name}`);
  });

  it("places a failure after the stages, while the Shopify order is created", () => {
    for (const code of FAILURE_CODES) expect(reasonView(code).stage).toBe("While creating the Shopify order");
  });

  it("links to the page where the cause is fixed, and to nothing when there is nothing to fix", () => {
    expect(reasonView("PRODUCT_NOT_LINKED").fix).toEqual({ label: "Products", url: "/app/products" });
    expect(reasonView("AUTO_SYNC_DISABLED").fix).toEqual({ label: "Settings", url: "/app/settings" });
    expect(reasonView("PLAN_INACTIVE").fix).toEqual({ label: "Plan", url: "/app/plan" });
    expect(reasonView("FULFILLED_BY_TIKTOK").fix).toBeNull();
  });

  it("gives a problem, a choice and a wait different tones", () => {
    expect(attentionView("action", "BLOCKED")).toEqual({ label: "Needs your action", tone: "warning" });
    expect(attentionView("action", "FAILED")).toEqual({ label: "Needs your action", tone: "critical" });
    expect(attentionView("skipped", "BLOCKED")).toEqual({ label: "Skipped on purpose", tone: undefined });
    expect(attentionView("waiting", "BLOCKED")).toEqual({ label: "Waiting", tone: "info" });
  });

  it("says Sync now goes through once a cause is gone", () => {
    expect(causeGoneLabel("action")).toBe("Fixed — click Sync");
    expect(causeGoneLabel("waiting")).toBe("Ready — click Sync");
  });
});

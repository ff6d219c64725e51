import { describe, expect, it } from "vitest";
import type { ShopSettings } from "~/models/settings";
import { draftOf, fixMessage, hasChanges, settingsToSave, shownFields } from "./SettingsDraft";

const saved: ShopSettings = {
  autoSync: true,
  sampleOrderRule: "COMBINE",
  sampleOrderTag: "TikTok sample",
  combineWindowMinutes: 60,
  onHoldRule: "WAIT",
  orderTags: ["TikTok Shop", "Creator"],
  orderNameFormat: "TT-{id}",
  inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
  notifyCustomer: false,
  restockReturns: true,
  offerTikTokCancel: false,
};

describe("the Settings form's draft", () => {
  it("sends back exactly what is saved when nothing was changed", () => {
    expect(settingsToSave(draftOf(saved), saved)).toEqual(saved);
    expect(hasChanges(draftOf(saved), saved)).toBe(false);
  });

  it("sends checkboxes as booleans, the window as a number and tags as a list", () => {
    const draft = {
      ...draftOf(saved),
      autoSync: false,
      notifyCustomer: true,
      combineWindowMinutes: " 90 ",
      orderTags: "TikTok,  Sample run , ,",
    };
    expect(settingsToSave(draft, saved)).toMatchObject({
      autoSync: false,
      notifyCustomer: true,
      combineWindowMinutes: 90,
      orderTags: ["TikTok", "Sample run"],
    });
    expect(hasChanges(draft, saved)).toBe(true);
  });

  it("sends a window that isn't a number as typed, for the server to say what is wrong", () => {
    expect(settingsToSave({ ...draftOf(saved), combineWindowMinutes: "an hour" }, saved)).toMatchObject({
      combineWindowMinutes: "an hour",
    });
  });

  it("shows the combine window only to combine, and the sample tag unless samples are not synced", () => {
    expect(shownFields({ sampleOrderRule: "COMBINE" })).toEqual({
      combineWindowMinutes: true,
      sampleOrderTag: true,
    });
    expect(shownFields({ sampleOrderRule: "SYNC" })).toEqual({
      combineWindowMinutes: false,
      sampleOrderTag: true,
    });
    expect(shownFields({ sampleOrderRule: "SKIP" })).toEqual({
      combineWindowMinutes: false,
      sampleOrderTag: false,
    });
  });

  it("keeps the saved value of a hidden field, whatever was typed in it before", () => {
    const typed = { ...draftOf(saved), combineWindowMinutes: "5", sampleOrderTag: "" };
    const skip = { ...typed, sampleOrderRule: "SKIP" as const };
    expect(settingsToSave(skip, saved)).toEqual({ ...saved, sampleOrderRule: "SKIP" });
    expect(hasChanges({ ...typed, sampleOrderRule: "COMBINE" }, saved)).toBe(true);
    expect(
      hasChanges(
        { ...draftOf({ ...saved, sampleOrderRule: "SKIP" }), sampleOrderTag: "" },
        { ...saved, sampleOrderRule: "SKIP" },
      ),
    ).toBe(false);
  });

  it("names the fields to fix after a refused save, or repeats the server's words", () => {
    const error = "Nothing was saved: a setting is not valid.";
    expect(fixMessage({ error, errors: { orderNameFormat: "must contain {id}" } })).toBe(
      "Nothing was saved: fix Order name format",
    );
    expect(
      fixMessage({ error, errors: { orderTags: "x", combineWindowMinutes: "y", orderNameFormat: "z" } }),
    ).toBe("Nothing was saved: fix Order tags, Combine window (minutes) and Order name format");
    const notJson = "Nothing was saved: the settings were not sent as a JSON object.";
    expect(fixMessage({ error: notJson, errors: {} })).toBe(notJson);
  });
});

import { describe, expect, it } from "vitest";
import { dayIn, isTimeZone, startOfDay } from "./time-zone";

describe("days in the merchant's time zone", () => {
  it("start at that zone's midnight", () => {
    expect(startOfDay("2026-12-06", "UTC").toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(startOfDay("2026-12-06", "America/New_York").toISOString()).toBe("2026-12-06T05:00:00.000Z");
    expect(startOfDay("2026-12-06", "Asia/Kolkata").toISOString()).toBe("2026-12-05T18:30:00.000Z");
    expect(startOfDay("2026-12-31", "UTC", 1).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("are 23 or 25 hours long when the clocks change", () => {
    const hours = (day: string) =>
      (startOfDay(day, "Europe/Paris", 1).getTime() - startOfDay(day, "Europe/Paris").getTime()) / 3_600_000;
    expect(hours("2026-03-29")).toBe(23);
    expect(hours("2026-10-25")).toBe(25);
    expect(hours("2026-06-01")).toBe(24);
  });

  it("name the day it is in the zone, and know which zones exist", () => {
    const instant = new Date("2026-12-06T23:30:00Z");
    expect(dayIn("UTC", instant)).toBe("2026-12-06");
    expect(dayIn("Asia/Tokyo", instant)).toBe("2026-12-07");
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Base")).toBe(false);
  });
});

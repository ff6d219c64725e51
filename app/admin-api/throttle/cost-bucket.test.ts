import { describe, expect, it } from "vitest";
import { CostBucket } from "./cost-bucket";

const bucketAt = (clock: { ms: number }, currentlyAvailable: number) =>
  new CostBucket(() => clock.ms, { maximumAvailable: 1000, currentlyAvailable, restoreRate: 50 });

describe("CostBucket", () => {
  it("sends at once while the bucket holds the requested cost", () => {
    const clock = { ms: 0 };
    expect(bucketAt(clock, 100).reserve(100, 10)).toBe(0);
  });

  it("waits until the bucket holds the requested cost, at the restore rate", () => {
    const clock = { ms: 0 };
    // 60 points are missing at 50 a second.
    expect(bucketAt(clock, 40).reserve(100, 10)).toBe(1200);
  });

  it("makes later requests queue behind the actual cost of earlier ones, not their requested cost", () => {
    const clock = { ms: 0 };
    const bucket = bucketAt(clock, 200);
    expect(bucket.reserve(100, 10)).toBe(0);
    expect(bucket.reserve(100, 10)).toBe(0);
    // 180 points remain: counting 100 per request in flight would have made this one wait.
    expect(bucket.reserve(100, 10)).toBe(0);
    expect(bucket.snapshot.currentlyAvailable).toBe(170);
  });

  it("takes Shopify's figures over its own, less what is still in flight", () => {
    const clock = { ms: 0 };
    const bucket = bucketAt(clock, 1000);
    bucket.reserve(10, 10);
    bucket.reserve(10, 10);
    bucket.settle(10, { maximumAvailable: 1000, currentlyAvailable: 500, restoreRate: 50 });
    expect(bucket.snapshot.currentlyAvailable).toBe(490);
    clock.ms += 1000;
    expect(bucket.snapshot.currentlyAvailable).toBe(540);
  });
});

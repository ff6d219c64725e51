import { describe, expect, it } from "vitest";
import { shipByWarning } from "./ship-by";

const now = new Date("2026-12-07T12:00:00Z");
const at = (hours: number) => Math.floor(now.getTime() / 1000) + hours * 3600;
const order = (hours: number, status = "AWAITING_SHIPMENT") => ({
  status: status as "AWAITING_SHIPMENT",
  rts_sla_time: at(hours),
  fulfillment_type: "FULFILLMENT_BY_SELLER",
});

describe("the ship-by warning", () => {
  it("says nothing more than a day ahead, then how long is left, then how late it is", () => {
    expect(shipByWarning(order(25), now)).toBeNull();
    expect(shipByWarning(order(24), now)).toEqual({
      at: "2026-12-08T12:00:00.000Z",
      past: false,
      text: "Ship within 24 hours",
    });
    expect(shipByWarning(order(0.5), now)?.text).toBe("Ship within 30 minutes");
    expect(shipByWarning(order(-3), now)).toMatchObject({
      past: true,
      text: "Past TikTok's ship-by time by 3 hours",
    });
    expect(shipByWarning(order(-72), now)?.text).toBe("Past TikTok's ship-by time by 3 days");
  });

  it("flags only orders still waiting to ship, that the seller ships and hasn't cancelled in Shopify", () => {
    expect(shipByWarning(order(-3, "AWAITING_COLLECTION"), now)).toBeNull();
    expect(shipByWarning(order(-3, "CANCELLED"), now)).toBeNull();
    expect(shipByWarning({ ...order(-3), fulfillment_type: "FULFILLMENT_BY_TIKTOK" }, now)).toBeNull();
    expect(shipByWarning(order(-3), now, true)).toBeNull();
    expect(shipByWarning({ status: "AWAITING_SHIPMENT", fulfillment_type: undefined }, now)).toBeNull();
    expect(shipByWarning(order(-3, "PARTIALLY_SHIPPING"), now)?.past).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { foldCarrier, matchProvider } from "./carriers";

const US = [
  { id: "1", name: "USPS" },
  { id: "2", name: "UPS" },
  { id: "3", name: "FedEx" },
  { id: "4", name: "GLS US" },
  { id: "5", name: "DHL eCommerce" },
  { id: "6", name: "Amazon Logistics" },
];

describe("matching a Shopify tracking company to a TikTok shipping provider", () => {
  it("folds case, spaces and punctuation", () => {
    expect(foldCarrier("GLS (US)")).toBe("glsus");
    expect(foldCarrier(" Fed-Ex ")).toBe("fedex");
  });

  it("matches Shopify's names to TikTok's", () => {
    expect(matchProvider("USPS", US)?.id).toBe("1");
    expect(matchProvider("UPS", US)?.id).toBe("2");
    expect(matchProvider("GLS (US)", US)?.id).toBe("4");
    expect(matchProvider("Amazon Logistics US", US)?.id).toBe("6");
  });

  it("leaves a carrier TikTok doesn't list, or names ambiguously, to the merchant", () => {
    // DHL Express is not DHL eCommerce: a wrong carrier is worse than none.
    expect(matchProvider("DHL Express", US)).toBeUndefined();
    expect(matchProvider("Other", US)).toBeUndefined();
    expect(matchProvider("", US)).toBeUndefined();
    expect(matchProvider("UPS", [...US, { id: "9", name: "U.P.S." }])).toBeUndefined();
  });
});

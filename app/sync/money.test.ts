import { describe, expect, it } from "vitest";
import {
  convertAmount,
  formatAmount,
  formatRate,
  isDecimalAmount,
  minorDigits,
  parseAmount,
  parseOptionalAmount,
  parseRate,
  ratio,
  sumAmounts,
} from "./money";

describe("exact money", () => {
  it("adds amounts a float would get wrong", () => {
    expect(formatAmount(parseAmount("0.1") + parseAmount("0.2"), "USD")).toBe("0.30");
    expect(formatAmount(sumAmounts(Array.from({ length: 10 }, () => parseAmount("0.10"))), "USD")).toBe(
      "1.00",
    );
  });

  it("writes USD and MYR with two decimals", () => {
    expect(formatAmount(parseAmount("12.5"), "USD")).toBe("12.50");
    expect(formatAmount(parseAmount("7"), "MYR")).toBe("7.00");
  });

  it("writes JPY and IDR without decimals", () => {
    expect(formatAmount(parseAmount("1500"), "JPY")).toBe("1500");
    expect(formatAmount(parseAmount("125000.00"), "IDR")).toBe("125000");
    expect(minorDigits("IDR")).toBe(0);
  });

  it("writes KWD with three decimals", () => {
    expect(formatAmount(parseAmount("1.5"), "KWD")).toBe("1.500");
  });

  it("keeps decimals a currency does not usually have rather than rounding them away", () => {
    expect(formatAmount(parseAmount("21.3"), "IDR")).toBe("21.3");
    expect(formatAmount(parseAmount("1.285"), "USD")).toBe("1.285");
  });

  it("handles negative amounts and amounts far beyond a float's exact range", () => {
    expect(formatAmount(parseAmount("-3.20"), "USD")).toBe("-3.20");
    expect(formatAmount(parseAmount("90071992547409.93") + parseAmount("0.01"), "USD")).toBe(
      "90071992547409.94",
    );
  });

  it("refuses text that is not an amount, and amounts finer than a millionth", () => {
    expect(() => parseAmount("12,50")).toThrow(RangeError);
    expect(() => parseAmount("0.0000001")).toThrow(RangeError);
    expect(parseAmount("1.5000000")).toBe(parseAmount("1.5"));
  });

  it("reads an absent optional amount as zero", () => {
    expect(parseOptionalAmount(undefined)).toBe(0n);
    expect(parseOptionalAmount("")).toBe(0n);
    expect(parseOptionalAmount(3)).toBe(0n);
    expect(isDecimalAmount("3.5")).toBe(true);
  });

  it("gives a rate as a four-digit decimal", () => {
    expect(ratio(parseAmount("0.725"), parseAmount("10"))).toBe("0.0725");
    expect(ratio(parseAmount("1"), parseAmount("3"))).toBe("0.3333");
    expect(ratio(parseAmount("1"), 0n)).toBe("0");
  });

  it("reads an exchange rate exactly, or not at all", () => {
    expect(parseRate("1.27")).toBe(1_270_000n);
    expect(parseRate(" 0.000063 ")).toBe(63n);
    expect(formatRate(parseAmount("191.234500"))).toBe("191.2345");
    expect(formatRate(parseAmount("150"))).toBe("150");
    for (const text of ["0", "0.000000", "-1.27", "1.2345678", "1,27", "1e3", ""]) {
      expect(parseRate(text), text).toBeUndefined();
    }
  });

  it("converts at a rate, rounding half away from zero to the target currency's minor unit", () => {
    const rate = parseAmount("1.27");
    const usd = (amount: string) => formatAmount(convertAmount(parseAmount(amount), rate, "USD"), "USD");
    expect(usd("19.99")).toBe("25.39"); // 25.3873
    expect(usd("2.50")).toBe("3.18"); // 3.175, which a float reads as 3.1749…
    expect(usd("1.50")).toBe("1.91"); // 1.905
    expect(usd("-2.50")).toBe("-3.18");
    expect(usd("0")).toBe("0.00");
    expect(formatAmount(convertAmount(parseAmount("19.99"), parseAmount("191.234567"), "JPY"), "JPY")).toBe(
      "3823",
    );
    expect(formatAmount(convertAmount(parseAmount("1.005"), parseAmount("1"), "KWD"), "KWD")).toBe("1.005");
    expect(formatAmount(convertAmount(parseAmount("155000"), parseAmount("0.000063"), "USD"), "USD")).toBe(
      "9.77",
    );
  });
});

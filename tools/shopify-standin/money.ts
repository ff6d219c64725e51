/**
 * Exact decimal money for totals that must reconcile to the cent: amounts are bigints in millionths of
 * a unit, formatted the way Shopify prints its Decimal scalar ("10.0", "2.5", "25.98").
 */
export type Amount = bigint;

const SCALE = 1_000_000n;
const SCALE_DIGITS = 6;

export const ZERO: Amount = 0n;

/** Parses a Decimal input (string or number); undefined when it is not a decimal number. */
export function parseAmount(value: unknown): Amount | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (!match[2] && !match[3])) return undefined;
  const fraction = (match[3] ?? "").padEnd(SCALE_DIGITS, "0");
  const units = BigInt(match[2] || "0") * SCALE + BigInt(fraction.slice(0, SCALE_DIGITS) || "0");
  return match[1] === "-" ? -units : units;
}

/** Shopify's Decimal output: no trailing zeros, at least one fractional digit. */
export function formatAmount(amount: Amount): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "") || "0";
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export function sum(amounts: Iterable<Amount>): Amount {
  let total = ZERO;
  for (const amount of amounts) total += amount;
  return total;
}

/** amount × quantity for a whole quantity. */
export function times(amount: Amount, quantity: number): Amount {
  return amount * BigInt(quantity);
}

/** amount × rate (a decimal such as 0.06), rounded half up to the currency's minor unit. */
export function applyRate(amount: Amount, rate: number | string, currencyCode: string): Amount {
  const parsedRate = parseAmount(rate) ?? ZERO;
  return roundToCurrency((amount * parsedRate) / SCALE, currencyCode);
}

/** Shopify's REST money (webhook bodies): a string with two decimals, "19.90", "0.00". */
export function formatRestAmount(amount: Amount): string {
  const negative = amount < 0n;
  const cents = roundToDigits(negative ? -amount : amount, 2) / 10n ** BigInt(SCALE_DIGITS - 2);
  return `${negative ? "-" : ""}${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
}

/** Rounds half away from zero to the currency's minor unit (2 digits for most, 0 for JPY and the like). */
export function roundToCurrency(amount: Amount, currencyCode: string): Amount {
  return roundToDigits(amount, minorDigits(currencyCode));
}

function roundToDigits(amount: Amount, digits: number): Amount {
  const step = 10n ** BigInt(SCALE_DIGITS - digits);
  const remainder = amount % step;
  const down = amount - remainder;
  if (remainder === 0n) return amount;
  const half = step / 2n;
  if (amount > 0n) return remainder >= half ? down + step : down;
  return -remainder >= half ? down - step : down;
}

function minorDigits(currencyCode: string): number {
  try {
    const options = new Intl.NumberFormat("en", {
      style: "currency",
      currency: currencyCode,
    }).resolvedOptions();
    return options.maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

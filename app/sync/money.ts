/**
 * Exact decimal money. TikTok sends amounts as decimal strings and Shopify takes Decimal strings; in between,
 * an amount is a BigInt count of millionths, so sums and differences are exact in every currency (JPY and IDR
 * without minor units, USD and MYR with two, KWD with three) and no float ever touches a price.
 */
export type Amount = bigint;

const SCALE_DIGITS = 6;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const PADDING = "0".repeat(SCALE_DIGITS);

export const ZERO: Amount = 0n;

export function isDecimalAmount(value: unknown): value is string {
  return typeof value === "string" && DECIMAL.test(value);
}

/** Parses a decimal string. Digits past the sixth decimal must be zeros: an amount is never rounded. */
export function parseAmount(text: string): Amount {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Not a decimal amount: "${text}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > SCALE_DIGITS && /[1-9]/.test(fraction.slice(SCALE_DIGITS))) {
    throw new RangeError(`Too many decimals: "${text}"`);
  }
  // One BigInt from the digits string: whole followed by exactly six decimals.
  const units = BigInt(whole + (fraction + PADDING).slice(0, SCALE_DIGITS));
  return sign ? -units : units;
}

/** An optional TikTok amount: absent or empty means zero. */
export function parseOptionalAmount(text: unknown): Amount {
  return isDecimalAmount(text) ? parseAmount(text) : ZERO;
}

// ISO 4217 currencies whose amounts are not written with two decimals. TikTok sends IDR as whole rupiah.
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, IDR: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0, BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
}; // prettier-ignore

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/**
 * Writes an amount with the currency's usual decimals, or more when the amount has more (TikTok sometimes
 * sends tax to a tenth of a rupiah): the written value always equals the amount exactly.
 */
export function formatAmount(amount: Amount, currency: string): string {
  const negative = amount < ZERO;
  const units = negative ? -amount : amount;
  const whole = units / SCALE;
  const fraction = (units % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  const digits = Math.max(minorDigits(currency), fraction.length);
  const text = digits === 0 ? whole.toString() : `${whole}.${fraction.padEnd(digits, "0")}`;
  return negative ? `-${text}` : text;
}

export function sumAmounts(amounts: Iterable<Amount>): Amount {
  let total = ZERO;
  for (const amount of amounts) total += amount;
  return total;
}

export function timesQuantity(amount: Amount, quantity: number): Amount {
  return amount * BigInt(quantity);
}

/** part / whole as a decimal string with four digits (a tax rate), "0" when whole is zero. Truncates. */
export function ratio(part: Amount, whole: Amount): string {
  if (whole === ZERO) return "0";
  const tenThousandths = (part * 10_000n) / whole;
  const sign = tenThousandths < 0n ? "-" : "";
  const abs = tenThousandths < 0n ? -tenThousandths : tenThousandths;
  const fraction = (abs % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${sign}${abs / 10_000n}${fraction ? `.${fraction}` : ""}`;
}

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
// A rate has at most as many decimals as an amount holds, so it is never rounded either.
const RATE = /^\d+(?:\.\d{1,6})?$/;

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
  return writeDecimal(amount, minorDigits(currency));
}

function writeDecimal(amount: Amount, minDigits: number): string {
  const negative = amount < ZERO;
  const units = negative ? -amount : amount;
  const whole = units / SCALE;
  const fraction = (units % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  const digits = Math.max(minDigits, fraction.length);
  const text = digits === 0 ? whole.toString() : `${whole}.${fraction.padEnd(digits, "0")}`;
  return negative ? `-${text}` : text;
}

/**
 * An exchange rate as the merchant writes it ("1.27": 1 unit of one currency is 1.27 of another), held
 * exactly like an amount: a positive decimal with at most six decimals; undefined when the text isn't one.
 */
export function parseRate(text: string): Amount | undefined {
  const trimmed = text.trim();
  if (!RATE.test(trimmed)) return undefined;
  const rate = parseAmount(trimmed);
  return rate > ZERO ? rate : undefined;
}

/** A rate written back with no more decimals than it has: "1.27", "150". */
export function formatRate(rate: Amount): string {
  return writeDecimal(rate, 0);
}

/**
 * amount × rate in the other currency, rounded half away from zero to that currency's minor unit: the one
 * place an amount is rounded, since another currency's amount is never exactly TikTok's.
 */
export function convertAmount(amount: Amount, rate: Amount, currency: string): Amount {
  const minorUnit = 10n ** BigInt(SCALE_DIGITS - minorDigits(currency));
  // amount × rate is in millionths of millionths: one minor unit of the result is SCALE × minorUnit of it.
  const step = SCALE * minorUnit;
  const product = amount * rate;
  const units = ((product < ZERO ? -product : product) + step / 2n) / step;
  return (product < ZERO ? -units : units) * minorUnit;
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

/** Money as integer cents, so the stand-in's payment totals reconcile exactly. */
const AMOUNT = /^-?\d+(\.\d{1,2})?$/;

export function toCents(amount: string | undefined, field = "amount"): number {
  if (amount === undefined || amount === "") return 0;
  if (!AMOUNT.test(amount)) throw new SpecError(`${field} must be a decimal amount with at most 2 decimals`);
  const [units = "0", fraction = ""] = amount.replace("-", "").split(".");
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, "0"));
  return amount.startsWith("-") ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A control-API request the stand-in cannot honour; answered with its status (400 unless not found). */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

// Days in the merchant's time zone. The server doesn't know that zone: the browser names it (an IANA name,
// such as Europe/Paris) with the dates it asks for.

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, instant: Date) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    wall: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/** How far the zone's clocks are ahead of UTC at `instant`, in ms. */
const offsetAt = (timeZone: string, instant: number) =>
  partsIn(timeZone, new Date(instant)).wall - Math.floor(instant / 1000) * 1000;

/** The instant a day (YYYY-MM-DD) starts in the zone, `plusDays` later: midnight, or the first hour after. */
export function startOfDay(day: string, timeZone: string, plusDays = 0): Date {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const midnight = Date.UTC(year, month - 1, date + plusDays);
  // The offset at the guess, then at the instant found: right on both sides of a change of clocks.
  const guess = midnight - offsetAt(timeZone, midnight);
  return new Date(midnight - offsetAt(timeZone, guess));
}

/** The day (YYYY-MM-DD) it is in the zone at `instant`. */
export const dayIn = (timeZone: string, instant: Date) => partsIn(timeZone, instant).day;

import { BlockStack, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "Placed Dec 1 – Dec 5, 2026", from the days as the URL holds them (YYYY-MM-DD). */
export function placedLabel(from?: string, to?: string): string {
  const show = (day: string) =>
    DAY.test(day)
      ? new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
          timeZone: "UTC",
          month: "short",
          day: "numeric",
          year: "numeric",
        })
      : day;
  if (from && to) return from === to ? `Placed on ${show(from)}` : `Placed ${show(from)} – ${show(to)}`;
  return from ? `Placed from ${show(from)}` : `Placed until ${show(to ?? "")}`;
}

type Props = {
  from?: string | undefined;
  to?: string | undefined;
  onChange: (changes: Record<string, string | undefined>) => void;
};

/**
 * Placed between two days, both included, as the merchant's browser counts days: the URL carries its time
 * zone with them, so a shared link means the same days.
 */
export function OrdersDateRange({ from, to, onChange }: Props) {
  const [first, setFirst] = useState(from ?? "");
  const [last, setLast] = useState(to ?? "");
  useEffect(() => setFirst(from ?? ""), [from]);
  useEffect(() => setLast(to ?? ""), [to]);

  // A date input's value is empty until the day is whole: only whole days and clearing reach the URL. Both
  // days go as the form shows them: the list may still be loading the first when the second is picked, and
  // the page's address would not have it yet.
  const pick = (key: "from" | "to", value: string) => {
    (key === "from" ? setFirst : setLast)(value);
    if (value && !DAY.test(value)) return;
    const other = key === "from" ? last : first;
    const otherKey = key === "from" ? "to" : "from";
    const tz = value || other ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
    onChange({ [key]: value || undefined, [otherKey]: DAY.test(other) ? other : undefined, tz });
  };
  const fields = [
    { key: "from", label: "From", value: first },
    { key: "to", label: "To", value: last },
  ] as const;
  return (
    <BlockStack gap="200">
      {fields.map(({ key, label, value }) => (
        <TextField
          key={key}
          label={label}
          type="date"
          value={value}
          onChange={(next) => pick(key, next)}
          autoComplete="off"
        />
      ))}
    </BlockStack>
  );
}

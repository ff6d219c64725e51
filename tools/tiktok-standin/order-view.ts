import type { OrderRecord } from "./order-builder";

/** Statuses in which TikTok withholds the recipient address. */
const ADDRESS_WITHHELD = new Set(["UNPAID", "ON_HOLD"]);

/** The order as the Open API serves it: address withheld while unpaid or on hold, overrides applied. */
export function renderOrder(record: OrderRecord): Record<string, unknown> {
  const order = structuredClone(record.order) as Record<string, unknown> & typeof record.order;
  if (ADDRESS_WITHHELD.has(order.status)) delete order.recipient_address;
  for (const line of order.line_items) line.display_status = order.status;
  for (const [path, value] of Object.entries(record.overrides)) setPath(order, path, value);
  return order;
}

/** Sets `a.b[0].c` (or `a.b.0.c`); `null` deletes the field, so a test can serve an order missing it. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean);
  const last = keys.pop();
  if (last === undefined) return;
  let node: unknown = target;
  for (const key of keys) {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    record[key] ??= {};
    node = record[key];
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (value === null) delete record[last];
  else record[last] = value;
}

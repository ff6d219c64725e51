import type { z } from "zod";
import { tiktokOrderSchema, type TikTokOrder } from "./types";

/** One field TikTok sent that the app cannot use, e.g. `{ path: "payment.total_amount", message }`. */
export type OrderIssue = { path: string; message: string };

/** An order that failed validation: the caller records it as Failed, naming the field, instead of crashing. */
export type InvalidTikTokOrder = { id: string | null; issues: OrderIssue[]; raw: unknown };

export type ValidatedOrders = { orders: TikTokOrder[]; invalid: InvalidTikTokOrder[] };

/** Validates each order on its own, so one malformed order does not hide the others. */
export function partitionOrders(rawOrders: unknown[]): ValidatedOrders {
  const result: ValidatedOrders = { orders: [], invalid: [] };
  for (const raw of rawOrders) {
    const parsed = tiktokOrderSchema.safeParse(raw);
    if (parsed.success) result.orders.push(parsed.data);
    else result.invalid.push({ id: orderIdOf(raw), issues: toIssues(parsed.error), raw });
  }
  return result;
}

export function toIssues(error: z.ZodError): OrderIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** `["line_items", 0, "sku_id"]` → `line_items[0].sku_id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || "(order)";
}

function orderIdOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "string" && id ? id : null;
}

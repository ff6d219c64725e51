import type { SyncStatus } from "@prisma/client";

/** Which of a store's orders a list shows. */
export type OrderListFilter = {
  statuses?: readonly SyncStatus[];
  /** One reason, or a group of them. */
  reasonCodes?: readonly string[];
  reasonStage?: number;
  /** Placed in this TikTok shop (its id), in this currency. */
  tiktokShopId?: string;
  currency?: string;
  /** Placed at or after `from` and before `to`. */
  placed?: { from?: Date; to?: Date };
  /**
   * What the merchant typed, matched without case: the start of a TikTok order id or of a Shopify order
   * name (with or without its "#"), or words that each start a word of the buyer's name or a SKU.
   */
  search?: string;
};

/** Where a list starts or ends: an order's place in the list's order (newest first, then by id). */
export type ListPosition = { createTime: Date; id: string };

/** Positional parameters of one SQL statement, named as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// Timestamps travel as ISO text: a timestamp column ignores the "Z", and Prisma stores UTC.
const at = (params: SqlParams, date: Date) => `${params.add(date.toISOString())}::timestamp(3)`;

/** `%`, `_` and `\` mean themselves in a LIKE pattern once escaped; the pattern then matches a start. */
const startsWith = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A tsquery matching a term that starts with `word`: quoted, with its quotes and backslashes doubled. */
const prefixLexeme = (word: string) => `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`;

/**
 * The search as SQL. Ids and order names are matched by the start of the whole text, each with a btree
 * index whose statistics tell the planner how many start that way; words by a GIN index (ADR 017).
 */
function searchCondition(text: string, params: SqlParams): string {
  const words = text.split(/\s+/).filter(Boolean);
  const matches: string[] = [];
  if (words.length === 1) matches.push(`o."tiktokOrderId" LIKE ${params.add(startsWith(text))}`);
  const name = text.replace(/^#+/, "");
  if (name)
    matches.push(`ltrim(lower(o."shopifyOrderName"), '#') LIKE lower(${params.add(startsWith(name))})`);
  if (words.length > 0)
    matches.push(`o."searchTerms" @@ lower(${params.add(words.map(prefixLexeme).join(" & "))})::tsquery`);
  return matches.length > 0 ? `(${matches.join(" OR ")})` : "true";
}

/** The conditions (joined by AND) that pick a store's orders of `filter`, the table named `o`. */
export function filterConditions(shopId: string, filter: OrderListFilter, params: SqlParams): string[] {
  const where = [`o."shopId" = ${params.add(shopId)}`];
  const { statuses, reasonCodes, reasonStage, tiktokShopId, currency, placed, search } = filter;
  if (statuses?.length === 1) where.push(`o."syncStatus" = ${params.add(statuses[0])}::"SyncStatus"`);
  else if (statuses) where.push(`o."syncStatus" = ANY(${params.add([...statuses])}::text[]::"SyncStatus"[])`);
  if (reasonCodes?.length === 1) where.push(`o."reasonCode" = ${params.add(reasonCodes[0])}`);
  else if (reasonCodes) where.push(`o."reasonCode" = ANY(${params.add([...reasonCodes])}::text[])`);
  if (reasonStage !== undefined) where.push(`o."reasonStage" = ${params.add(reasonStage)}::int`);
  if (tiktokShopId !== undefined) where.push(`o."tiktokShopId" = ${params.add(tiktokShopId)}`);
  if (currency !== undefined) where.push(`o."currency" = ${params.add(currency)}`);
  if (placed?.from) where.push(`o."createTime" >= ${at(params, placed.from)}`);
  if (placed?.to) where.push(`o."createTime" < ${at(params, placed.to)}`);
  if (search !== undefined) where.push(searchCondition(search, params));
  return where;
}

/**
 * Orders after `position` in the list's order (older), or before it (newer). The bound on createTime says
 * no more than the rest does, but the database can start reading the index there.
 */
export function beyond(position: ListPosition, direction: "older" | "newer", params: SqlParams): string {
  const time = at(params, position.createTime);
  const id = params.add(position.id);
  return direction === "older"
    ? `o."createTime" <= ${time} AND (o."createTime" < ${time} OR o."id" < ${id})`
    : `o."createTime" >= ${time} AND (o."createTime" > ${time} OR o."id" > ${id})`;
}

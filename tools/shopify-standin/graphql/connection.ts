import { GraphQLError } from "graphql";

export type ConnectionArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
};

const MAX_PAGE = 250;

/** A Relay connection over ids-ordered items, with Shopify-like opaque cursors. */
export function connection<T extends { id: number }>(
  items: T[],
  args: ConnectionArgs,
  toNode: (item: T) => unknown,
) {
  const { first, last, after, before } = args;
  if (first == null && last == null) throw new GraphQLError("you must provide one of first or last");
  if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE) {
    throw new GraphQLError(`The maximum page size is ${MAX_PAGE}; first and last must not exceed it`);
  }
  let list = args.reverse ? [...items].reverse() : items;
  if (after) {
    const index = list.findIndex((item) => item.id === decodeCursor(after));
    list = list.slice(index + 1);
  }
  if (before) {
    const index = list.findIndex((item) => item.id === decodeCursor(before));
    if (index >= 0) list = list.slice(0, index);
  }
  const start = last != null && first == null ? Math.max(0, list.length - last) : 0;
  const page = list.slice(start, first != null ? start + first : undefined);
  const nodes = page.map(toNode);
  const firstItem = page[0];
  const lastItem = page.at(-1);
  return {
    edges: page.map((item, index) => ({ cursor: encodeCursor(item.id), node: nodes[index] })),
    nodes,
    pageInfo: {
      hasNextPage: start + page.length < list.length,
      hasPreviousPage: start > 0 || !!args.after,
      startCursor: firstItem ? encodeCursor(firstItem.id) : null,
      endCursor: lastItem ? encodeCursor(lastItem.id) : null,
    },
  };
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: String(id) })).toString("base64");
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown };
    return typeof parsed.last_id === "number" ? parsed.last_id : undefined;
  } catch {
    return undefined;
  }
}

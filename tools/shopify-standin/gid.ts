/** Shopify global ids: `gid://shopify/<Type>/<number>`. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** The type and numeric id of a global id, or undefined when it is not one. */
export function parseGid(value: string): { type: string; id: number } | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { type: match[1], id: Number(match[2]) };
}

/** The numeric id of a global id of the given type (or of a bare number), else undefined. */
export function idOf(type: string, value: string | number): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = parseGid(value);
  return parsed?.type === type ? parsed.id : undefined;
}

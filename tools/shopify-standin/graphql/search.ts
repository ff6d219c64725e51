/**
 * Shopify's search syntax as used in `query:` arguments: space- or AND-separated terms, `field:value`
 * (value optionally quoted, a trailing `*` for a prefix), `-field:value` or `NOT field:value` to negate,
 * and bare words for free text, and `OR` between groups of terms (AND binds tighter, as on Shopify;
 * parentheses are not supported). Like Shopify, a term naming a field the resource doesn't know is
 * ignored rather than refused: a misspelt filter matches everything.
 */
export type SearchTerm = { field: string | null; value: string; negated: boolean };
/** Groups joined by OR; the terms of a group are joined by AND. No groups: everything matches. */
export type SearchQuery = SearchTerm[][];

export function parseSearch(query: string | null | undefined): SearchQuery {
  const tokens = (query ?? "").match(/-?[\w.]+:(?:"[^"]*"|'[^']*'|\S+)|"[^"]*"|\S+/g) ?? [];
  const groups: SearchQuery = [];
  let terms: SearchTerm[] = [];
  let negateNext = false;
  for (const token of tokens) {
    if (token === "AND") continue;
    if (token === "OR") {
      if (terms.length > 0) groups.push(terms);
      terms = [];
      continue;
    }
    if (token === "NOT") {
      negateNext = true;
      continue;
    }
    const negated = negateNext || token.startsWith("-");
    negateNext = false;
    const body = token.replace(/^-/, "");
    const colon = body.indexOf(":");
    const field = colon > 0 ? body.slice(0, colon) : null;
    const value = unquote(colon > 0 ? body.slice(colon + 1) : body);
    terms.push({ field, value, negated });
  }
  if (terms.length > 0) groups.push(terms);
  return groups;
}

/**
 * Whether a record passes every term. `fields` maps a search field to the record's values for it;
 * "" is free text (matched as a substring).
 */
export function matchesSearch(
  query: SearchQuery,
  fields: Record<string, Array<string | null | undefined>>,
): boolean {
  if (query.length === 0) return true;
  return query.some((terms) =>
    terms.every((term) => {
      const values = fields[term.field ?? ""];
      if (!values) return true;
      const hit = values.some((value) => value != null && matchesValue(term, value));
      return term.negated ? !hit : hit;
    }),
  );
}

function matchesValue(term: SearchTerm, value: string): boolean {
  const wanted = term.value.toLowerCase();
  const actual = value.toLowerCase();
  if (term.field === null) return actual.includes(wanted.replace(/\*$/, ""));
  return wanted.endsWith("*") ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

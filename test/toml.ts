/**
 * The part of TOML that the app's configuration files use (shopify.app.toml, the extensions'
 * shopify.extension.toml), read for the tests that hold them to the code: tables and arrays of tables with
 * bare or quoted, dotted names; `key = value` with dotted keys; basic and literal strings, booleans,
 * integers and arrays of them (over several lines too); comments. Anything else is an error naming the line,
 * so a file that outgrows this subset fails its test instead of being misread.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export type TomlTable = { [key: string]: TomlValue };

export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    let line = stripComment(lines[index] ?? "").trim();
    if (!line) continue;
    const at = `line ${index + 1}`;
    const arrayHeader = /^\[\[(.+)\]\]$/.exec(line);
    const header = arrayHeader ? null : /^\[(.+)\]$/.exec(line);
    if (arrayHeader?.[1]) {
      const path = splitKey(arrayHeader[1], at);
      const parent = tableAt(root, path.slice(0, -1), at);
      const name = path.at(-1) ?? "";
      const list = (parent[name] ??= []);
      if (!Array.isArray(list)) throw new Error(`${at}: ${name} is not an array of tables`);
      const table: TomlTable = {};
      list.push(table);
      current = table;
      continue;
    }
    if (header?.[1]) {
      current = tableAt(root, splitKey(header[1], at), at);
      continue;
    }
    const equals = line.indexOf("=");
    if (equals < 0) throw new Error(`${at}: expected key = value`);
    // An array may go on over the next lines until its brackets close.
    while (!balanced(line.slice(equals + 1)) && index + 1 < lines.length) {
      line += ` ${stripComment(lines[++index] ?? "").trim()}`;
    }
    const path = splitKey(line.slice(0, equals), at);
    const parent = tableAt(current, path.slice(0, -1), at);
    const name = path.at(-1) ?? "";
    if (name in parent) throw new Error(`${at}: ${name} is defined twice`);
    const reader = { text: line.slice(equals + 1).trim(), at };
    parent[name] = readValue(reader);
    if (reader.text.trim()) throw new Error(`${at}: unexpected ${reader.text.trim()}`);
  }
  return root;
}

function tableAt(root: TomlTable, path: string[], at: string): TomlTable {
  let table = root;
  for (const name of path) {
    const next = (table[name] ??= {});
    const target = Array.isArray(next) ? next.at(-1) : next;
    if (!target || typeof target !== "object" || Array.isArray(target))
      throw new Error(`${at}: ${name} is not a table`);
    table = target;
  }
  return table;
}

function splitKey(key: string, at: string): string[] {
  const parts: string[] = [];
  const reader = { text: key.trim(), at };
  for (;;) {
    reader.text = reader.text.trimStart();
    const quoted = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(reader.text);
    const bare = /^[A-Za-z0-9_-]+/.exec(reader.text);
    const match = quoted ?? bare;
    if (!match) throw new Error(`${at}: bad key ${key.trim()}`);
    parts.push(quoted ? (quoted[1] !== undefined ? unescape(quoted[1]) : (quoted[2] ?? "")) : match[0]);
    reader.text = reader.text.slice(match[0].length).trimStart();
    if (!reader.text) return parts;
    if (!reader.text.startsWith(".")) throw new Error(`${at}: bad key ${key.trim()}`);
    reader.text = reader.text.slice(1);
  }
}

function readValue(reader: { text: string; at: string }): TomlValue {
  reader.text = reader.text.trimStart();
  const basic = /^"((?:[^"\\]|\\.)*)"/.exec(reader.text);
  const literal = /^'([^']*)'/.exec(reader.text);
  const scalar = /^(true|false|[+-]?\d[\d_]*)(?=[\s,\]]|$)/.exec(reader.text);
  if (basic) {
    reader.text = reader.text.slice(basic[0].length);
    return unescape(basic[1] ?? "");
  }
  if (literal) {
    reader.text = reader.text.slice(literal[0].length);
    return literal[1] ?? "";
  }
  if (scalar?.[1]) {
    reader.text = reader.text.slice(scalar[0].length);
    return scalar[1] === "true" ? true : scalar[1] === "false" ? false : Number(scalar[1].replace(/_/g, ""));
  }
  if (reader.text.startsWith("[")) {
    reader.text = reader.text.slice(1);
    const items: TomlValue[] = [];
    for (;;) {
      reader.text = reader.text.trimStart();
      if (reader.text.startsWith("]")) {
        reader.text = reader.text.slice(1);
        return items;
      }
      items.push(readValue(reader));
      reader.text = reader.text.trimStart();
      if (reader.text.startsWith(",")) reader.text = reader.text.slice(1);
      else if (!reader.text.startsWith("]")) throw new Error(`${reader.at}: expected , or ] in an array`);
    }
  }
  throw new Error(`${reader.at}: unsupported value ${reader.text}`);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", b: "\b", f: "\f" };

function unescape(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, code: string) =>
    code.length > 1 ? String.fromCodePoint(parseInt(code.slice(1), 16)) : (ESCAPES[code] ?? code),
  );
}

/** The line without its comment: a `#` outside a string. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === "\\" && quote === '"') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "#") return line.slice(0, i);
  }
  return line;
}

function balanced(value: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (quote) {
      if (char === "\\" && quote === '"') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "[") depth++;
    else if (char === "]") depth--;
  }
  return depth <= 0;
}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The import graph of the app's own files, read from their source: every `import … from`, `export … from`,
 * `import("…")` and side-effect `import "…"`, type-only ones included (a type import ties two files together
 * as much as any other). Only specifiers that name a file of `app/` (`~/…` or relative) are edges.
 */
export type ImportGraph = Map<string, string[]>;

const root = resolve(import.meta.dirname, "..");
const appDir = join(root, "app");
const extensions = [".ts", ".tsx", "/index.ts", "/index.tsx", "/route.tsx", "/route.ts"];
const ignoredFolders = new Set(["node_modules", "build", "data"]);
const specifierPattern =
  /(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (ignoredFolders.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("~/")) base = join(appDir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return undefined;
  if (/\.tsx?$/.test(base) && existsSync(base)) return base;
  return extensions.map((extension) => base + extension).find((path) => existsSync(path));
}

/**
 * Every file of the app and of the tooling that runs it (`app/`, `scripts/`, `tools/`, `server.ts`; paths
 * relative to the project root, e.g. `app/sync/evaluate.ts`) and the files of `app/` it imports.
 */
export function readImportGraph(): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = [
    ...["app", "scripts", "tools"].flatMap((dir) => listFiles(join(root, dir))),
    join(root, "server.ts"),
  ];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const targets = new Set<string>();
    for (const match of source.matchAll(specifierPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = specifier && resolveSpecifier(file, specifier);
      if (target && target.startsWith(appDir)) targets.add(relative(root, target));
    }
    graph.set(relative(root, file), [...targets].sort());
  }
  return graph;
}

/** The import loops: each strongly connected group of two or more files (or a file importing itself). */
export function importLoops(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];

  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) loops.push(group.sort());
  };

  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return loops;
}

export const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

import { describe, expect, it } from "vitest";
import { importLoops, isTestFile, readImportGraph } from "./import-graph";

/**
 * The shape of the app, checked on its imports (docs/decisions/016-the-house.md): routes → pages →
 * sync / tiktok / linking / billing / shopify-webhooks → admin-api → models → db, nothing pointing back.
 */
const graph = readImportGraph();
const appFiles = [...graph.keys()].filter((file) => file.startsWith("app/") && !isTestFile(file));
const importsOf = (file: string) => graph.get(file) ?? [];

/** A file's layer: its folder under app/, or the file itself at the top (`shopify.server`, `env`). */
function layerOf(file: string): string {
  if (file === "app/db.server.ts") return "db";
  const [, folder] = file.split("/");
  return file.split("/").length > 2 && folder ? folder : file.replace(/^app\/|\.(server\.)?tsx?$/g, "");
}

const isDatabase = (file: string) => file === "app/db.server.ts" || file.startsWith("app/db/");

describe("the app's shape", () => {
  it("has no import loop among its files", () => {
    expect(importLoops(graph)).toEqual([]);
  });

  // A leaf (a file that imports no other: constants, types, schemas) can't close a loop, wherever it lives:
  // `shopify.server.ts` reads the API version and the plans, which sit with their own folders.
  it("has no loop among its folders, leaves aside", () => {
    const folders = new Map<string, string[]>();
    for (const file of appFiles) {
      const targets = new Set(
        importsOf(file)
          .filter((target) => importsOf(target).length > 0)
          .map(layerOf)
          .filter((layer) => layer !== layerOf(file)),
      );
      folders.set(layerOf(file), [...new Set([...(folders.get(layerOf(file)) ?? []), ...targets])]);
    }
    expect(importLoops(folders)).toEqual([]);
  });

  it("reaches the database only from the data layer (and the session storage)", () => {
    const outside = appFiles.flatMap((file) =>
      importsOf(file)
        .filter(isDatabase)
        .filter(
          () => !file.startsWith("app/models/") && !isDatabase(file) && file !== "app/shopify.server.ts",
        )
        .map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it("keeps models to data access: they import only the database, infrastructure and each other", () => {
    const allowed = /^app\/(models|db|lib)\/|^app\/(db|env)\.server\.ts$/;
    const reaching = appFiles
      .filter((file) => file.startsWith("app/models/"))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => !allowed.test(target))
          .map((t) => `${file} → ${t}`),
      );
    expect(reaching).toEqual([]);
  });

  it("keeps test code out of app/: no helper for tests, nothing imported from test/ or tools/", () => {
    const helpers = [...graph.keys()].filter((file) => /^app\/.*(test-helper|\.fixture\.)/.test(file));
    const fromTests = appFiles.filter((file) => importsOf(file).some((target) => !target.startsWith("app/")));
    const usedOnlyByTests = appFiles.filter((file) => {
      const importers = [...graph]
        .filter(([, targets]) => targets.includes(file))
        .map(([importer]) => importer);
      return importers.length > 0 && importers.every(isTestFile) && !isEntryPoint(file);
    });
    expect({ helpers, fromTests, usedOnlyByTests }).toEqual({
      helpers: [],
      fromTests: [],
      usedOnlyByTests: [],
    });
  });
});

/** Files Remix loads by name, which no file imports. */
function isEntryPoint(file: string): boolean {
  return file.startsWith("app/routes/") || /^app\/(root|entry\.server)\.tsx$/.test(file);
}

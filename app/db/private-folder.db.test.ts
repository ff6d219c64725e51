import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./connect.server";
import { assertPrivateFolder, DataFolderError } from "./private-folder.server";

// The embedded database's files on a real disk: its folder holds tokens and buyers' data. Opening PGlite on
// disk takes seconds.
const SLOW = 60_000;
const scratch = mkdtempSync(path.join(tmpdir(), "pglite-private-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file and folder under `dir` (itself included) that others than its owner may use, with its mode. */
function openToOthers(dir: string): string[] {
  const entries = [dir, ...readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name)))];
  return entries
    .map((entry) => [entry, statSync(entry).mode & 0o777] as const)
    .filter(([, mode]) => mode & 0o077)
    .map(([entry, mode]) => `${mode.toString(8)} ${path.relative(dir, entry) || "."}`);
}

async function useDatabase(dir: string) {
  const database = openDatabase(dir);
  try {
    await database.query(`CREATE TABLE IF NOT EXISTS "secret" ("token" text)`);
    await database.query(`INSERT INTO "secret" VALUES ('shpat_in_the_wal')`);
  } finally {
    await database.close();
  }
}

describe("the embedded database's folder", () => {
  it(
    "is created 0700 with its files 0600",
    async () => {
      const dir = path.join(scratch, "fresh", "pglite");
      await useDatabase(dir);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(readdirSync(path.join(dir, "pg_wal")).length).toBeGreaterThan(0);
      expect(openToOthers(dir)).toEqual([]);
    },
    SLOW,
  );

  it(
    "is made private when an earlier version left it and its files open to everyone",
    async () => {
      const dir = path.join(scratch, "older", "pglite");
      await useDatabase(dir);
      chmodSync(dir, 0o777);
      for (const name of readdirSync(dir, { recursive: true })) {
        const entry = path.join(dir, String(name));
        chmodSync(entry, statSync(entry).isDirectory() ? 0o777 : 0o666);
      }
      await useDatabase(dir);
      expect(openToOthers(dir)).toEqual([]);
    },
    SLOW,
  );

  it("stops the start with an error naming the folder and the fix while others can read it", () => {
    const dir = path.join(scratch, "shared");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "PG_VERSION"), "17");
    chmodSync(dir, 0o755);
    expect(() => assertPrivateFolder(dir)).toThrow(DataFolderError);
    expect(() => assertPrivateFolder(dir)).toThrow(`chmod -R go-rwx "${dir}"`);
    chmodSync(dir, 0o700);
    expect(() => assertPrivateFolder(dir)).not.toThrow();
  });
});

import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The embedded database's folder holds the stores' tokens and buyers' names and addresses, its write-ahead
 * log included: only the user the app runs as may read or write it. Folders are 0700 and files 0600.
 */

export class DataFolderError extends Error {
  override name = "DataFolderError";
}

/**
 * Makes `dir` private before PGlite opens it: the process's umask keeps what PGlite creates from now on
 * private, and the folder (with anything an older version left open to others) is made private too.
 * Fails with a DataFolderError naming the folder and the fix when it stays readable by others.
 */
export function preparePrivateFolder(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  makePrivate(dir);
  assertPrivateFolder(dir);
}

/**
 * Takes group and other permissions off `dir` and everything in it. PGlite writes a new folder's first
 * files with mode 0666 whatever the umask, so this runs again once it has.
 */
export function makePrivate(dir: string): void {
  for (const entry of [dir, ...entriesUnder(dir)]) {
    try {
      const { mode } = lstatSync(entry);
      if (mode & 0o077) chmodSync(entry, mode & 0o7700);
    } catch {
      // Not ours to change (another owner) or gone meanwhile: the folder's own check below decides.
    }
  }
}

/** Fails when others than the app's user may enter or read `dir`. */
export function assertPrivateFolder(dir: string): void {
  // Windows has no such modes: its folders' access lists are the administrator's to set.
  if (process.platform === "win32") return;
  const mode = lstatSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  throw new DataFolderError(
    `The database folder ${dir} is open to other users of this machine (mode ${mode.toString(8)}), and it ` +
      `holds access tokens and buyers' personal data. As its owner, run: chmod -R go-rwx "${dir}"`,
  );
}

function entriesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => !entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

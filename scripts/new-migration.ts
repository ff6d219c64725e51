// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql for the changes
// made to prisma/schema.prisma since the last migration (whose schema is kept beside it as schema.prisma).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "~/db/migrate.server";

const name = process.argv[2] ?? "";
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits and underscores)");
  process.exit(2);
}

const previous = readMigrations().at(-1);
const previousSchema = previous && path.join(MIGRATIONS_DIR, previous.name, "schema.prisma");
if (previousSchema && !existsSync(previousSchema)) {
  console.error(`${previousSchema} is missing: it is the schema the new migration is measured from.`);
  process.exit(1);
}
const from = previousSchema ? ["--from-schema-datamodel", previousSchema] : ["--from-empty"];
const sql = execFileSync(
  "prisma",
  ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!sql.split("\n").some((line) => line.trim() && !line.startsWith("--"))) {
  console.log("prisma/schema.prisma has no changes since the last migration.");
  process.exit(0);
}
// Migrations apply in name order: the new one must sort after the last, whatever the clock says.
const clock = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const lastStamp = previous?.name.slice(0, 14) ?? "";
const stamp = clock > lastStamp ? clock : String(BigInt(lastStamp) + 1n);
const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
copyFileSync(path.join("prisma", "schema.prisma"), path.join(folder, "schema.prisma"));
console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);

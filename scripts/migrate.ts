// Applies pending migrations to the database DATABASE_URL names (default: the embedded PGlite folder).
// The app also does this at start-up; this is for deploy pipelines that migrate before rolling out.
import { closeAllDatabases, openDatabase } from "~/db/connect.server";
import { applyMigrations } from "~/db/migrate.server";

const url = process.env.DATABASE_URL || "data/pglite";
const database = openDatabase(url);
try {
  const applied = await database.withConnection((connection) => applyMigrations(connection));
  console.log(applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date.");
} finally {
  await closeAllDatabases();
}

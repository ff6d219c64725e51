import { closeAllDatabases, openDatabase, type Database } from "./db/connect.server";
import { applyMigrations } from "./db/migrate.server";
import { env } from "./env.server";
import { onShutdown } from "./lib/shutdown.server";

declare global {
  // Kept across hot reloads in development, so one PGlite instance owns the data folder.
  var __database: Database | undefined;
}

function connect(): Database {
  if (process.env.NODE_ENV !== "development") return openDatabase(env.DATABASE_URL);
  return (globalThis.__database ??= openDatabase(env.DATABASE_URL));
}

export const database = connect();

// Migrations are applied before anything queries the database: at start-up, and before each test file.
await database.withConnection((connection) => applyMigrations(connection));

// The database closes last on shutdown: everything registered after it (the worker, the webhook batcher)
// stops first. Registered once, however often development reloads this module.
declare global {
  var __databaseCloses: boolean | undefined;
}
if (!globalThis.__databaseCloses) {
  globalThis.__databaseCloses = true;
  onShutdown(closeAllDatabases);
}

const prisma = database.prisma;
export default prisma;

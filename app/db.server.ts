import { openDatabase, type Database } from "./db/connect.server";
import { applyMigrations } from "./db/migrate.server";
import { env } from "./env.server";

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

const prisma = database.prisma;
export default prisma;

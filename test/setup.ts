import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { closeAllDatabases } from "~/db/connect.server";
import { createTestDatabase, type TestDatabase } from "./database";

// Every test file gets a database of its own: in-memory PGlite by default, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL. db.server opens it on first import.
// This runs before the test file is imported, so the file's own imports already see its database.
const database: TestDatabase = await createTestDatabase(process.env.TEST_DATABASE_URL);
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await closeAllDatabases();
  await database.drop();
});

// An unexpected console.error is a bug: fail the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

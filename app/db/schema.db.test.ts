import { describe, expect, it } from "vitest";
import prisma, { database } from "~/db.server";
import { applyMigrations, readMigrations } from "./migrate.server";

describe("the database schema", () => {
  it("applies every migration once and records it in Prisma's history", async () => {
    const names = readMigrations().map((migration) => migration.name);
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    const again = await database.withConnection((connection) => applyMigrations(connection));
    expect(again).toEqual([]);
  });

  it("refuses a migration that was changed after it was applied", async () => {
    const changed = readMigrations().map((migration) => ({ ...migration, checksum: "0".repeat(64) }));
    await expect(database.withConnection((c) => applyMigrations(c, changed))).rejects.toThrow(
      /was changed after it was applied/,
    );
  });
});

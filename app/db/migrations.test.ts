import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "./migrate.server";

describe("the migration history", () => {
  it("has a migration for every change to prisma/schema.prisma", () => {
    const last = readMigrations().at(-1);
    expect(last, "prisma/migrations has no migration").toBeDefined();
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, last?.name ?? "", "schema.prisma"), "utf8");
    const current = readFileSync(path.join("prisma", "schema.prisma"), "utf8");
    expect(current, "run `npm run db:migration -- <name>` after changing the schema").toBe(snapshot);
  });
});

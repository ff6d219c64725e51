import { describe, expect, it } from "vitest";
import prisma, { database } from "~/db.server";
import { analyzeChangedTables } from "./analyze.server";

describe("analyzing the tables that changed", () => {
  it("gives the planner statistics for a table once enough of it changed, and leaves it alone after", async () => {
    // On one connection: a session's changes reach the statistics views from that session first.
    const analyzed = await database.withConnection(async (connection) => {
      await connection.exec(`INSERT INTO "Shop" ("id", "domain", "updatedAt")
        SELECT 'analyze-' || n, 'analyze-' || n || '.myshopify.com', now() FROM generate_series(1, 120) AS n`);
      await analyzeChangedTables(connection);
      return analyzeChangedTables(connection);
    });

    const stats = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stats WHERE tablename = 'Shop' AND attname = 'domain'`;
    expect(Number(stats[0]?.n)).toBe(1);
    expect(analyzed).not.toContain('public."Shop"');
  });
});

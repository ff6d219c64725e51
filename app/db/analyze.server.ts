import type { SqlConnection } from "./migrate.server";

/** How often the embedded database looks for tables to analyze. */
export const ANALYZE_EVERY_MS = 60_000;

/**
 * Gathers the planner's statistics for every table that changed enough since they were last gathered, by
 * autovacuum's own rule (50 rows plus 10% of the table). PostgreSQL's autovacuum does this by itself; PGlite
 * runs no autovacuum, and without statistics its planner takes a store's 100,000 orders for a few hundred
 * and sorts them all for a page of 50 instead of reading the page from an index. Returns the tables analyzed.
 */
export async function analyzeChangedTables(connection: SqlConnection): Promise<string[]> {
  // A backend reports its changes to the statistics views when it next goes idle, at most once a second.
  await connection.query("SELECT pg_stat_force_next_flush()");
  const tables = await connection.query<{ name: string }>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS name
     FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
     ORDER BY s.n_mod_since_analyze DESC`,
  );
  for (const { name } of tables) await connection.exec(`ANALYZE ${name}`);
  return tables.map((table) => table.name);
}

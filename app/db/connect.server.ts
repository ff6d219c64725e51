import { createHash } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@prisma/client";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { ANALYZE_EVERY_MS, analyzeChangedTables } from "./analyze.server";
import type { SqlConnection } from "./migrate.server";
import { withTypedErrors } from "./pglite-errors.server";
import { makePrivate, preparePrivateFolder } from "./private-folder.server";
import { SessionLocks } from "./session-locks.server";

export type Database = {
  prisma: PrismaClient;
  kind: "pglite" | "postgresql";
  /**
   * One statement straight on the driver, without Prisma: for the hot paths (a burst of webhooks) where
   * Prisma's own cost per query (about 0.5 ms of CPU, even for raw SQL) would be most of the work.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` on one dedicated connection (migrations need a session for their lock). */
  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /**
   * Takes the lock `name` for as long as this process keeps the database open: true once it has it, false
   * while another process does. On PGlite, whose database one process opens at a time, always true.
   */
  holdLock(name: string): Promise<boolean>;
  close(): Promise<void>;
};

const open = new Set<Database>();

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the database a URL names: PostgreSQL for postgres:// and postgresql:// URLs, otherwise PGlite with
 * its files in the given folder (`memory://` keeps it in memory).
 */
export function openDatabase(url: string): Database {
  const database = isPostgresUrl(url) ? openPostgres(url) : openPGlite(url);
  open.add(database);
  return database;
}

/** Closes every database this process opened (PGlite keeps the process alive until it is closed). */
export async function closeAllDatabases(): Promise<void> {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((database) => database.close()));
}

/** The folder of a PGlite URL; undefined for `memory://`. */
export function pgliteFolder(url: string): string | undefined {
  return url === "memory://" ? undefined : path.resolve(url.replace(/^(pglite|file):(\/\/)?/, ""));
}

function openPGlite(url: string): Database {
  const dataDir = pgliteFolder(url);
  // The folder holds tokens and buyers' data: private before PGlite writes a byte, and its first files
  // (written 0666 whatever the umask) made private as soon as they exist.
  if (dataDir) preparePrivateFolder(dataDir);
  const pglite = new PGlite(dataDir);
  // A PGlite that fails to open says so on its first query.
  if (dataDir)
    void pglite.waitReady.then(
      () => makePrivate(dataDir),
      () => undefined,
    );
  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
  const connection: SqlConnection = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params)).rows as never,
  };
  // PGlite has no autovacuum to keep the planner's statistics; this does that part of its work. Statistics
  // only make plans better, so a failed round is left to the next one.
  const analyzer = setInterval(() => {
    if (!pglite.closed) analyzeChangedTables(connection).catch(() => undefined);
  }, ANALYZE_EVERY_MS);
  analyzer.unref();
  return {
    prisma,
    kind: "pglite",
    query: connection.query,
    withConnection: (fn) => fn(connection),
    holdLock: async () => true,
    async close() {
      clearInterval(analyzer);
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

// pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils than the client's; the
// interface the client calls is the same (queries and transactions run in the tests on every change), but
// its errors need translating (see pglite-errors.server.ts).
function pgliteAdapter(pglite: PGlite) {
  const adapter = withTypedErrors(new PrismaPGlite(pglite));
  return adapter as unknown as NonNullable<Prisma.PrismaClientOptions["adapter"]>;
}

const statementNames = new Map<string, string>();

/** A name for a statement's text, the same in every process (a hash), for PostgreSQL's prepared statements. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection the server ends (a restart, a failover, an administrator) is dropped from the pool
  // and the next query opens a new one; unheard, the pool's error event would end the process.
  pool.on("error", (error) => console.warn(`A PostgreSQL connection was closed: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const locks = new SessionLocks(url);
  return {
    prisma,
    kind: "postgresql",
    // Named, so each connection parses and plans a statement once and then only binds and executes it: the
    // hot paths send the same few statements thousands of times.
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await pool.query({ name: statementName(sql), text: sql, values: params ?? [] })).rows as Row[],
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
      } finally {
        client.release();
      }
    },
    holdLock: (name) => locks.hold(name),
    async close() {
      await prisma.$disconnect();
      await locks.close();
      await pool.end();
    },
  };
}

/**
 * A digest of every row of every table the app keeps (whatever tables later migrations add): two equal
 * digests mean a request changed nothing. One query, so a property test can take it around every run.
 */
let digestSql: string | undefined;

export async function databaseDigest(): Promise<string> {
  const { default: prisma } = await import("~/db.server");
  if (!digestSql) {
    const tables = await prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`;
    const parts = tables.map(
      ({ name }) =>
        `'${name}:' || coalesce((SELECT string_agg(t::text, ',' ORDER BY t::text) FROM "${name}" t), '')`,
    );
    digestSql = `SELECT md5(${parts.join(" || '|' || ")}) AS digest`;
  }
  const [row] = await prisma.$queryRawUnsafe<{ digest: string }[]>(digestSql);
  if (!row) throw new Error("The digest query returned nothing");
  return row.digest;
}

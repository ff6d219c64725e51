import path from "node:path";
import { defineConfig, type PrismaConfig } from "prisma/config";

type AdapterFactory = Awaited<ReturnType<Extract<PrismaConfig, { engine: "js" }>["adapter"]>>;

// The CLI (generate, migrate diff) runs on Prisma's JavaScript engines: nothing is downloaded.
// Migrations are applied by scripts/migrate.mjs (see docs/decisions/001-embedded-postgres.md).
// The app's DATABASE_URL may name a PGlite folder, which the CLI would not take for PostgreSQL's and then
// fetch its native engine: the CLI is given a PostgreSQL URL it never connects to.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ""))
  process.env.DATABASE_URL = "postgresql://localhost/unused";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Typed against an older adapter-utils than the CLI's; the interface the CLI calls is the same.
    return new PrismaPGlite(new PGlite()) as unknown as AdapterFactory;
  },
});

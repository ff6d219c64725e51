import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI (generate, migrate diff) runs on Prisma's JavaScript engines: nothing is downloaded.
// Migrations are applied by scripts/migrate.mjs (see docs/decisions/001-embedded-postgres.md).
process.env.DATABASE_URL ??= "postgresql://localhost/unused";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});

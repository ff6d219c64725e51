// Regenerates the types of the app's Admin GraphQL documents (app/types/admin.types.d.ts and
// admin.generated.d.ts) from the vendored Admin schema, offline, and unzips that schema where editors and the
// `graphql-codegen` command read it (.graphqlrc.ts). Run it after changing a `#graphql` document or the pinned
// API version; app/types/generated-types.test.ts fails until its output is committed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { adminSchemaPath } from "~/admin-api/admin-schema.server";
import { ADMIN_SCHEMA_FILE } from "../.graphqlrc";
import { generateAdminTypes, staleFiles } from "./lib/graphql-codegen";

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Whole or not at all: a reader beside this run never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, file);
}

write(ADMIN_SCHEMA_FILE, gunzipSync(readFileSync(adminSchemaPath())));

const files = await generateAdminTypes();
const stale = new Set(staleFiles(files));
for (const file of files) {
  if (stale.has(file.path)) write(file.path, file.content);
  console.log(`${stale.has(file.path) ? "Wrote" : "Unchanged"} ${file.path}`);
}

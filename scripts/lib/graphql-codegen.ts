import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { generate } from "@graphql-codegen/cli";
import type * as GraphQL from "graphql";
import { adminSchemaPath } from "~/admin-api/admin-schema.server";
import graphqlConfig from "../../.graphqlrc";

// The copy of graphql codegen itself loads: a schema built by another copy (under vitest an `import` here
// gets graphql's ESM build) is refused as coming "from another module or realm".
const graphql = createRequire(import.meta.url)("graphql") as typeof GraphQL;

/**
 * The vendored Admin schema (the one the documents are validated against), sorted as codegen sorts the schema
 * file it reads: the `graphql-codegen` command, reading the unzipped file, gives the same types.
 */
function adminSchema(): GraphQL.GraphQLSchema {
  const json = JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString("utf8")) as
    GraphQL.IntrospectionQuery | { data: GraphQL.IntrospectionQuery };
  return graphql.lexicographicSortSchema(graphql.buildClientSchema("data" in json ? json.data : json));
}

export type GeneratedFile = { path: string; content: string };

/**
 * The types of the app's Admin GraphQL documents as `.graphqlrc.ts` generates them, from the vendored schema
 * and the documents as they are now: what `npm run graphql-codegen` writes, without writing anything.
 */
export async function generateAdminTypes(): Promise<GeneratedFile[]> {
  const { documents, extensions } = graphqlConfig.projects.default;
  const { generates, ...codegen } = extensions.codegen;
  const schema = adminSchema();
  const outputs: { filename: string; content: string }[] = await generate(
    {
      ...codegen,
      documents,
      generates: Object.fromEntries(
        Object.entries(generates).map(([file, output]) => [file, { ...output, schema }]),
      ),
      cwd: process.cwd(),
      silent: true,
    },
    false,
  );
  return outputs
    .map((output) => ({
      path: path.relative(process.cwd(), path.resolve(output.filename)),
      content: output.content,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function readOr(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The generated files whose checked-in copy is missing or differs from `files`. */
export function staleFiles(files: GeneratedFile[]): string[] {
  return files.filter((file) => readOr(file.path) !== file.content).map((file) => file.path);
}

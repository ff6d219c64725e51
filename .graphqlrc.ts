import type { CodegenConfig } from "@graphql-codegen/cli";
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/admin-api/api-version";

// Types of the app's Admin GraphQL documents (ADR 027): `npm run graphql-codegen` writes them to app/types/.

/**
 * Shopify's Admin schema of the version the app pins: the vendored introspection (app/admin-api/admin-schema/,
 * gzipped), unzipped into this git-ignored file by `npm run graphql-codegen` for editors and the
 * `graphql-codegen` command. Nothing here asks Shopify for a schema.
 */
export const ADMIN_SCHEMA_FILE = `.graphql-schema/admin_${ADMIN_API_VERSION}.json`;

/** Where the app's Admin GraphQL documents are. */
export const ADMIN_DOCUMENTS_DIR = "app/admin-api/operations";

const preset = shopifyApiProject({
  apiType: ApiType.Admin,
  apiVersion: ADMIN_API_VERSION,
  // Every document the app sends is an exported `#graphql` string there (app/types/generated-types.test.ts
  // checks that none is elsewhere); tests and the Shopify stand-in have documents of their own.
  documents: [`${ADMIN_DOCUMENTS_DIR}/*.ts`, `!${ADMIN_DOCUMENTS_DIR}/*.test.ts`],
  outputDir: "./app/types",
});

type Generates = CodegenConfig["generates"];
type Output = Exclude<Generates[string], unknown[]>;
const { generates, ...codegen } = preset.extensions?.codegen as Pick<
  CodegenConfig,
  "pluckConfig" | "generates"
>;

/**
 * The preset's outputs read the vendored schema: not Shopify's URL, and without the output that downloads it.
 * A field the document selects is always in the answer, null or not: its type says `field: T | null` (as the
 * hand-written types did), not `field?: T | null`.
 */
const offline = Object.fromEntries(
  Object.entries(generates as Record<string, Output>)
    .filter(([, output]) => !output.plugins?.includes("introspection"))
    .map(([file, output]) => [
      file,
      { ...output, schema: ADMIN_SCHEMA_FILE, config: { ...output.config, avoidOptionals: { field: true } } },
    ]),
) satisfies Generates;

export default {
  projects: {
    default: {
      ...preset,
      schema: ADMIN_SCHEMA_FILE,
      extensions: { codegen: { ...codegen, generates: offline } },
    },
  },
};

import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "./api-version";

let cached: GraphQLSchema | undefined;

/** Path of Shopify's introspection of the pinned Admin API version, vendored as data. */
export function adminSchemaPath(version: string = ADMIN_API_VERSION): string {
  return path.resolve(process.cwd(), "app", "admin-api", "admin-schema", `admin_${version}.json.gz`);
}

/** Shopify's Admin GraphQL schema of the pinned version, built once per process. */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString("utf8")) as
    IntrospectionQuery | { data: IntrospectionQuery };
  cached = buildClientSchema("data" in json ? json.data : json);
  return cached;
}

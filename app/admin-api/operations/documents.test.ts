import { parse, validate, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";

// Every GraphQL document the app sends lives in this folder as an exported `#graphql` string: all of them
// are found here, so a new one is validated without being listed anywhere.
const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts"], { eager: true });
const documents = Object.entries(modules).flatMap(([, exports]) =>
  Object.entries(exports).filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === "string" && entry[1].trimStart().startsWith("#graphql"),
  ),
);

describe("the app's Admin API documents", () => {
  const schema = loadAdminSchema();

  it("finds every operation the app sends", () => {
    expect(documents.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining(["ACTIVE_SUBSCRIPTIONS", "ORDER_CREATE", "ORDER_CANCEL", "VARIANTS_BY_ID"]),
    );
  });

  it.each(documents)("%s is valid against the pinned Admin schema", (_, document) => {
    const ast = parse(document.replace(/^#graphql/, ""));
    expect(validate(schema, ast).map((error) => error.message)).toEqual([]);
  });

  it.each(documents)("%s is one named operation tagged #graphql", (_, document) => {
    const operations = parse(document).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
    );
    expect(operations).toHaveLength(1);
    expect(operations[0]?.name?.value).toMatch(/^[A-Z]\w+$/);
  });
});

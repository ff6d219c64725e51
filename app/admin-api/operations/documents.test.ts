import { parse, validate, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../admin-schema.server";
import { ADMIN_DOCUMENTS } from "./index";

describe("the app's Admin API documents", () => {
  const schema = loadAdminSchema();

  it.each(Object.entries(ADMIN_DOCUMENTS))("%s is valid against the pinned Admin schema", (_, document) => {
    const ast = parse(document.replace(/^#graphql/, ""));
    expect(validate(schema, ast).map((error) => error.message)).toEqual([]);
  });

  it.each(Object.entries(ADMIN_DOCUMENTS))("%s is one named operation tagged #graphql", (_, document) => {
    expect(document.trimStart().startsWith("#graphql")).toBe(true);
    const operations = parse(document).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
    );
    expect(operations).toHaveLength(1);
    expect(operations[0]?.name?.value).toMatch(/^[A-Z]\w+$/);
  });
});

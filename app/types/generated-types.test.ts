import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_DOCUMENTS_DIR } from "../../.graphqlrc";
import { generateAdminTypes, staleFiles } from "../../scripts/lib/graphql-codegen";

// The operations take their answers' types from these files (ADR 027): generated from the app's `#graphql`
// documents and the vendored schema, they must say what the documents now ask.
describe("the generated Admin GraphQL types", () => {
  it("are what the documents and the pinned schema generate", async () => {
    const files = await generateAdminTypes();
    expect(files.map((file) => file.path)).toEqual([
      "app/types/admin.generated.d.ts",
      "app/types/admin.types.d.ts",
    ]);
    expect(
      staleFiles(files),
      "these generated files are stale: run `npm run graphql-codegen` and commit what it writes",
    ).toEqual([]);
  });

  it("cover every document the app sends: all are where codegen reads them", () => {
    const elsewhere = readdirSync("app", { recursive: true, encoding: "utf8" })
      .map((file) => path.join("app", file))
      .filter(
        (file) =>
          /\.tsx?$/.test(file) &&
          !/\.test\.tsx?$/.test(file) &&
          path.dirname(file) !== ADMIN_DOCUMENTS_DIR &&
          /`\s*#graphql/.test(readFileSync(file, "utf8")),
      );
    expect(elsewhere, `move these files' #graphql documents to ${ADMIN_DOCUMENTS_DIR}/`).toEqual([]);
  });
});

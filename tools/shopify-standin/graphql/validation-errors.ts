import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError } from "graphql";
import { RUBY_MESSAGES } from "./ruby-messages";

/** A top-level GraphQL error as Shopify writes it. */
export type ShopifyGraphQLError = {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
};

export function shopifyValidationErrors(
  document: DocumentNode,
  errors: readonly GraphQLError[],
): ShopifyGraphQLError[] {
  const paths = nodePaths(document);
  return errors.map((error) => {
    const path = (error.nodes ?? []).map((node) => paths.get(node)).find(Boolean) ?? [];
    const text = error.message.replace(/\s*Did you mean .*$/, "");
    const rule = RUBY_MESSAGES.map(([pattern, build]) => [pattern.exec(text), build] as const).find(
      ([match]) => match,
    );
    const shaped = rule?.[0]
      ? rule[1](rule[0], path)
      : { message: text, extensions: { code: "validationError" } };
    return {
      message: shaped.message,
      locations: error.locations ? [...error.locations] : undefined,
      path,
      extensions: shaped.extensions,
    };
  });
}

/** A syntax error, in graphql-ruby's words. */
export function shopifyParseError(error: GraphQLError): ShopifyGraphQLError {
  const location = error.locations?.[0] ?? { line: 1, column: 1 };
  const found = /found (.+)\.$|Unexpected (.+)\.$/.exec(error.message);
  const token = (found?.[1] ?? found?.[2] ?? "").replace(/^<EOF>$/, "end of file");
  return {
    message:
      token === "end of file"
        ? "Unexpected end of document"
        : `Parse error on ${token} at [${location.line}, ${location.column}]`,
    locations: [location],
    extensions: { code: "parseError" },
  };
}

/**
 * Shopify's error paths: the operation ("query Name"), then field names (aliases where given) and,
 * for an argument, its name.
 */
function nodePaths(document: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[][] = [];
  visit(document, {
    enter(node) {
      const parent = stack.at(-1) ?? [];
      let path = parent;
      if (node.kind === Kind.OPERATION_DEFINITION)
        path = [node.name ? `${node.operation} ${node.name.value}` : node.operation];
      else if (node.kind === Kind.FRAGMENT_DEFINITION) path = [`fragment ${node.name.value}`];
      else if (node.kind === Kind.FIELD) path = [...parent, node.alias?.value ?? node.name.value];
      else if (node.kind === Kind.ARGUMENT) path = [...parent, node.name.value];
      paths.set(node, path);
      stack.push(path);
    },
    leave() {
      stack.pop();
    },
  });
  return paths;
}

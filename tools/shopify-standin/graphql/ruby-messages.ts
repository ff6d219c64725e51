/**
 * graphql-js validation messages rewritten in the words and codes of Shopify's GraphQL server
 * (graphql-ruby), e.g. "Field 'x' doesn't exist on type 'QueryRoot'" with code undefinedField.
 * Messages without a known counterpart keep graphql-js's wording under code "validationError".
 */

export type Rule = [
  RegExp,
  (match: RegExpExecArray, path: string[]) => { message: string; extensions: Record<string, unknown> },
];

export const RUBY_MESSAGES: Rule[] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"/,
    ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/,
    ([, argument, field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: { code: "argumentNotAccepted", name: field, typeName: "Field", argumentName: argument },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required/,
    ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: argument },
    }),
  ],
  [
    /^Directive "@(\w+)" argument "(\w+)" of type "[^"]+" is required/,
    ([, directive, argument]) => ({
      message: `Directive '${directive}' is missing required arguments: ${argument}`,
      extensions: {
        code: "missingRequiredArguments",
        className: "Directive",
        name: directive,
        arguments: argument,
      },
    }),
  ],
  [
    /^Directive "@(\w+)" may not be used on (\w+)\./,
    ([, directive = "", location = ""]) => ({
      message: `'@${directive}' can't be applied to ${LOCATION_NAMES[location] ?? location.toLowerCase()} (allowed: ${DIRECTIVE_LOCATIONS[directive] ?? "fields"})`,
      extensions: {
        code: "directiveCannotBeApplied",
        targetName: LOCATION_NAMES[location] ?? location.toLowerCase(),
        name: directive,
      },
    }),
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${type} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type },
    }),
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/,
    ([, field, type]) => ({
      message: `Selections can't be made on scalars (field '${field}' returns ${type} but has selections)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type },
    }),
  ],
  [
    /^Variable "\$(\w+)" is never used in operation "(\w+)"/,
    ([, variable, operation]) => ({
      message: `Variable $${variable} is declared by ${operation} but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(\w+)" is never used/,
    ([, variable]) => ({
      message: `Variable $${variable} is declared by anonymous query but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(\w+)" is not defined/,
    ([, variable], path) => ({
      message: `Variable $${variable} is used by ${path[0] ?? "anonymous query"} but not declared`,
      extensions: { code: "variableNotDefined", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"/,
    ([, variable, actual, expected], path) => ({
      message: `${nullable(actual) === nullable(expected) ? "Nullability" : "Type"} mismatch on variable $${variable} and argument ${path.at(-1)} (${actual} / ${expected})`,
      extensions: {
        code: "variableMismatch",
        variableName: variable,
        typeName: actual,
        argumentName: path.at(-1),
      },
    }),
  ],
  [
    /^Unknown type "(\w+)"/,
    ([, type]) => ({
      message: `No such type ${type}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: type },
    }),
  ],
  [
    /^(?:Enum "(\w+)"|(\w+)) cannot represent[^:]*: (.+?)\.?$|^Expected value of type "([^"]+)", found (.+?)\.?(?:;.*)?$|^Value (.+) does not exist in "(\w+)" enum\.?$/,
    (match, path) => ({
      message: `Argument '${path.at(-1)}' on Field '${path.at(-2)}' has an invalid value (${match[3] ?? match[5] ?? match[6]}). Expected type '${match[1] ?? match[2] ?? match[4] ?? match[7]}'.`,
      extensions: { code: "argumentLiteralsIncompatible", typeName: "Field", argumentName: path.at(-1) },
    }),
  ],
  [
    /^Field "(\w+)" is not defined by type "(\w+)"/,
    ([, field, type]) => ({
      message: `InputObject '${type}' doesn't accept argument '${field}'`,
      extensions: { code: "argumentNotAccepted", name: type, typeName: "InputObject", argumentName: field },
    }),
  ],
  [
    /^Field "(\w+)\.(\w+)" of required type "([^"]+)" was not provided/,
    ([, type, field, fieldType]) => ({
      message: `Argument '${field}' on InputObject '${type}' is required. Expected type ${fieldType}`,
      extensions: {
        code: "missingRequiredInputObjectAttribute",
        argumentName: field,
        argumentType: fieldType,
        inputObjectType: type,
      },
    }),
  ],
];

/** graphql-ruby's names of where a directive stands, and where the executable directives may. */
const LOCATION_NAMES: Record<string, string> = {
  QUERY: "queries",
  MUTATION: "mutations",
  SUBSCRIPTION: "subscriptions",
  FIELD: "fields",
  FRAGMENT_DEFINITION: "fragment definitions",
  FRAGMENT_SPREAD: "fragment spreads",
  INLINE_FRAGMENT: "inline fragments",
  VARIABLE_DEFINITION: "variable definitions",
};
const DIRECTIVE_LOCATIONS: Record<string, string> = {
  idempotent: "fields",
  include: "fields, fragment spreads, inline fragments",
  skip: "fields, fragment spreads, inline fragments",
};

/** A type reference without its non-null marker: `String!` → `String`. */
function nullable(type: string | undefined): string {
  return (type ?? "").replace(/!$/, "");
}

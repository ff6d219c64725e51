import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

/** The fields merged under one response key: never empty. */
export type FieldGroup = [FieldNode, ...FieldNode[]];

export type FieldScope = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

/**
 * The fields selected on a concrete type by some selection sets, grouped by response key (aliases
 * apart, same-key fields merged), through inline fragments and fragment spreads that apply to the type
 * and honouring @skip/@include — what execution would resolve for an object of that type.
 */
export function collectFields(
  walk: FieldScope,
  type: GraphQLObjectType,
  sets: SelectionSetNode[],
): Map<string, FieldGroup> {
  const fields = new Map<string, FieldGroup>();
  for (const set of sets) visitSelections(walk, type, set, fields);
  return fields;
}

function visitSelections(
  walk: FieldScope,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  fields: Map<string, FieldGroup>,
): void {
  for (const selection of set.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const group = fields.get(key);
      if (group) group.push(selection);
      else fields.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(walk, type, selection.typeCondition?.name.value))
        visitSelections(walk, type, selection.selectionSet, fields);
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (fragment && applies(walk, type, fragment.typeCondition.name.value))
        visitSelections(walk, type, fragment.selectionSet, fields);
    }
  }
}

function applies(walk: FieldScope, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

function included(walk: FieldScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

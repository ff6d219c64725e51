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
      if (typeApplies(walk, type, selection.typeCondition?.name.value))
        visitSelections(walk, type, selection.selectionSet, fields);
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (fragment && typeApplies(walk, type, fragment.typeCondition.name.value))
        visitSelections(walk, type, fragment.selectionSet, fields);
    }
  }
}

/** The type conditions of the inline fragments and fragment spreads in some selection sets, at any depth of
 * fragments (not of fields): what decides which fields `collectFields` finds on a type. */
export function typeConditions(walk: FieldScope, sets: SelectionSetNode[]): string[] {
  const conditions = new Set<string>();
  const visit = (set: SelectionSetNode, fragmentsSeen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition) conditions.add(selection.typeCondition.name.value);
        visit(selection.selectionSet, fragmentsSeen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !fragmentsSeen.has(selection.name.value)) {
        const fragment = walk.fragments[selection.name.value];
        if (!fragment) continue;
        conditions.add(fragment.typeCondition.name.value);
        visit(fragment.selectionSet, new Set([...fragmentsSeen, selection.name.value]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return [...conditions];
}

export function typeApplies(
  walk: FieldScope,
  type: GraphQLObjectType,
  condition: string | undefined,
): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

function included(walk: FieldScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

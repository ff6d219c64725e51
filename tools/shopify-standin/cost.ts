import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { collectFields, typeApplies, typeConditions, type FieldGroup } from "./collect-fields";

/**
 * How connections are priced. "documented" is shopify.dev's rule: 2 + first/last × the cost of one node,
 * multiplied through nested connections. "observed" is what Shopify charges today: it scales page sizes
 * logarithmically (floor(2·ln(max(2, n))), n capped at 250), e.g. `orders(first: 250) { nodes { id } }`
 * costs 13, not 252. The documented rule is the upper bound an app can design against.
 */
export type CostModel = "documented" | "observed";

export const MAX_QUERY_COST = 1000;
const MUTATION_COST = 10;
/** Objects Shopify charges nothing for ("primitive value objects"). */
const FREE_TYPES = new Set(["PageInfo"]);

export type CostInput = {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  model: CostModel;
};

type Walk = CostInput & { mutationType: GraphQLObjectType | null | undefined };
type Data = unknown; // undefined: price what was asked for; anything else: price what was returned

/** The cost charged before the query runs (the admission price). */
export function requestedQueryCost(input: CostInput): number {
  return operationCost(input, undefined);
}

/** The cost of what the query returned: connections count the nodes they gave, null objects count 1. */
export function actualQueryCost(input: CostInput, data: Record<string, unknown>): number {
  return operationCost(input, data);
}

function operationCost(input: CostInput, data: Data): number {
  const walk: Walk = { ...input, mutationType: input.schema.getMutationType() };
  const root = input.operation.operation === "mutation" ? walk.mutationType : input.schema.getQueryType();
  return root ? selectionCost(walk, root, [input.operation.selectionSet], data) : 0;
}

/** An abstract type costs the most expensive of its possible selections. */
function selectionCost(walk: Walk, type: GraphQLCompositeType, sets: SelectionSetNode[], data: Data): number {
  let most = 0;
  for (const concrete of pricedTypes(walk, type, sets)) {
    const fields = collectFields(walk, concrete, sets);
    let cost = 0;
    for (const [key, nodes] of fields) cost += fieldCost(walk, concrete, nodes, pick(data, key));
    most = Math.max(most, cost);
  }
  return most;
}

/**
 * The possible types of `type` worth pricing. The fields selected on a concrete type depend only on which
 * of the selections' type conditions apply to it, so one type of each combination is enough: `nodes(ids:)`
 * returns `Node`, which hundreds of types implement, and a query names one or two of them.
 */
function pricedTypes(walk: Walk, type: GraphQLCompositeType, sets: SelectionSetNode[]): GraphQLObjectType[] {
  if (!isAbstractType(type)) return [type as GraphQLObjectType];
  const conditions = typeConditions(walk, sets);
  // The types some condition applies to: the type it names, or the members of the abstract type it names.
  const named = new Set<GraphQLObjectType>();
  for (const condition of conditions) {
    const conditionType = walk.schema.getType(condition);
    if (isObjectType(conditionType)) named.add(conditionType);
    else if (isAbstractType(conditionType))
      for (const member of walk.schema.getPossibleTypes(conditionType)) named.add(member);
  }
  const byCombination = new Map<string, GraphQLObjectType>();
  for (const candidate of walk.schema.getPossibleTypes(type)) {
    // Every type no condition applies to selects the same fields: the first of them stands for them all.
    const combination = named.has(candidate)
      ? conditions.filter((condition) => typeApplies(walk, candidate, condition)).join()
      : "";
    if (!byCombination.has(combination)) byCombination.set(combination, candidate);
  }
  return [...byCombination.values()];
}

function fieldCost(walk: Walk, parent: GraphQLObjectType, nodes: FieldGroup, data: Data): number {
  const definition = parent.getFields()[nodes[0].name.value];
  if (!definition) return 0;
  if (parent === walk.mutationType) return MUTATION_COST;
  const type = getNamedType(definition.type);
  if (!isCompositeType(type) || FREE_TYPES.has(type.name)) return 0;
  const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  if (isConnection(type)) {
    const args = getArgumentValues(definition, nodes[0], walk.variables);
    const asked = Number(args.first ?? args.last ?? 0);
    const items = data === undefined ? undefined : connectionItems(data);
    const perItem = items
      ? Math.max(0, ...items.map((item) => itemCost(walk, type, sets, item)))
      : itemCost(walk, type, sets, undefined);
    return 2 + multiplier(walk.model, items ? items.length : asked) * perItem;
  }
  if (data === null || (Array.isArray(data) && data.length === 0)) return 1;
  if (Array.isArray(data)) {
    return 1 + Math.max(...data.map((element: unknown) => selectionCost(walk, type, sets, element)));
  }
  return 1 + selectionCost(walk, type, sets, data);
}

/** One node of a connection, reached through `nodes { … }` or `edges { node { … } }`, whichever costs more. */
function itemCost(walk: Walk, connection: GraphQLObjectType, sets: SelectionSetNode[], item: Data): number {
  let most = 0;
  for (const [key, nodes] of collectFields(walk, connection, sets)) {
    const name = nodes[0].name.value;
    const childSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    const fieldType = getNamedType(connection.getFields()[name]?.type);
    if (!fieldType || !isCompositeType(fieldType)) continue;
    if (name === "nodes")
      most = Math.max(most, 1 + selectionCost(walk, fieldType, childSets, pick(item, key)));
    if (name === "edges") most = Math.max(most, selectionCost(walk, fieldType, childSets, pick(item, key)));
  }
  return most;
}

function multiplier(model: CostModel, size: number): number {
  if (size <= 0) return 0;
  return model === "documented" ? size : Math.floor(2 * Math.log(Math.max(2, Math.min(size, 250))));
}

function isConnection(type: GraphQLCompositeType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith("Connection") && "pageInfo" in type.getFields();
}

/** Each returned item of a connection as `{ nodes: node, edges: edge }` under the query's response keys. */
function connectionItems(data: Data): Record<string, unknown>[] {
  if (!data || typeof data !== "object") return [];
  const lists = Object.entries(data).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
  const count = Math.max(0, ...lists.map(([, list]) => list.length));
  return Array.from({ length: count }, (_, index) =>
    Object.fromEntries(lists.map(([key, list]) => [key, list[index]])),
  );
}

function pick(data: Data, key: string): Data {
  if (data === undefined) return undefined;
  if (data === null || typeof data !== "object") return null;
  return (data as Record<string, unknown>)[key] ?? null;
}

import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** A list field without a `limit` (or `first`) argument is assumed to return this many items. */
export const ASSUMED_LIST_SIZE = 20;
/** A `limit` left out, or given as a variable without a default or value: the usual default page size. */
export const DEFAULT_PAGE_SIZE = 100;
/**
 * `__schema` or `__type`, whatever is selected inside: the whole schema is a bounded amount of work,
 * so a fixed price lets tools introspect while a few hundred aliases of it cannot.
 */
export const INTROSPECTION_COST = 5_000;
/**
 * Fields that do far more work than their selection says: each builds the whole policy set of a version
 * (the draft's from the stored topology) and evaluates it, at about 10 ms for a small application.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Application.reachability': 2_000,
  'Application.connectivity': 2_000,
  'Application.allowedFlows': 2_000,
};

/** Variable values as sent (preExecution), or undefined during validation, where only defaults are known. */
export type VariableValues = Readonly<Record<string, unknown>> | undefined;

/**
 * Rejects operations whose estimated cost exceeds `maxCost`, before any resolver runs. Each field
 * costs 1 (FIELD_COSTS and introspection more); a list field multiplies the cost of what is selected
 * inside it by its `limit`/`first` argument, else by ASSUMED_LIST_SIZE. So `applications(limit: 500) {
 * components { ports { name } } }` is priced as the 500 x 20 x 20 objects it may load, while depth
 * alone (depth-limit.rule.ts) would let it through. Validation knows only variables' defaults, so the
 * same price is checked again with the values sent (costLimitHook).
 */
export function complexityLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const cost = operationCost(context.getSchema(), context.getDocument(), node, undefined, maxCost);
      if (cost > maxCost) context.reportError(tooComplex(maxCost, node));
    },
  });
}

export function tooComplex(maxCost: number, node?: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(
    `Query is too complex: its estimated cost is over ${maxCost} (the limit). ` +
      'Ask for fewer items (limit) or fewer nested lists.',
    { nodes: node ? [node] : undefined, extensions: { code: 'validation/failed', category: 'BAD_USER_INPUT' } },
  );
}

/**
 * The estimated cost of one operation, stopping once it passes `maxCost`. Each fragment is priced once
 * (per page context), however often it is spread: a fragment spreading the next twice, twenty deep,
 * costs twenty evaluations, not a million.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  values: VariableValues,
  maxCost: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = pageVariables(operation, values);
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  // `paged`: the enclosing field took a page size (`applications(limit: 50) { items { ... } }`),
  // so the first list inside it is that page and is not multiplied again.
  const costOf = (
    selectionSet: SelectionSetNode | undefined,
    parent: GraphQLOutputType | undefined,
    paged: boolean,
  ) => {
    if (!selectionSet) return 0;
    const named = parent ? getNamedType(parent) : undefined;
    const fields =
      named && (isObjectType(named) || isInterfaceType(named))
        ? (named.getFields() as Record<string, GraphQLField<unknown, unknown>>)
        : {};
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') {
          total += INTROSPECTION_COST;
        } else {
          const field = fields[name];
          const page = pageSize(selection, field, variables);
          const list = field !== undefined && isListType(getNullableType(field.type));
          const multiplier = page ?? (list && !paged ? ASSUMED_LIST_SIZE : 1);
          const own = (named && FIELD_COSTS[`${named.name}.${name}`]) || 1;
          total += own + multiplier * costOf(selection.selectionSet, field?.type, page !== undefined && !list);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : undefined;
        total += costOf(selection.selectionSet, (typed as GraphQLOutputType | undefined) ?? parent, paged);
      } else {
        total += fragmentCost(selection.name.value, parent, paged);
      }
      if (total > maxCost) return total;
    }
    return total;
  };

  const fragmentCost = (name: string, parent: GraphQLOutputType | undefined, paged: boolean): number => {
    const fragment = fragments.get(name);
    // An unknown fragment or a cycle is reported by graphql's own rules; it costs nothing here.
    if (!fragment || inProgress.has(name)) return 0;
    const key = `${name}\u0000${paged}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    inProgress.add(name);
    const typed = schema.getType(fragment.typeCondition.name.value) as GraphQLOutputType | undefined;
    const cost = costOf(fragment.selectionSet, typed ?? parent, paged);
    inProgress.delete(name);
    memo.set(key, cost);
    return cost;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return costOf(operation.selectionSet, root ?? undefined, false);
}

/** Integer variables by name: the value sent when known, else the declared default. */
function pageVariables(operation: OperationDefinitionNode, values: VariableValues): Map<string, number> {
  const variables = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const sent = values?.[name];
    if (typeof sent === 'number' && Number.isFinite(sent)) variables.set(name, sent);
    else if (definition.defaultValue?.kind === Kind.INT) variables.set(name, Number(definition.defaultValue.value));
  }
  return variables;
}

const PAGE_ARGUMENTS = new Set(['limit', 'first']);

/**
 * The page size a paged field (one taking `limit` or `first`) asks for: a literal, or a variable's
 * value (or default). A variable without either, like an argument left out, counts as DEFAULT_PAGE_SIZE.
 * Undefined for a field that is not paged.
 */
function pageSize(
  node: FieldNode,
  field: GraphQLField<unknown, unknown> | undefined,
  variables: ReadonlyMap<string, number>,
): number | undefined {
  for (const argument of node.arguments ?? []) {
    if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
    if (argument.value.kind === Kind.INT) return Math.max(1, Number(argument.value.value));
    if (argument.value.kind === Kind.VARIABLE) {
      return Math.max(1, variables.get(argument.value.name.value) ?? DEFAULT_PAGE_SIZE);
    }
  }
  return field?.args.some((a) => PAGE_ARGUMENTS.has(a.name)) ? DEFAULT_PAGE_SIZE : undefined;
}

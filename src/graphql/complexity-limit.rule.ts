import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
  isObjectType,
  isInterfaceType,
} from 'graphql';

/** A list field without a `limit` (or `first`) argument is assumed to return this many items. */
export const ASSUMED_LIST_SIZE = 20;
/** A `limit` left out, or given as a variable without a default: the usual default page size. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Rejects operations whose estimated cost exceeds `maxCost`, before any resolver runs. Each field
 * costs 1; a list field multiplies the cost of what is selected inside it by its `limit`/`first`
 * argument (a literal or a variable), else by ASSUMED_LIST_SIZE. So `applications(limit: 500) {
 * components { ports { name } } }` is priced as the 500 x 20 x 20 objects it may load, while depth
 * alone (depth-limit.rule.ts) would let it through. Introspection is not counted.
 */
export function complexityLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const schema = context.getSchema();

    // `paged`: the enclosing field took a page size (`applications(limit: 50) { items { ... } }`),
    // so the first list inside it is that page and is not multiplied again.
    const costOf = (
      selectionSet: SelectionSetNode | undefined,
      parent: GraphQLOutputType | undefined,
      seen: Set<string>,
      variables: ReadonlyMap<string, number>,
      paged = false,
    ): number => {
      if (!selectionSet) return 0;
      const named = parent ? getNamedType(parent) : undefined;
      const fields =
        named && (isObjectType(named) || isInterfaceType(named))
          ? (named.getFields() as Record<string, GraphQLField<unknown, unknown>>)
          : {};
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          const field = fields[selection.name.value];
          const page = pageSize(selection, field, variables);
          const list = field !== undefined && isListType(getNullableType(field.type));
          const multiplier = page ?? (list && !paged ? ASSUMED_LIST_SIZE : 1);
          const inner = costOf(selection.selectionSet, field?.type, seen, variables, page !== undefined && !list);
          total += 1 + multiplier * inner;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : undefined;
          const type = (typed as GraphQLOutputType | undefined) ?? parent;
          total += costOf(selection.selectionSet, type, seen, variables, paged);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue;
          const typed = schema.getType(fragment.typeCondition.name.value) as GraphQLOutputType | undefined;
          total += costOf(fragment.selectionSet, typed ?? parent, new Set([...seen, name]), variables, paged);
        }
        if (total > maxCost) return total;
      }
      return total;
    };

    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? schema.getQueryType()
            : node.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const variables = new Map<string, number>();
        for (const definition of node.variableDefinitions ?? []) {
          const fallback = definition.defaultValue;
          if (fallback?.kind === Kind.INT) variables.set(definition.variable.name.value, Number(fallback.value));
        }
        const cost = costOf(node.selectionSet, root ?? undefined, new Set(), variables);
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(
              `Query is too complex: its estimated cost is over ${maxCost} (the limit). ` +
                'Ask for fewer items (limit) or fewer nested lists.',
              { nodes: [node], extensions: { code: 'validation/failed', category: 'BAD_USER_INPUT' } },
            ),
          );
        }
      },
    };
  };
}

const PAGE_ARGUMENTS = new Set(['limit', 'first']);

/**
 * The page size a paged field (one taking `limit` or `first`) asks for: a literal, or a variable's
 * default. Validation runs before variables are known, so a variable without a default, like an
 * argument left out, counts as DEFAULT_PAGE_SIZE. Undefined for a field that is not paged.
 */
function pageSize(
  node: FieldNode,
  field: GraphQLField<unknown, unknown> | undefined,
  variables: ReadonlyMap<string, number>,
): number | undefined {
  for (const argument of node.arguments ?? []) {
    if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
    if (argument.value.kind === Kind.INT) return Math.max(1, Number(argument.value.value));
    if (argument.value.kind === Kind.VARIABLE) return variables.get(argument.value.name.value) ?? DEFAULT_PAGE_SIZE;
  }
  return field?.args.some((a) => PAGE_ARGUMENTS.has(a.name)) ? DEFAULT_PAGE_SIZE : undefined;
}

import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * How deep a selection under `__schema` or `__type` may go: the standard introspection query
 * (graphql's getIntrospectionQuery, with its nine levels of `ofType`) fits; the schema is finite, and
 * INTROSPECTION_COST (complexity-limit.rule.ts) prices each introspection field as a whole.
 */
export const MAX_INTROSPECTION_DEPTH = 16;

/**
 * Rejects operations nested deeper than `maxDepth` fields, before any resolver runs. Introspection
 * counts: `__schema`/`__type` is one level, and what is selected inside it is held to
 * MAX_INTROSPECTION_DEPTH. Each fragment's depth is computed once, however often it is spread.
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const memo = new Map<string, number>();
    const inProgress = new Set<string>();
    let introspectionDepth = 0;

    const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const inner = depthOf(selection.selectionSet);
          const name = selection.name.value;
          if (name === '__schema' || name === '__type') {
            introspectionDepth = Math.max(introspectionDepth, 1 + inner);
            deepest = Math.max(deepest, 1);
          } else {
            deepest = Math.max(deepest, 1 + inner);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };

    const fragmentDepth = (name: string): number => {
      const fragment = fragments.get(name);
      // An unknown fragment or a cycle is reported by graphql's own rules.
      if (!fragment || inProgress.has(name)) return 0;
      const known = memo.get(name);
      if (known !== undefined) return known;
      inProgress.add(name);
      const depth = depthOf(fragment.selectionSet);
      inProgress.delete(name);
      memo.set(name, depth);
      return depth;
    };

    return {
      OperationDefinition(node) {
        introspectionDepth = 0;
        const depth = depthOf(node.selectionSet);
        const problem =
          depth > maxDepth
            ? `Query is nested ${depth} levels deep; the limit is ${maxDepth}`
            : introspectionDepth > MAX_INTROSPECTION_DEPTH
              ? `Introspection is nested ${introspectionDepth} levels deep; the limit is ${MAX_INTROSPECTION_DEPTH}`
              : undefined;
        if (problem !== undefined) {
          context.reportError(
            new GraphQLError(problem, {
              nodes: [node],
              extensions: { code: 'validation/failed', category: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}

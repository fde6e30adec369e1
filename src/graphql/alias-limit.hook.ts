import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * A Mercurius preValidation hook refusing operations that ask for more than `maxAliases` aliased
 * fields, counted where they execute (an alias in a fragment spread five times counts five times; each
 * fragment is counted once). An alias is how one request asks for the same expensive thing many times
 * over; and graphql's own OverlappingFieldsCanBeMerged rule is quadratic in the fields of one
 * selection, so this runs before validation, not as one of its rules.
 */
export function aliasLimitHook(maxAliases: number) {
  return async (_schema: GraphQLSchema, document: DocumentNode): Promise<void> => {
    const errors = aliasErrors(document, maxAliases);
    if (errors.length > 0) throw Object.assign(new Error(errors[0]!.message), { statusCode: 400, errors });
  };
}

export function aliasErrors(document: DocumentNode, maxAliases: number): GraphQLError[] {
  {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const memo = new Map<string, number>();
    const inProgress = new Set<string>();

    const aliasesIn = (selectionSet: SelectionSetNode | undefined): number => {
      if (!selectionSet) return 0;
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += fragmentAliases(selection.name.value);
        }
        if (count > maxAliases) return count;
      }
      return count;
    };

    const fragmentAliases = (name: string): number => {
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return 0;
      const known = memo.get(name);
      if (known !== undefined) return known;
      inProgress.add(name);
      const count = aliasesIn(fragment.selectionSet);
      inProgress.delete(name);
      memo.set(name, count);
      return count;
    };

    return document.definitions
      .filter((node) => node.kind === Kind.OPERATION_DEFINITION && aliasesIn(node.selectionSet) > maxAliases)
      .map(
        (node) =>
          new GraphQLError(`Query has more than ${maxAliases} aliased fields (the limit)`, {
            nodes: [node],
            extensions: { code: 'validation/failed', category: 'BAD_USER_INPUT' },
          }),
      );
  }
}

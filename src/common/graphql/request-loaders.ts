import DataLoader from 'dataloader';

/**
 * The one way GraphQL relation fields batch: each feature has an injectable set of DataLoaders, made
 * once per request and kept on the GraphQL context object itself (a WeakMap entry). So the GraphQL
 * module's context factory knows nothing of the features, the loaders go with the request, and a
 * portal query for many applications costs one SQL query per relation, not one per application.
 */
export abstract class RequestLoaders<Loaders extends object> {
  private readonly perRequest = new WeakMap<object, Loaders>();

  /** The request's loaders (`@Context() context` in a resolver), made on first use. */
  for(context: object): Loaders {
    let loaders = this.perRequest.get(context);
    if (!loaders) {
      loaders = this.create();
      this.perRequest.set(context, loaders);
    }
    return loaders;
  }

  protected abstract create(): Loaders;
}

/** A loader of one list per application id, from a query that answers many ids at once. */
export function loaderOfLists<T>(
  load: (ids: readonly string[]) => Promise<ReadonlyMap<string, T[]>>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = await load(ids);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

import { LRUCache } from 'lru-cache';

/**
 * What a replica may answer from memory for CACHE_TTL_MS (AppConfig.cacheTtlMs) although another
 * replica could change it meanwhile: entries expire after `ttlMs`, the least recently used go first
 * beyond `max` entries (or `maxSize` units of `sizeOf`), and a ttl of 0 keeps nothing. The replica
 * that makes a change calls `deleteWhere` at once, so its own answers are never stale.
 */
export class ReadCache<V extends object> {
  private readonly entries?: LRUCache<string, V>;
  /** Loads under way, so that requests missing the same key together wait for one load. */
  private readonly loading = new Map<string, Promise<V | undefined>>();
  /** Bumped by every delete: a load that began before it may have read what was deleted. */
  private generation = 0;

  constructor(options: { ttlMs: number; max: number; maxSize?: number; sizeOf?: (value: V) => number }) {
    if (options.ttlMs <= 0) return;
    this.entries = new LRUCache<string, V>({
      ttl: options.ttlMs,
      max: options.max,
      ...(options.maxSize === undefined || options.sizeOf === undefined
        ? {}
        : { maxSize: options.maxSize, sizeCalculation: (value: V) => Math.max(1, options.sizeOf!(value)) }),
    });
  }

  get(key: string): V | undefined {
    return this.entries?.get(key);
  }

  set(key: string, value: V): void {
    this.entries?.set(key, value);
  }

  /**
   * The entry, or what `load` answers (remembered unless undefined). Concurrent misses of one key
   * share one load: when an entry expires under load, one query refreshes it, not one per request.
   * A load's error reaches every caller waiting for it and is not remembered.
   */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V>;
  getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  async getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (this.entries === undefined) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const loaded = load()
      .then((value) => {
        if (value !== undefined && generation === this.generation) this.entries?.set(key, value);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forgets every entry the predicate picks (a revoked token, a deleted application's versions). */
  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    this.generation += 1;
    if (this.entries === undefined) return;
    for (const [key, value] of this.entries.entries()) if (predicate(value, key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

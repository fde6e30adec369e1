import { LRUCache } from 'lru-cache';

/**
 * What a replica may answer from memory for CACHE_TTL_MS (AppConfig.cacheTtlMs) although another
 * replica could change it meanwhile: entries expire after `ttlMs`, the least recently used go first
 * beyond `max` entries (or `maxSize` units of `sizeOf`), and a ttl of 0 keeps nothing. The replica
 * that makes a change calls `delete`/`deleteWhere` at once, so its own answers are never stale.
 */
export class ReadCache<V extends object> {
  private readonly entries?: LRUCache<string, V>;

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

  delete(key: string): void {
    this.entries?.delete(key);
  }

  /** Forgets every entry the predicate picks (a revoked token, a deleted application's versions). */
  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    if (this.entries === undefined) return;
    for (const [key, value] of this.entries.entries()) if (predicate(value, key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

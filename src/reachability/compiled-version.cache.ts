import type { CompiledSnapshot, Conns, ConnectivityReport, Topology } from '../engine';

/** One end of an allowed connection, named as the topology names it. */
export type AllowedPeer = { readonly component: string } | { readonly external: string };

/** Ports allowed from one component or external to another, as the version's policies decide. */
export interface AllowedFlow {
  readonly from: AllowedPeer;
  readonly to: AllowedPeer;
  readonly conns: Conns;
}

/** A published version, compiled once: what every reachability or connectivity query on it needs. */
export interface CompiledVersion {
  readonly number: number | null;
  readonly digest: string;
  readonly topology: Topology;
  readonly compiled: CompiledSnapshot;
  /** Filled on first use: the version's connectivity never changes either. */
  connectivity?: ConnectivityReport;
  /** Filled on first use, from the connectivity: the allowed flows between components and externals. */
  allowedFlows?: readonly AllowedFlow[];
}

/** Enough for the hot versions of many applications; one entry is a compiled snapshot (kilobytes). */
export const COMPILED_VERSION_CACHE_SIZE = 256;

/**
 * Compiled snapshots of published versions, least recently used evicted first. A published version
 * is immutable, so an entry never goes stale; the key is (application id, version number, digest):
 * the digest covers the policies, the number pins the topology they were generated from (two
 * versions may share a digest yet differ in components that no flow names). A Map keeps insertion
 * order, which makes it an LRU in a few lines: a hit re-inserts the key at the end.
 */
export class CompiledVersionCache {
  private readonly entries = new Map<string, CompiledVersion>();
  private counters = { hits: 0, misses: 0 };

  constructor(private readonly capacity: number = COMPILED_VERSION_CACHE_SIZE) {}

  static key(applicationId: string, number: number, digest: string): string {
    return `${applicationId}/${number}/${digest}`;
  }

  get(key: string): CompiledVersion | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.counters.misses += 1;
      return undefined;
    }
    this.counters.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CompiledVersion): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Hits, misses and size, for tests and for a metrics endpoint later. */
  stats(): { hits: number; misses: number; size: number } {
    return { ...this.counters, size: this.entries.size };
  }
}

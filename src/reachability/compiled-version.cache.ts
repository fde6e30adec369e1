import { LRUCache } from 'lru-cache';
import type { AllowedFlow, CompiledSnapshot, ConnectivityTable, ResolvedEndpoint, Topology, Verdict } from '../engine';

/** One reachability question's answer on a version: its endpoints and port resolved, and the verdict. */
export interface EvaluatedQuestion {
  readonly source: ResolvedEndpoint;
  readonly destination: ResolvedEndpoint;
  readonly resolvedPort: { readonly number: number; readonly name: string | null };
  readonly verdict: Verdict;
}

/**
 * Questions answered per compiled version, most recently asked kept: a pipeline or a portal asks the
 * same few again and again. Bounded so that all versions' answers stay small beside the versions (a
 * kept answer, its verdict and its serialized JSON (reachability.response.ts), takes a few KB, 1.2 KB
 * of JSON for the three-tier example: 256 versions x 64 answers x 4 KB is 64 MB).
 */
export const ANSWERS_PER_VERSION = 64;

/** A published version, compiled once: what every reachability or connectivity query on it needs. */
export interface CompiledVersion {
  readonly number: number | null;
  readonly digest: string;
  readonly topology: Topology;
  readonly compiled: CompiledSnapshot;
  /** The guardrail version the policies are evaluated under; null: none. */
  readonly guardrailVersion: number | null;
  /** Filled on first use: the version's connectivity never changes either (kept per workload class). */
  connectivity?: ConnectivityTable;
  /** Filled on first use, from the connectivity: the allowed flows between components and externals. */
  allowedFlows?: readonly AllowedFlow[];
  /** Filled on first use: reachability questions answered on this version (see ANSWERS_PER_VERSION). */
  answers?: LRUCache<string, EvaluatedQuestion>;
}

/** At most this many versions compiled at once. */
export const COMPILED_VERSION_CACHE_SIZE = 256;
/**
 * And at most about this many bytes: a compiled version with its connectivity and allowed flows takes
 * about 1 KB per component and flow (measured: 6 MB for 1,000 components and 5,000 flows), so a
 * replica's 512 MiB (deploy/deployment.yaml) also holds the published-version cache and the requests.
 */
export const COMPILED_VERSION_CACHE_BYTES = 96 * 1024 * 1024;
const BYTES_PER_MEMBER = 1024;

/**
 * Compiled snapshots of published versions (and of drafts, by their source), least recently used
 * evicted first. A published version
 * is immutable, so an entry never goes stale; the key is (application id, version number, digest):
 * the digest covers the policies, the number pins the topology they were generated from (two
 * versions may share a digest yet differ in components that no flow names).
 */
export class CompiledVersionCache {
  private readonly entries: LRUCache<string, CompiledVersion>;
  private counters = { hits: 0, misses: 0 };

  constructor(capacity: number = COMPILED_VERSION_CACHE_SIZE, bytes: number = COMPILED_VERSION_CACHE_BYTES) {
    this.entries = new LRUCache<string, CompiledVersion>({
      max: capacity,
      maxSize: bytes,
      sizeCalculation: ({ topology }) =>
        (1 + topology.components.length + topology.externals.length + topology.flows.length) * BYTES_PER_MEMBER,
    });
  }

  static key(applicationId: string, number: number, digest: string): string {
    return `${applicationId}/${number}/${digest}`;
  }

  /**
   * A draft's key: its source (draftSource: the topology document, which names the application, and
   * the settings), from which alone the draft's topology and policies are made.
   */
  static draftKey(source: string): string {
    return `draft/${source}`;
  }

  get(key: string): CompiledVersion | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) this.counters.misses += 1;
    else this.counters.hits += 1;
    return entry;
  }

  set(key: string, entry: CompiledVersion): void {
    this.entries.set(key, entry);
  }

  /** Hits, misses and size, for tests and for a metrics endpoint later. */
  stats(): { hits: number; misses: number; size: number } {
    return { ...this.counters, size: this.entries.size };
  }
}

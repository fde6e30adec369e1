import type { Topology } from '../engine';
import { CompiledVersionCache, type CompiledVersion } from './compiled-version.cache';

/** A stand-in entry whose topology has `members` components: only the size estimate reads it. */
function entry(members: number): CompiledVersion {
  const topology = {
    components: Array.from({ length: members }, () => ({})),
    externals: [],
    flows: [],
  } as unknown as Topology;
  return { number: 1, digest: 'd', topology, guardrailVersion: null, compiled: {} as CompiledVersion['compiled'] };
}

describe('CompiledVersionCache', () => {
  it('keeps the most recently used entries within its count, and counts hits and misses', () => {
    const cache = new CompiledVersionCache(2);
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(cache.stats()).toEqual({ hits: 3, misses: 1, size: 2 });
  });

  it('also keeps within its bytes, about 1 KB per component, external and flow', () => {
    const cache = new CompiledVersionCache(100, 10 * 1024);
    cache.set('small', entry(2));
    cache.set('large', entry(6));
    expect(cache.stats().size).toBe(2);
    cache.get('small');
    cache.set('larger', entry(6));
    expect([cache.get('small'), cache.get('large'), cache.get('larger')].map(Boolean)).toEqual([true, false, true]);
    // One version larger than the whole budget is answered, just not kept.
    cache.set('huge', entry(20));
    expect(cache.get('huge')).toBeUndefined();
  });
});

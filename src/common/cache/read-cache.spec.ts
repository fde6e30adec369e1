import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('remembers a loaded value for its TTL, and loads it again once the TTL has passed', async () => {
    const remembering = new ReadCache<{ n: number }>({ ttlMs: 60_000, max: 10 });
    const load = jest.fn(async () => ({ n: 1 }));
    expect(await remembering.getOrLoad('a', load)).toEqual({ n: 1 });
    expect(await remembering.getOrLoad('a', load)).toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);

    // A TTL of 1 ms: the wait is for the TTL to pass (a timer never fires early), not a guessed delay.
    const brief = new ReadCache<{ n: number }>({ ttlMs: 1, max: 10 });
    const reload = jest.fn(async () => ({ n: 2 }));
    await brief.getOrLoad('a', reload);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await brief.getOrLoad('a', reload);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('shares one load among concurrent misses of a key, and shares its error without remembering it', async () => {
    const cache = new ReadCache<{ n: number }>({ ttlMs: 60_000, max: 10 });
    let release!: () => void;
    const load = jest.fn(() => new Promise<{ n: number }>((resolve) => (release = () => resolve({ n: 2 }))));
    const answers = Promise.all([1, 2, 3].map(() => cache.getOrLoad('a', load)));
    release();
    expect(await answers).toEqual([{ n: 2 }, { n: 2 }, { n: 2 }]);
    expect(load).toHaveBeenCalledTimes(1);

    const failing = jest.fn(async (): Promise<{ n: number }> => {
      throw new Error('database down');
    });
    const failures = await Promise.allSettled([cache.getOrLoad('b', failing), cache.getOrLoad('b', failing)]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);
    await expect(cache.getOrLoad('b', async () => ({ n: 3 }))).resolves.toEqual({ n: 3 });
  });

  it('does not remember undefined, nor a load that began before a delete', async () => {
    const cache = new ReadCache<{ n: number }>({ ttlMs: 60_000, max: 10 });
    expect(await cache.getOrLoad('a', async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
    let release!: () => void;
    const stale = cache.getOrLoad('a', () => new Promise((resolve) => (release = () => resolve({ n: 1 }))));
    cache.deleteWhere(() => true);
    release();
    expect(await stale).toEqual({ n: 1 });
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets the entries deleteWhere picks, and keeps nothing with a TTL of 0', async () => {
    const cache = new ReadCache<{ id: string }>({ ttlMs: 60_000, max: 10 });
    cache.set('x1', { id: 'x' });
    cache.set('y1', { id: 'y' });
    cache.deleteWhere((value) => value.id === 'x');
    expect([cache.get('x1'), cache.get('y1')]).toEqual([undefined, { id: 'y' }]);

    const off = new ReadCache<{ n: number }>({ ttlMs: 0, max: 10 });
    const load = jest.fn(async () => ({ n: 1 }));
    await off.getOrLoad('a', load);
    await off.getOrLoad('a', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(off.size).toBe(0);
  });

  it('evicts the least recently used entries beyond max, or beyond maxSize by sizeOf', () => {
    const byCount = new ReadCache<{ n: number }>({ ttlMs: 60_000, max: 2 });
    byCount.set('a', { n: 1 });
    byCount.set('b', { n: 2 });
    byCount.get('a');
    byCount.set('c', { n: 3 });
    expect([byCount.get('a'), byCount.get('b'), byCount.get('c')]).toEqual([{ n: 1 }, undefined, { n: 3 }]);

    const bySize = new ReadCache<{ text: string }>({
      ttlMs: 60_000,
      max: 100,
      maxSize: 10,
      sizeOf: (v) => v.text.length,
    });
    bySize.set('a', { text: 'aaaaaa' });
    bySize.set('b', { text: 'bbbbbb' });
    expect([bySize.get('a'), bySize.get('b')]).toEqual([undefined, { text: 'bbbbbb' }]);
  });
});

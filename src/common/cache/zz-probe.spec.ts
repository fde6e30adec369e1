import { ReadCache } from './read-cache';
it('fake', async () => {
  jest.useFakeTimers();
  try {
    const cache = new ReadCache<{ n: number }>({ ttlMs: 30, max: 10 });
    const load = jest.fn(async () => ({ n: 1 }));
    await cache.getOrLoad('a', load);
    jest.advanceTimersByTime(29);
    await cache.getOrLoad('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(2);
    await cache.getOrLoad('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  } finally { jest.useRealTimers(); }
});

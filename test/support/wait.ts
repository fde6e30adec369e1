/**
 * Waits for an event: polls `check` until it answers a value (anything but undefined or false) and
 * returns it; fails after `ms`, naming `what`. The bound is for a hang, generous on a loaded machine.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  { ms = 60_000, every = 25 }: { ms?: number; every?: number } = {},
): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

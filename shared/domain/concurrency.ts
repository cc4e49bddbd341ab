/** Bounded concurrency: imports, the seed and the stores' batch reads and writes go a few at a time. */

/**
 * Runs `work` on each item, at most `width` at once: an import of thousands of rows neither waits on each write nor
 * floods the store. Each of the `width` lanes takes the next item as soon as its last is done (no wave waits for its
 * slowest); after a failure no lane takes another, and the first failure is thrown.
 */
export async function forEachAtMost<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** Bounded concurrency for imports and the seed: never more than its width at once, every item once, stops on failure. */
import { describe, expect, it } from 'vitest';
import { forEachAtMost } from '../../shared/domain/concurrency.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('forEachAtMost', () => {
  it('works on every item once, never more than its width at once, a lane moving on as soon as it is free', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    let fifthStarted: () => void = () => undefined;
    const fifth = new Promise<void>((resolve) => {
      fifthStarted = resolve;
    });
    let fifthBeforeFirstEnded = false;
    await forEachAtMost([...Array(40).keys()], 4, async (i) => {
      running++;
      most = Math.max(most, running);
      if (i === 4) fifthStarted();
      // The first item waits for the fifth to start: a lane freed by items 1-3 takes it (waves of four would not,
      // until the first is done; the timer only keeps such a wave from hanging the test).
      if (i === 0)
        fifthBeforeFirstEnded = await Promise.race([fifth.then(() => true), pause(10_000).then(() => false)]);
      else await pause(1);
      seen.push(i);
      running--;
    });
    expect(most).toBe(4);
    expect(fifthBeforeFirstEnded).toBe(true);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
  });

  it('throws the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      forEachAtMost([...Array(20).keys()], 3, async (i) => {
        started.push(i);
        await pause(5);
        if (i === 4) throw new Error('hỏng ở 4');
      }),
    ).rejects.toThrow('hỏng ở 4');
    await pause(50);
    // items 0-6 at most were under way when 4 failed (three lanes); none after
    expect(Math.max(...started)).toBeLessThanOrEqual(6);
  });

  it('does nothing for no items', async () => {
    await forEachAtMost([], 8, async () => {
      throw new Error('không được gọi');
    });
  });
});

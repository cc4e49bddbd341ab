/**
 * The test files that take longest start first. On 2 workers a long file started last keeps one worker busy after the
 * other has finished; vitest orders by the durations it cached, and a clean clone has none. Measured on a clean
 * clone (2026-12-08): the two e2e suites 165 and 141 s, live-demo 135 s, crash 79 s, history 31 and 35 s,
 * generated-input 42 s, synth 62 s, startup 39 s.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW = [
  'test/e2e/console.test.ts',
  'test/e2e/office.test.ts',
  'test/integration/live-demo.test.ts',
  'test/integration/crash.test.ts',
  'test/infra/synth.test.ts',
  'test/integration/history.test.ts',
  'test/integration/generated-input.test.ts',
  'test/integration/startup.test.ts',
];
const rank = (spec: TestSpecification) => {
  const i = SLOW.findIndex((s) => spec.moduleId.endsWith(s));
  return i < 0 ? SLOW.length : i;
};

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map((x) => x.spec);
  }
}

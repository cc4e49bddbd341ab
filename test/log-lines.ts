/** The platform's JSON log lines, as a test reads them. */
import { vi } from 'vitest';

/**
 * The lines written from now until the mocks are restored, parsed, in order: ERROR lines go to stderr, the others
 * to stdout (Lambda sends both to CloudWatch), so both are read. A line that is not JSON fails the test.
 */
export function capturedLogLines(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  return lines;
}

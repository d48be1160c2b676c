/**
 * scheduleOption: the commander argument parser for `--schedule`: `fifo`,
 * `random`, `pct` or `pct:D`, optionally `+jitter=N` (src/kernel/schedule.ts).
 * A malformed value is rejected with the accepted syntax; commander reports
 * it and the CLI exits 2. The value is kept as written (it goes into the
 * reproduce line unchanged).
 */
import { InvalidArgumentError } from 'commander';
import { parseSchedule } from '../kernel/index.ts';

export function scheduleOption(value: string): string {
  try {
    parseSchedule(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message.replace(/^option schedule: /, ''));
  }
  return value;
}

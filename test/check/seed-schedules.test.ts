/**
 * What a seed varies under `check`'s default schedule: over every bundled
 * scenario, at least 95% of seeds run a distinct event log (coverage.schedules).
 * Seeds per scenario: KERNEL_SIM_SCHEDULE_SEEDS (the recorded figure in
 * docs/CHECKING.md uses 1000), else 40. The same bar under fifo fails, so
 * the test shows the schedule, not the scenarios' own randomness, does it.
 * KERNEL_SIM_SCHEDULE_PRINT=1 prints each scenario's row of the table in
 * docs/CHECKING.md.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CHECK_SCHEDULE_DEFAULT, formatSummary, runCheck } from '../../src/check/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_SCHEDULE_SEEDS ?? 40);
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.ts'))
  .sort();

async function distinctShare(
  file: string,
  schedule?: string,
): Promise<{ share: number; passedAll: () => void }> {
  const s = await runCheck({
    scenario: `scenarios/${file}`,
    seeds: SEEDS,
    rerun: 0,
    ...(schedule === undefined ? {} : { schedule }),
  });
  expect(s.schedule).toBe(schedule ?? CHECK_SCHEDULE_DEFAULT);
  expect(Object.values(s.coverage.eventHashes).reduce((a, b) => a + b, 0)).toBe(SEEDS);
  // the share is printed before a failing seed fails the test
  return {
    share: s.coverage.schedules / SEEDS,
    passedAll: () => expect(s.exitCode, formatSummary(s).join('\n')).toBe(0),
  };
}

describe(`check's default schedule varies the event log (${SEEDS} seeds each)`, () => {
  test(`check defaults to a seed-driven schedule ('${CHECK_SCHEDULE_DEFAULT}')`, () => {
    expect(CHECK_SCHEDULE_DEFAULT).not.toBe('fifo');
  });

  for (const file of files) {
    test(`${file}: >= 95% of seeds give distinct event logs`, { timeout: 3_600_000 }, async () => {
      const { share, passedAll } = await distinctShare(file);
      if (process.env.KERNEL_SIM_SCHEDULE_PRINT)
        console.log(
          `| ${file.replace(/\.ts$/, '')} | ${SEEDS} | ${Math.round(share * SEEDS)} | ${(share * 100).toFixed(1)}% |`,
        );
      expect(share).toBeGreaterThanOrEqual(0.95);
      passedAll();
    });
  }

  test(
    'under fifo the same bar fails (multi-object-swap runs one schedule)',
    { timeout: 3_600_000 },
    async () => {
      const { share, passedAll } = await distinctShare('multi-object-swap.ts', 'fifo');
      expect(share).toBeLessThan(0.95);
      passedAll();
    },
  );
});

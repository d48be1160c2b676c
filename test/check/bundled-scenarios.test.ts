/**
 * `check` over every bundled scenario with faults on: all checkers must pass
 * on every seed. Seeds per scenario: KERNEL_SIM_CHECK_SEEDS (CI: 200), else
 * 25 so a local run takes seconds. Each scenario declares the checker options
 * it needs (swap-file-cache its 'blocks' state mapping), as a user's would.
 * Every bundled scenario is fault-aware: at least half its fault seeds have
 * their expectations checked (docs/CHECKING.md, "Expectations fully checked").
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatSummary, runCheck } from '../../src/check/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_CHECK_SEEDS ?? 25);
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.ts'))
  .sort();

describe(`check --faults over the bundled scenarios (${SEEDS} seeds each)`, () => {
  test('there are bundled scenarios', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    test(file, { timeout: 600_000 }, async () => {
      const s = await runCheck({
        scenario: `scenarios/${file}`,
        seeds: SEEDS,
        faults: true, // state mappings (swap-file-cache's 'blocks') come from the scenarios' own `checkers`
      });
      expect(s.exitCode, formatSummary(s).join('\n')).toBe(0);
      expect(s.runs).toBe(SEEDS);
      // faults keep expectations (fault-aware expect): at least half the seeds fully checked
      expect(s.expectationsChecked / s.runs, formatSummary(s).join('\n')).toBeGreaterThanOrEqual(
        0.5,
      );
    });
  }
});

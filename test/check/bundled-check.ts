/**
 * The bundled-scenario fault check, shared by the files that split it: the
 * two slowest scenarios run in files of their own so that vitest can run them
 * beside the rest (CI runs two test files at a time). Seeds per scenario:
 * KERNEL_SIM_CHECK_SEEDS (CI: 200), else 25 so a local run takes seconds.
 * Each scenario declares the checker options it needs (swap-file-cache its
 * 'blocks' state mapping), as a user's would. Every bundled scenario is
 * fault-aware: at least half its fault seeds have their expectations checked
 * (docs/CHECKING.md, "Expectations fully checked").
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatSummary, runCheck } from '../../src/check/index.ts';

export const SEEDS = Number(process.env.KERNEL_SIM_CHECK_SEEDS ?? 25);

/** Scenarios that take a file of their own (the slowest: 64 CPUs, many threads). */
export const SEPARATE = ['k42-trace-profile.ts', 'swap-scheduler.ts'];

/** Every bundled scenario file, sorted. */
export function bundledScenarioFiles(): string[] {
  return readdirSync('scenarios')
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/** One test per file: `check --faults` over SEEDS seeds passes, half of them fully checked. */
export function describeBundledCheck(files: readonly string[]): void {
  describe(`check --faults over bundled scenarios (${SEEDS} seeds each)`, () => {
    for (const file of files) {
      test(file, { timeout: 600_000 }, async () => {
        const s = await runCheck({ scenario: `scenarios/${file}`, seeds: SEEDS, faults: true });
        expect(s.exitCode, formatSummary(s).join('\n')).toBe(0);
        expect(s.runs).toBe(SEEDS);
        // faults keep expectations (fault-aware expect): at least half the seeds fully checked
        const checkedShare = s.expectationsChecked / s.runs;
        expect(checkedShare, formatSummary(s).join('\n')).toBeGreaterThanOrEqual(0.5);
      });
    }
  });
}

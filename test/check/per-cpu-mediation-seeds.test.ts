/**
 * `check` with every checker on and swaps mediated per CPU (the override
 * swapMediation 'per-cpu', as `kernel-sim check --swap-mediation per-cpu`):
 * held calls released in order, one swap per object, versions and transfers
 * consistent on every seed. Seeds per scenario: KERNEL_SIM_MEDIATION_SEEDS,
 * else 4 so a local run takes seconds. Each scenario is also run once under
 * both mediations: the event hashes differ, so the override reached the swaps.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatSummary, runCheck } from '../../src/check/index.ts';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { runScenario } from '../../src/scenario/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_MEDIATION_SEEDS ?? 4);
const FILES = ['swap-file-cache.ts', 'interface-change.ts', 'swap-scheduler.ts'];

describe(`check with per-CPU mediation (${SEEDS} seeds each)`, () => {
  test.each(FILES)('%s', { timeout: 600_000 }, async (file) => {
    const s = await runCheck({
      scenario: `scenarios/${file}`,
      seeds: SEEDS,
      workers: 1,
      overrides: { swapMediation: 'per-cpu' },
    });
    expect(s.exitCode, formatSummary(s).join('\n')).toBe(0);
    expect(s.runs).toBe(SEEDS);
    const scenario = await loadScenario(resolve('scenarios', file));
    const hash = (m: 'global' | 'per-cpu') =>
      runScenario(scenario, { seed: 1, overrides: { swapMediation: m } }).eventsHash;
    expect(hash('per-cpu')).not.toBe(hash('global'));
  });
});

/**
 * Shrinking (src/check/shrink-failure.ts): the search over the deviations
 * budget, on a stand-in run function (what it tries, that it keeps only
 * confirmed failures, its bound), and on the planted lost wake-up: the
 * smallest run it prints fails the same way, is no larger than the
 * original, and replays from its own line's schedule.
 */
import { describe, expect, test } from 'vitest';
import {
  checkSeed,
  formatSummary,
  importScenario,
  runCheck,
  shrinkFailure,
  type SeedResult,
} from '../../src/check/index.ts';

const base = { seed: 5, verdict: 'liveness', deviations: 100 } as SeedResult;
const fake = (failsFrom: (k: number) => boolean, log: number[]) => (schedule: string) => {
  const k = Number(/deviations=(\d+)$/.exec(schedule)![1]);
  log.push(k);
  const fails = failsFrom(k);
  return {
    ...base,
    verdict: fails ? 'liveness' : 'passed',
    deviations: k,
    reproduce: `r ${schedule}`,
    recheck: `c ${schedule}`,
  } as SeedResult;
};

describe('shrinkFailure', () => {
  test('bisects the budget to the smallest that still fails the same way', () => {
    const tried: number[] = [];
    const s = shrinkFailure(
      base,
      'random',
      fake((k) => k >= 37, tried),
    );
    expect(s).toMatchObject({ deviationsMax: 37, deviations: 37, from: 100 });
    expect(s!.schedule).toBe('random+deviations=37');
    expect(s!.recheck).toBe('c random+deviations=37');
    expect(tried[0]).toBe(0);
    expect(s!.runs).toBe(tried.length);
  });

  test('0 deviations when the bug needs none', () => {
    expect(
      shrinkFailure(
        base,
        'pct:3',
        fake(() => true, []),
      )?.deviationsMax,
    ).toBe(0);
  });

  test('a failure of another kind does not count; nothing confirmed smaller: null', () => {
    const other = (schedule: string) => ({ ...fake(() => true, [])(schedule), verdict: 'crash' });
    expect(shrinkFailure(base, 'random', other as never)).toBeNull();
  });

  test('bounded by runsMax; nothing to shrink under fifo or without deviations', () => {
    const tried: number[] = [];
    shrinkFailure(
      base,
      'random',
      fake((k) => k >= 99, tried),
      3,
    );
    expect(tried.length).toBe(3);
    expect(
      shrinkFailure(
        base,
        'fifo',
        fake(() => true, []),
      ),
    ).toBeNull();
    expect(
      shrinkFailure(
        { ...base, deviations: 0 },
        'random',
        fake(() => true, []),
      ),
    ).toBeNull();
    expect(
      shrinkFailure(
        { ...base, deviations: null },
        'random',
        fake(() => true, []),
      ),
    ).toBeNull();
  });
});

describe('check shrinks a planted bug (scenarios/planted/lost-wakeup.ts)', () => {
  const file = 'scenarios/planted/lost-wakeup.ts';

  test('the smallest run fails the same way, is no larger, and replays from its line', async () => {
    const s = await runCheck({ scenario: file, seeds: 20, rerun: 0, schedule: 'random' });
    expect(s.failing.length).toBeGreaterThan(0);
    const scenario = await importScenario(file);
    for (const r of s.failing) {
      const shrunk = r.shrunk!;
      expect(shrunk, `seed ${r.seed}`).not.toBeNull();
      expect(shrunk.deviationsMax).toBeLessThan(r.deviations!);
      expect(shrunk.deviations).toBeLessThanOrEqual(shrunk.deviationsMax);
      expect(shrunk.recheck).toContain(`--schedule ${shrunk.schedule}`);
      expect(shrunk.reproduce).toContain(`--seed ${r.seed} --schedule ${shrunk.schedule}`);
      const again = checkSeed(scenario, r.seed, { overrides: { schedule: shrunk.schedule } });
      expect(again.verdict).toBe(r.verdict);
      expect(again.deviations).toBe(shrunk.deviations);
    }
    const text = formatSummary(s).join('\n');
    expect(text).toContain(`  smallest:  ${s.failing[0].shrunk!.recheck}`);
    expect(text).toMatch(
      /\(shrunk from \d+ schedule deviations to \d+, budget \d+, in \d+ run\(s\)\)/,
    );
  });

  test('shrinkRuns: 0 turns it off', async () => {
    const s = await runCheck({ scenario: file, seeds: 20, rerun: 0, shrinkRuns: 0 });
    expect(s.failing.length).toBeGreaterThan(0);
    for (const r of s.failing) expect(r.shrunk).toBeNull();
  });
});

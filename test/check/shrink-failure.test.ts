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
import { runScenario } from '../../src/scenario/index.ts';

const base = { seed: 5, verdict: 'liveness', deviations: 100 } as SeedResult;
/** A stand-in run of K choices, the dropped ones (`+drop=LIST`) refused. */
const dropsOf = (schedule = ''): number[] => {
  const list = /\+drop=([^+]*)/.exec(schedule)?.[1];
  if (list === undefined) return [];
  return list.split(',').flatMap((p) => {
    const [lo, hi = lo] = p.split('-').map(Number);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  });
};
const fake =
  (failsFrom: (k: number, drops: number[]) => boolean, log: number[]) =>
  (schedule = '') => {
    const k = Number(/deviations=(\d+)$/.exec(schedule)![1]);
    const drops = dropsOf(schedule).filter((n) => n <= k);
    log.push(k);
    const fails = failsFrom(k, drops);
    return {
      ...base,
      verdict: fails ? 'liveness' : 'passed',
      deviations: k - drops.length,
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
      fake((k, drops) => k >= 37 && drops.length === 0, tried),
    );
    expect(s).toMatchObject({ deviationsMax: 37, deviations: 37, from: 100, dropped: [] });
    expect(s!.schedule).toBe('random+deviations=37');
    expect(s!.recheck).toBe('c random+deviations=37');
    expect(tried[0]).toBe(0);
    expect(s!.runs).toBe(tried.length);
  });

  test('then drops chunks of early deviations while it still fails: 10 -> 1', () => {
    const tried: string[] = [];
    // fails when the 10th choice happens: pass 1 can only cut to K = 10
    const run = fake((k, drops) => k >= 10 && !drops.includes(10), []);
    const s = shrinkFailure(base, 'random+jitter=2', (schedule = '') => {
      tried.push(schedule);
      return run(schedule);
    });
    expect(s).toMatchObject({ deviationsMax: 10, deviations: 1, from: 100, runs: tried.length });
    expect(s!.dropped).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s!.schedule).toBe('random+jitter=2+drop=1-9+deviations=10');
    expect(s!.recheck).toBe(`c ${s!.schedule}`);
    // halves first: the first drop tried is 1-5 of the ten
    expect(tried.find((t) => t.includes('drop='))).toBe('random+jitter=2+drop=1-5+deviations=10');
  });

  test('a drop that fails another way, or makes no fewer deviations, is not kept', () => {
    const run = (schedule = '') => {
      const r = fake((k) => k >= 4, [])(schedule);
      return dropsOf(schedule).length > 0 ? { ...r, verdict: 'crash' } : r;
    };
    expect(shrinkFailure(base, 'random', run as never)).toMatchObject({
      deviationsMax: 4,
      dropped: [],
    });
    const noFewer = (schedule = '') => ({
      ...fake((k) => k >= 4, [])(schedule),
      deviations: Number(/deviations=(\d+)$/.exec(schedule)![1]),
    });
    expect(shrinkFailure(base, 'random', noFewer)).toMatchObject({ deviationsMax: 4, dropped: [] });
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
    const other = (schedule = '') => ({ ...fake(() => true, [])(schedule), verdict: 'crash' });
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
    expect(text).toContain(
      `  smallest:  ${s.failing[0].shrunk!.recheck}\n             ${s.failing[0].shrunk!.reproduce}\n`,
    );
    expect(text).toMatch(
      /\(shrunk from \d+ schedule deviations to \d+, budget \d+(, \d+ dropped)?, in \d+ run\(s\)\)/,
    );
  });

  test('shrinkRuns: 0 turns it off', async () => {
    const s = await runCheck({ scenario: file, seeds: 20, rerun: 0, shrinkRuns: 0 });
    expect(s.failing.length).toBeGreaterThan(0);
    for (const r of s.failing) expect(r.shrunk).toBeNull();
  });
});

describe('dropping early deviations shrinks past cutting from the end (scenarios/planted/torn-withdraw.ts)', () => {
  const file = 'scenarios/planted/torn-withdraw.ts';

  test('a run with drops fails with fewer deviations than any budget alone, and replays', async () => {
    const s = await runCheck({ scenario: file, seeds: 10, rerun: 0, schedule: 'random' });
    const scenario = await importScenario(file);
    const dropped = s.failing.filter((r) => r.shrunk !== null && r.shrunk!.dropped.length > 0);
    expect(dropped.length).toBeGreaterThan(0);
    for (const r of dropped) {
      const shrunk = r.shrunk!;
      expect(shrunk.deviations, `seed ${r.seed}`).toBeLessThan(r.deviations!);
      expect(shrunk.schedule).toMatch(/^random\+drop=[\d,-]+\+deviations=\d+$/);
      // the printed line replays it: the scenario run under its schedule fails the same way
      expect(shrunk.reproduce).toBe(
        `kernel-sim scenario ${file} --seed ${r.seed} --schedule ${shrunk.schedule}`,
      );
      const again = checkSeed(scenario, r.seed, { overrides: { schedule: shrunk.schedule } });
      expect(again.verdict).toBe(r.verdict);
      expect(again.deviations).toBe(shrunk.deviations);
      const replay = runScenario(scenario, {
        seed: r.seed,
        overrides: { schedule: shrunk.schedule },
      });
      expect(replay.eventsHash).toBe(again.eventsHash);
    }
    // and on some seed cutting from the end alone cannot reach that size:
    // every budget up to the shrunk run's deviations passes
    const cutFails = (seed: number, k: number) =>
      checkSeed(scenario, seed, { overrides: { schedule: `random+deviations=${k}` } }).verdict !==
      'passed';
    const beaten = dropped.filter((r) => {
      for (let k = 0; k <= r.shrunk!.deviations; k++) if (cutFails(r.seed, k)) return false;
      return true;
    });
    expect(beaten.length).toBeGreaterThan(0);
  });
});

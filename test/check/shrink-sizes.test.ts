/**
 * Size shrinking (src/check/shrink-failure.ts, pass 0): on the planted
 * two-slot registry (scenarios/planted/two-slot-registry.ts), whose bug
 * needs 3 or more workers, check shrinks `workers` from 8 to exactly 3; the
 * shrunk run still fails, and its printed reproduce line, run through the
 * CLI, replays the same event hash. A param without a min is never changed,
 * and the candidates are fast-check's (min, then halving, then one step).
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  checkSeed,
  formatSummary,
  importScenario,
  runCheck,
  shrinkFailure,
  smallerValues,
  type SeedResult,
} from '../../src/check/index.ts';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const file = resolve('scenarios/planted/two-slot-registry.ts');

describe('check shrinks a declared size to the smallest that still fails', () => {
  test('workers 8 -> 3, the shrunk run fails, and its reproduce line replays its hash', async () => {
    const s = await runCheck({ scenario: file, seeds: 3, rerun: 0 });
    expect(s.failing.map((r) => r.seed)).toEqual([1, 2, 3]);
    const scenario = await importScenario(file);
    for (const r of s.failing) {
      const shrunk = r.shrunk!;
      expect(shrunk, `seed ${r.seed}`).not.toBeNull();
      expect(shrunk.resized).toEqual({ workers: { from: 8, to: 3 } });
      expect(shrunk.params).toEqual({ workers: 3 });
      expect(shrunk.reproduce).toContain('--param workers=3');
      expect(shrunk.recheck).toContain('--param workers=3');
      // the shrunk run fails the same way
      const overrides = {
        params: shrunk.params,
        ...(shrunk.schedule === undefined ? {} : { schedule: shrunk.schedule }),
      };
      const again = checkSeed(scenario, r.seed, { overrides });
      expect(again.verdict).toBe(r.verdict);
      expect(again.reason).toContain('of 3');
      expect(again.eventsHash).toBe(shrunk.eventsHash);
      // one fewer worker passes: 3 is the smallest
      const fewer = checkSeed(scenario, r.seed, {
        overrides: { ...overrides, params: { workers: 2 } },
      });
      expect(fewer.verdict).toBe('passed');
      // the printed line, through the CLI, replays the same event log
      const argv = shrunk.reproduce.split(' ').slice(1);
      const io = bufferIo({ cwd: process.cwd() });
      expect(await runCli([...argv, '--json'], io)).toBe(3);
      expect(JSON.parse(io.stdout).eventsHash).toBe(shrunk.eventsHash);
    }
    expect(formatSummary(s).join('\n')).toMatch(
      /\(shrunk workers 8 -> 3, from \d+ schedule deviations/,
    );
  });

  test('--param sets the start; a failing run already at the smallest size is not resized', async () => {
    const s = await runCheck({
      scenario: file,
      seeds: 1,
      rerun: 0,
      overrides: { params: { workers: 5 } },
    });
    expect(s.failing[0].shrunk?.resized).toEqual({ workers: { from: 5, to: 3 } });
    const at3 = await runCheck({
      scenario: file,
      seeds: 1,
      rerun: 0,
      overrides: { params: { workers: 3 } },
    });
    expect(at3.failing[0].shrunk?.resized ?? {}).toEqual({});
  });
});

describe('the size pass', () => {
  const base = { seed: 1, verdict: 'expectation', deviations: 0 } as SeedResult;
  const fake =
    (tried: Record<string, number>[]) =>
    (_s: string | undefined, params: Record<string, number>) => {
      tried.push(params);
      const fails = (params.a ?? 40) >= 17;
      return {
        ...base,
        verdict: fails ? 'expectation' : 'passed',
        reproduce: 'r',
        recheck: 'c',
      } as SeedResult;
    };

  test('fast-check candidates: min, halving the distance, then one step', () => {
    expect(smallerValues(12, 1)).toEqual([1, 7, 10, 11]);
    expect(smallerValues(3, 1)).toEqual([1, 2]);
    expect(smallerValues(2, 1)).toEqual([1]);
    expect(smallerValues(1, 1)).toEqual([]);
  });

  test('a param without a min is never changed; a bounded one reaches the exact threshold', () => {
    const tried: Record<string, number>[] = [];
    const s = shrinkFailure(base, 'fifo', fake(tried), 48, {
      given: {},
      values: { a: 40, b: 9 },
      mins: { a: 0 },
    });
    expect(s!.resized).toEqual({ a: { from: 40, to: 17 } });
    expect(s!.params).toEqual({ a: 17 });
    for (const p of tried) expect(p.b).toBeUndefined();
  });

  test('takes at most half the runs; nothing bounded and nothing to cut: null', () => {
    const tried: Record<string, number>[] = [];
    shrinkFailure(base, 'random', fake(tried), 6, { given: {}, values: { a: 40 }, mins: { a: 0 } });
    expect(tried.length).toBe(3);
    expect(
      shrinkFailure(base, 'random', fake([]), 48, { given: {}, values: { b: 9 }, mins: {} }),
    ).toBeNull();
  });
});

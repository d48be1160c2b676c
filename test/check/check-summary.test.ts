import { expect, test } from 'vitest';
import { CHECK_EXIT, formatSummary, summarize, type SeedResult } from '../../src/check/index.ts';

const result = (
  seed: number,
  verdict: SeedResult['verdict'],
  extra: Partial<SeedResult> = {},
): SeedResult => ({
  seed,
  verdict,
  outcome: verdict === 'passed' ? 'passed' : 'correctness',
  reason: verdict === 'passed' ? null : 'boom',
  tolerated: null,
  ticks: 10,
  eventsHash: 'h',
  violations: [],
  notes: [],
  faults: null,
  reproduce: `kernel-sim scenario s.ts --seed ${seed}`,
  recheck: `kernel-sim check s.ts --seed-from ${seed} --seed-to ${seed}`,
  ...extra,
});

test('counts runs, passes and failures by kind; correctness wins the exit code', () => {
  const s = summarize(
    [
      result(1, 'passed'),
      result(2, 'violation'),
      result(3, 'liveness'),
      result(4, 'passed', { tolerated: 'fault' }),
    ],
    { scenario: 's.ts', faults: true, rerun: 2 },
  );
  expect(s).toMatchObject({
    runs: 4,
    passes: 2,
    tolerated: 1,
    seeds: { from: 1, to: 4 },
    exitCode: CHECK_EXIT.correctness,
  });
  expect(s.failures).toEqual({
    violation: 1,
    expectation: 0,
    nondeterministic: 0,
    liveness: 1,
    crash: 0,
  });
  expect(
    summarize([result(1, 'liveness')], { scenario: 's', faults: false, rerun: 0 }).exitCode,
  ).toBe(4);
  expect(
    summarize([result(1, 'crash'), result(2, 'liveness')], {
      scenario: 's',
      faults: false,
      rerun: 0,
    }).exitCode,
  ).toBe(1);
  expect(
    summarize([result(1, 'passed')], { scenario: 's', faults: false, rerun: 0 }).exitCode,
  ).toBe(0);
  expect(
    summarize([result(5, 'passed'), result(2, 'passed')], {
      scenario: 's',
      faults: false,
      rerun: 0,
    }).seeds,
  ).toEqual({ list: [2, 5] });
});

test("counts the seeds whose expectations were fully checked: not the faults' tolerated ones, not runs that never reached expect()", () => {
  const s = summarize(
    [
      result(1, 'passed'),
      result(2, 'passed', {
        outcome: 'correctness',
        tolerated: 'expectation not met after faults fired: x',
      }),
      result(3, 'expectation'),
      result(4, 'liveness', { outcome: 'liveness' }),
      result(5, 'passed', { outcome: 'crash', tolerated: 'an injected fault' }),
    ],
    { scenario: 's', faults: true, rerun: 0 },
  );
  expect(s.expectationsChecked).toBe(2);
  expect(formatSummary(s)).toContain('expectations fully checked in 2 of 5 seed(s) (40%)');
});

test('prints each failing seed with its violation and reproduce lines', () => {
  const v = {
    checker: 'calls',
    tick: 7,
    message: 'lost',
    text: '[calls] tick 7, seed 2: lost\n  > t7 #3 thread.exited thread=1 cpu=0',
  };
  const s = summarize(
    [
      result(1, 'passed'),
      result(2, 'violation', { violations: [v], faults: { active: ['swap-cancel'], log: [] } }),
    ],
    { scenario: 's.ts', faults: true, rerun: 1 },
  );
  expect(formatSummary(s)).toEqual([
    'check s.ts: seeds 1..2, schedule random, faults on, all checkers on',
    'runs 2, passed 1, failed 1 (violation 1); 1 seed(s) re-run for determinism',
    'coverage: 1 distinct schedule(s) (event logs) in 2 run(s); 0 swap interleaving cell(s) (phase x call state)',
    'expectations fully checked in 1 of 2 seed(s) (50%)',
    '',
    'FAILED seed 2: violation (correctness: boom)',
    '  [calls] tick 7, seed 2: lost',
    '    > t7 #3 thread.exited thread=1 cpu=0',
    '  faults active: swap-cancel',
    '  reproduce: kernel-sim scenario s.ts --seed 2',
    '  recheck:   kernel-sim check s.ts --seed-from 2 --seed-to 2',
    '',
    'FAILED 1 of 2 seed(s)',
  ]);
});

test('lists failing seeds beyond the first five by seed', () => {
  const s = summarize(
    Array.from({ length: 7 }, (_, i) => result(i + 1, 'crash')),
    { scenario: 's', faults: false, rerun: 0 },
  );
  const lines = formatSummary(s);
  expect(lines).toContain('also failed: seeds 6 (crash), 7 (crash)');
  expect(lines.at(-1)).toBe('FAILED 7 of 7 seed(s)');
});

/**
 * Adversarial scenarios (test/check/fixtures) through the built CLI's
 * `check`, on one worker and on two: a body that calls process.exit, a body
 * that kills its worker thread, setup and expect that throw. Each asserts the
 * exit code, the seed named with its cause, and that no other seed's result
 * is lost. No wall clock: each fixture ends on its own.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, ensureBuilt, run } from '../cli/built-cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

interface Summary {
  runs: number;
  passes: number;
  failing: { seed: number; verdict: string; reason: string }[];
}

function check(fixture: string, workers: number, seeds = 4) {
  const args = [BIN, 'check', `./${fixture}.ts`, '--seeds', String(seeds)];
  return run('node', [...args, '--workers', String(workers), '--json'], FIXTURES);
}

beforeAll(() => ensureBuilt(), 240_000);

describe.each([1, 2])('check on %i worker(s)', (workers) => {
  test('process.exit(0) in a body fails that seed as a crash (exit 1), the others pass', () => {
    const r = check('exits-on-seed-2', workers);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect([s.runs, s.passes]).toEqual([4, 3]);
    expect(s.failing.map((f) => [f.seed, f.verdict])).toEqual([[2, 'crash']]);
    expect(s.failing[0].reason).toMatch(/the scenario called process\.exit\(0\)/);
  });

  test('setup that throws: exit 2 naming the seed and the error', () => {
    const r = check('setup-throws-on-seed-3', workers);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/seed 3: scenario 'setup-throws-on-seed-3': setup threw Error: boom/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  test('expect that throws: exit 3 naming the seed, the others pass', () => {
    const r = check('expect-throws-on-seed-2', workers);
    expect(r.code).toBe(3);
    const s = JSON.parse(r.stdout) as Summary;
    expect([s.runs, s.passes]).toEqual([4, 3]);
    expect(s.failing.map((f) => [f.seed, f.verdict])).toEqual([[2, 'expectation']]);
    expect(s.failing[0].reason).toMatch(/expect threw on purpose/);
  });
});

test('a worker thread that dies mid-seed: that seed is a crash naming it, every other result kept', () => {
  const r = check('kills-worker-on-seed-2', 2, 6);
  expect(r.code).toBe(1);
  const s = JSON.parse(r.stdout) as Summary;
  expect([s.runs, s.passes]).toEqual([6, 5]);
  expect(s.failing.map((f) => [f.seed, f.verdict])).toEqual([[2, 'crash']]);
  expect(s.failing[0].reason).toMatch(/worker thread running seed 2 exited with code 7/);
});

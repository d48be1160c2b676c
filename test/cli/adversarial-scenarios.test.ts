/**
 * Adversarial scenarios through the built CLI (child processes, so a real
 * process.exit or a heap that runs out would show): a fork bomb and an
 * object bomb under a small heap end as liveness (exit 4) at the default
 * limits, naming who made them and the option to raise, under `scenario`
 * and `check`; a body that calls process.exit or process.abort under
 * `scenario` is a crash (exit 1) with its verdict printed, not a silent
 * exit 0 or an abort (134); a memory bomb ends as liveness naming the heap
 * (the watchdog reads it between slices) instead of V8's out-of-memory abort.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, ensureBuilt, run } from './built-cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
/** A heap far too small for a bomb that is not stopped. */
const SMALL_HEAP = '--max-old-space-size=96';
/**
 * A hang guard for the checks below, not a timing: a bomb under a small heap
 * spends most of its time in the garbage collector, and vitest runs another
 * test file beside this one (40 s on a quiet 2-core machine, 108 s on a busy one).
 */
const BOMB_CHECK_MS = 300_000;

beforeAll(() => ensureBuilt(), 240_000);

describe('live limits', () => {
  test.each([
    [
      'fork-bomb',
      /FAILED liveness: live threads: thread 'bomb' \(#\d+\) spawned 'bomb' at tick \d+, past threadsMax 10000 \(live threads: bomb 10000\)/,
      'threadsMax',
    ],
    [
      'object-bomb',
      /FAILED liveness: live objects: thread 'hoarder' \(#1\) created a Blob at tick \d+, past objectsMax 100000 \(live objects: Blob 99999, RoundRobinPolicy 1\)/,
      'objectsMax',
    ],
  ])(
    'scenario %s under a small heap: exit 4 naming the cause and the option',
    (name, reason, option) => {
      const r = run('node', [SMALL_HEAP, BIN, 'scenario', `./${name}.ts`, '--seed', '1'], FIXTURES);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(4);
      expect(r.stdout).toMatch(reason);
      expect(r.stdout).toContain(`raise the option ${option} (up to `);
    },
  );

  test(
    'check on 2 workers: every seed of a fork bomb is liveness, none lost',
    { timeout: BOMB_CHECK_MS },
    () => {
      // the verdicts are under test, not the shrinker (which would re-run each seed up to 48 times)
      const args = [
        SMALL_HEAP,
        BIN,
        'check',
        './fork-bomb.ts',
        '--seeds',
        '2',
        '--workers',
        '2',
        '--shrink-runs',
        '0',
      ];
      const r = run('node', [...args, '--json'], FIXTURES);
      expect(r.code).toBe(4);
      const s = JSON.parse(r.stdout) as {
        runs: number;
        failing: { seed: number; verdict: string; reason: string }[];
      };
      expect(s.runs).toBe(2);
      expect(s.failing.map((f) => [f.seed, f.verdict])).toEqual([
        [1, 'liveness'],
        [2, 'liveness'],
      ]);
      for (const f of s.failing) expect(f.reason).toMatch(/past threadsMax 10000/);
    },
  );
});

describe('a memory bomb (a body that keeps what it allocates, yielding each step)', () => {
  test('scenario under a small heap: exit 4 naming the heap, not a V8 out-of-memory abort', () => {
    const r = run(
      'node',
      [SMALL_HEAP, BIN, 'scenario', './memory-bomb.ts', '--seed', '1'],
      FIXTURES,
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /FAILED liveness: memory: the run's heap reached \d+ MB, past 90% of the 96 MB of heap this process may use \(.*--max-old-space-size\) at tick \d+/,
    );
  });

  test(
    'check on 2 workers: each seed ends with a verdict naming the memory, none lost',
    { timeout: BOMB_CHECK_MS },
    () => {
      const args = [SMALL_HEAP, BIN, 'check', './memory-bomb.ts', '--seeds', '2', '--workers', '2'];
      const r = run('node', [...args, '--json'], FIXTURES);
      expect(r.code).not.toBe(0);
      const s = JSON.parse(r.stdout) as {
        runs: number;
        failing: { seed: number; reason: string }[];
      };
      expect(s.runs).toBe(2);
      expect(s.failing.map((f) => f.seed)).toEqual([1, 2]);
      for (const f of s.failing) expect(f.reason).toMatch(/memory|heap out of memory/);
    },
  );
});

describe('escape hatches under scenario', () => {
  test('process.exit(0) in a body: exit 1, FAILED crash naming the call, the reproduce line', () => {
    const r = run('node', [BIN, 'scenario', './escapes-on-seed-2.ts', '--seed', '2'], FIXTURES);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAILED crash: the scenario called process\.exit\(0\); a scenario ends by returning/,
    );
    expect(r.stdout).toMatch(/reproduce: kernel-sim scenario \.\/escapes-on-seed-2\.ts --seed 2/);
  });

  test('process.abort() in a body: exit 1 with a JSON verdict, not a core dump', () => {
    const args = [BIN, 'scenario', './escapes-on-seed-2.ts', '--seed', '3', '--json'];
    const r = run('node', args, FIXTURES);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { outcome: string; reason: string };
    expect(report.outcome).toBe('crash');
    expect(report.reason).toMatch(/the scenario called process\.abort\(\)/);
  });

  test('the same scenario on another seed passes (the guard changes nothing else)', () => {
    const r = run('node', [BIN, 'scenario', './escapes-on-seed-2.ts', '--seed', '1'], FIXTURES);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASSED/);
  });
});

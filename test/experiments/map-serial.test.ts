/**
 * mapSerial goes back to the event loop between items (so a serial sweep
 * does not keep every run alive until it ends: src/experiments/map-serial.ts),
 * keeps item order, and stops at the first error. The serial check and
 * experiment paths use it: each is shown to yield between runs.
 */
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../src/check/index.ts';
import { mapSerial, runQuiescenceExperiment } from '../../src/experiments/index.ts';

/** Counts macrotasks: a setImmediate chain that runs while the event loop turns. */
function taskCounter(): { readonly count: () => number; stop(): void } {
  let n = 0;
  let on = true;
  const step = (): void => {
    n++;
    if (on) setImmediate(step);
  };
  setImmediate(step);
  return { count: () => n, stop: () => (on = false) };
}

/** The counter's values seen by successive items strictly increase: the loop yielded between them. */
function expectYieldedBetween(seen: readonly number[]): void {
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
}

describe('mapSerial', () => {
  test('returns results in item order and turns the event loop between items', async () => {
    const c = taskCounter();
    const seen: number[] = [];
    const out = await mapSerial([3, 1, 2], (x, i) => {
      seen.push(c.count());
      return x * 10 + i;
    });
    c.stop();
    expect(out).toEqual([30, 11, 22]);
    expectYieldedBetween(seen);
  });

  test('an error stops the map: later items do not run', async () => {
    const ran: number[] = [];
    const run = mapSerial([1, 2, 3], (x) => {
      ran.push(x);
      if (x === 2) throw new Error('item 2 broke');
    });
    await expect(run).rejects.toThrow('item 2 broke');
    expect(ran).toEqual([1, 2]);
  });

  test('check with one worker yields between seeds', async () => {
    const c = taskCounter();
    const seen: number[] = [];
    const s = await runCheck({
      scenario: 'scenarios/hello.ts',
      seeds: 4,
      workers: 1,
      onSeed: () => seen.push(c.count()),
    });
    c.stop();
    expect(s.exitCode).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expectYieldedBetween(seen);
  });

  test('the serial quiescence experiment yields between runs', async () => {
    const c = taskCounter();
    const seen: number[] = [];
    await runQuiescenceExperiment(
      {
        lifetimes: ['exp:5'],
        cpus: [1],
        detectors: ['k42'],
        pollsTicks: [2],
        gapsPerCpuTicks: [3],
        seeds: 3,
        threadsPerCpu: 5,
        requests: 2,
        workers: 0,
      },
      { onProgress: () => seen.push(c.count()) },
    );
    c.stop();
    expect(seen.length).toBe(3);
    expectYieldedBetween(seen);
  });
});

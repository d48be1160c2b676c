/**
 * Call nesting through the table is bounded by callDepthMax, deterministically:
 * the call past the bound throws CallDepthError into its caller ("call depth
 * N exceeded"), whatever the engine's stack size, so the verdict of a seed
 * never depends on the JS stack.
 */
import { describe, expect, test } from 'vitest';
import { CallDepthError, compute, createSimulation, type Op } from 'kernel-sim';

class Recurser {
  self: { down(n: number): Op<number>; plainDown(n: number): number } | null = null;
  *down(n: number): Op<number> {
    if (n === 0) {
      yield* compute(1);
      return 0;
    }
    return 1 + (yield* this.self!.down(n - 1));
  }
  plainDown(n: number): number {
    return n === 0 ? 0 : 1 + this.self!.plainDown(n - 1);
  }
}

function run(depth: number, plain: boolean, callDepthMax?: number) {
  const sim = createSimulation({ seed: 1, cpus: 1, ...(callDepthMax ? { callDepthMax } : {}) });
  const r = sim.objects.create(Recurser);
  sim.objects.peek(r).self = r;
  let result: number | string = -1;
  sim.spawn('deep', function* () {
    try {
      result = plain ? r.plainDown(depth - 1) : yield* r.down(depth - 1);
    } catch (e) {
      result = e instanceof CallDepthError ? e.message : `other: ${String(e)}`;
    }
  });
  expect(sim.run().outcome).toBe('passed');
  return result;
}

describe('callDepthMax', () => {
  test('generator calls: 1000 deep run, 1001 deep is refused with a clear error', () => {
    expect(run(1000, false)).toBe(999);
    expect(run(1001, false)).toMatch(
      /^call depth 1001 exceeded at object 'Recurser#2'.*\.down: calls through the table nest at most 1000 deep \(option callDepthMax\)/,
    );
  });

  test('plain calls count too, and the bound is an option', () => {
    expect(run(50, true, 50)).toBe(49);
    expect(run(51, true, 50)).toMatch(
      /^call depth 51 exceeded at object 'Recurser#2'.*\.plainDown/,
    );
  });

  test('the option is checked', () => {
    expect(() => createSimulation({ callDepthMax: 0 })).toThrow(
      /option callDepthMax must be an integer from 1 to 5000, got 0/,
    );
  });
});

import { describe, expect, test } from 'vitest';
import { compute, createSimulation } from '../../src/index.ts';

/** compute(n) without a generator behaves as `function* () { yield effect }`. */
describe('ComputeOp (compute(n))', () => {
  test('yields one compute effect, then is done; small n share their results', () => {
    const op = compute(3);
    const first = op.next();
    expect(first).toEqual({ value: { kind: 'compute', ticks: 3 }, done: false });
    expect(op.next()).toEqual({ value: undefined, done: true });
    expect(op.next()).toEqual({ value: undefined, done: true });
    expect(compute(3).next()).toBe(first);
    expect(compute(1000).next()).toEqual({
      value: { kind: 'compute', ticks: 1000 },
      done: false,
    });
  });

  test('checks the ticks at the first next, as the generator did', () => {
    const op = compute(0);
    expect(() => op.next()).toThrow('compute: ticks must be an integer >= 1, got 0');
    expect(op.next()).toEqual({ value: undefined, done: true });
    expect(() => compute(1.5).next()).toThrow(RangeError);
  });

  test('throw ends it and rethrows; return ends it', () => {
    const op = compute(2);
    op.next();
    expect(() => op.throw(new Error('boom'))).toThrow('boom');
    expect(op.next().done).toBe(true);
    const r = compute(2);
    expect(r.return(undefined)).toEqual({ value: undefined, done: true });
    expect(r.next().done).toBe(true);
    expect(r[Symbol.iterator]()).toBe(r);
  });

  test('yield* compute(n) in a thread takes n ticks and returns undefined', () => {
    const sim = createSimulation({ seed: 1 });
    let got: unknown = 'unset';
    const t = sim.spawn('c', function* () {
      got = yield* compute(5);
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(got).toBeUndefined();
    expect(t.tickExited).toBe(5);
  });
});

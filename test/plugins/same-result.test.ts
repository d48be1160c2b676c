import { describe, expect, test } from 'vitest';
import { createSimulation, sameResult } from 'kernel-sim';
import { Store } from './store-fixture.ts';

describe('sameResult', () => {
  test('structural equality of results', () => {
    expect(sameResult(Number.NaN, Number.NaN)).toBe(true);
    expect(sameResult({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameResult({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameResult({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameResult([1, 2], [2, 1])).toBe(false);
    expect(
      sameResult(
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
        new Map([
          ['b', 2],
          ['a', 1],
        ]),
      ),
    ).toBe(true);
    expect(sameResult(new Set([1, { x: 1 }]), new Set([{ x: 1 }, 1]))).toBe(true);
    expect(sameResult(new Set([1]), new Set([2]))).toBe(false);
    expect(sameResult(new Error('m'), new Error('m'))).toBe(true);
    expect(sameResult(new Error('m'), new TypeError('m'))).toBe(false);
    expect(sameResult(1, '1')).toBe(false);
    expect(sameResult(null, {})).toBe(false);
  });

  test('refs compare by the object they name; cycles terminate', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    const b = sim.objects.createNamed('b', Store);
    const again = sim.table.refFor(sim.objects.entry(a), Store);
    expect(again).not.toBe(a);
    expect(sameResult(a, again)).toBe(true);
    expect(sameResult(a, b)).toBe(false);
    const x: Record<string, unknown> = {};
    x.self = x;
    const y: Record<string, unknown> = {};
    y.self = y;
    expect(sameResult(x, y)).toBe(true);
  });
});

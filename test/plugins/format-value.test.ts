import { describe, expect, test } from 'vitest';
import { createSimulation, formatArgs, formatValue } from 'kernel-sim';
import { Store } from './store-fixture.ts';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe('formatValue', () => {
  test('primitives, strings, functions, errors', () => {
    expect(
      [undefined, null, 1, -0, Number.NaN, 10n, true, Symbol('s')].map((v) => formatValue(v)),
    ).toEqual(['undefined', 'null', '1', '-0', 'NaN', '10n', 'true', 'Symbol(s)']);
    expect(formatValue('a"b')).toBe('"a\\"b"');
    expect(formatValue(function named() {})).toBe('[Function named]');
    expect(formatValue(new TypeError('bad'))).toBe('TypeError: bad');
    expect(formatValue('x'.repeat(10), { stringMax: 4 })).toBe('"xxxx…"');
  });

  test('containers, class instances, refs, cycles and limits', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.createNamed('cache', Store);
    expect(formatValue({ a: [1, 'two'], 'b-c': new Point(1, 2), r: ref })).toBe(
      '{a: [1, "two"], "b-c": Point {x: 1, y: 2}, r: ref(cache)}',
    );
    expect(formatValue(new Map([['k', new Set([1])]]))).toBe('Map(1) {"k" => Set(1) {1}}');
    const cyc: Record<string, unknown> = { n: 1 };
    cyc.self = cyc;
    expect(formatValue(cyc)).toBe('{n: 1, self: [Circular]}');
    expect(formatValue([1, 2, 3, 4], { itemsMax: 2 })).toBe('[1, 2, …+2]');
    expect(formatValue([[[[1]]]], { depthMax: 2 })).toBe('[[[…]]]');
    expect(formatArgs(['k', 1, { v: [] }])).toBe('"k", 1, {v: []}');
  });
});

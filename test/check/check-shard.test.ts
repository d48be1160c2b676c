import { describe, expect, test } from 'vitest';
import { parseShard, shardRange } from '../../src/check/index.ts';

describe('check shards', () => {
  test('k/N parses; anything else is refused naming the form', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0', '-1/3', '1.5/3'])
      expect(() => parseShard(bad)).toThrow(/expected k\/N/);
  });

  test('the N slices are contiguous, disjoint, cover the list, and differ in length by at most one', () => {
    for (const length of [0, 1, 5, 7, 100])
      for (const count of [1, 2, 3, 8]) {
        const slices = Array.from({ length: count }, (_, i) =>
          shardRange(length, { index: i + 1, count }),
        );
        expect(slices[0][0]).toBe(0);
        expect(slices[count - 1][1]).toBe(length);
        for (let i = 1; i < count; i++) expect(slices[i][0]).toBe(slices[i - 1][1]);
        const sizes = slices.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
  });
});

import { describe, expect, test } from 'vitest';
import { percentile, tickStats } from '../../src/experiments/index.ts';

describe('tickStats / percentile (nearest rank)', () => {
  test('median, p99 and max are values that occurred', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted input
    expect(tickStats(values)).toEqual({ median: 100, p99: 198, max: 200 });
    expect(tickStats([7])).toEqual({ median: 7, p99: 7, max: 7 });
    expect(tickStats([1, 2])).toEqual({ median: 1, p99: 2, max: 2 });
  });

  test('an empty list gives nulls', () => {
    expect(tickStats([])).toEqual({ median: null, p99: null, max: null });
  });

  test('p outside (0, 1] is refused', () => {
    expect(() => percentile([1], 0)).toThrow(/p must be in \(0, 1\]/);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(percentile([1, 2, 3, 4], 0.25)).toBe(1);
  });
});

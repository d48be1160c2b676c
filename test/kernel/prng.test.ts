import { describe, expect, test } from 'vitest';
import { Prng } from '../../src/kernel/index.ts';

describe('Prng', () => {
  test('same seed, same numbers', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 20 }, () => a.int(0, 1000))).toEqual(
      Array.from({ length: 20 }, () => b.int(0, 1000)),
    );
  });

  test('derived streams are independent of each other and of consumers of the parent', () => {
    const p1 = new Prng(9);
    const w1 = p1.derive('workload');
    const p2 = new Prng(9);
    p2.derive('faults').int(0, 10);
    p2.int(0, 10);
    const w2 = p2.derive('workload');
    expect(Array.from({ length: 10 }, () => w1.float())).toEqual(
      Array.from({ length: 10 }, () => w2.float()),
    );
    expect(new Prng(9).derive('a').int(0, 1e9)).not.toBe(new Prng(9).derive('b').int(0, 1e9));
  });

  test('int stays in range, chance honours 0 and 1', () => {
    const p = new Prng(1);
    for (let i = 0; i < 1000; i++) {
      const v = p.int(3, 5);
      expect(v >= 3 && v <= 5).toBe(true);
    }
    expect(p.chance(0)).toBe(false);
    expect(p.chance(1)).toBe(true);
  });

  test('rejects a non-integer seed', () => {
    expect(() => new Prng(1.5)).toThrow('seed must be an integer');
  });
});

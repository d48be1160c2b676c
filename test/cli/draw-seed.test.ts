import { describe, expect, test } from 'vitest';
import { drawSeed } from '../../src/cli/draw-seed.ts';

describe('drawSeed', () => {
  test('a 32-bit non-negative integer, different from draw to draw', () => {
    const seeds = Array.from({ length: 20 }, drawSeed);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(new Set(seeds).size).toBeGreaterThan(15);
  });
});

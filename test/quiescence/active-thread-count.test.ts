import { describe, expect, test } from 'vitest';
import { ActiveThreadCount } from '../../src/quiescence/index.ts';

describe('ActiveThreadCount (K42 ActiveThrdCnt)', () => {
  test('a thread counted in the current generation is folded in by the next advance', () => {
    const c = new ActiveThreadCount(0);
    const idx = c.count();
    expect(idx).toBe(0);
    expect([c.activations, ...c.active]).toEqual([1, 0, 0]);
    expect(c.advance()).toBe(true);
    expect({ index: c.index, active: [...c.active], genCount: c.genCount }).toEqual({
      index: 1,
      active: [1, 0],
      genCount: 1,
    });
    expect(c.older).toBe(1);
  });

  test('advance fails, recording interest, while the older counter is non-zero; succeeds once it drains', () => {
    const c = new ActiveThreadCount(0);
    const idx = c.count();
    c.advance();
    expect(c.advance()).toBe(false);
    expect(c.interest).toBe(true);
    expect(c.failedAdvances).toBe(1);
    expect(c.genCount).toBe(1);
    c.uncount(idx);
    expect(c.advance()).toBe(true);
    expect(c.interest).toBe(false);
    expect(c.genCount).toBe(2);
  });

  test('updateTheGen tries twice: 2 when idle, 1 when the folded generation is alive, 0 when the older one is', () => {
    const c = new ActiveThreadCount(0);
    expect(c.updateTheGen()).toBe(2);
    const idx = c.count();
    expect(c.updateTheGen()).toBe(1);
    expect(c.updateTheGen()).toBe(0);
    c.uncount(idx);
    expect(c.updateTheGen()).toBe(2);
  });

  test('a marker elapses after exactly two advances', () => {
    const c = new ActiveThreadCount(0);
    const marker = c.genCount;
    c.advance();
    expect(c.elapsed(marker)).toBe(false);
    c.advance();
    expect(c.elapsed(marker)).toBe(true);
  });

  test('an exit before its activation is folded in drives the current counter negative, and the fold repairs it', () => {
    const c = new ActiveThreadCount(0);
    c.uncount(c.count());
    expect(c.active[0]).toBe(-1);
    expect(c.alive).toBe(0);
    expect(c.advance()).toBe(true);
    expect([...c.active]).toEqual([0, 0]);
  });

  test('index is the parity of genCount through advances and failed advances (slotOf, what a thread keeps)', () => {
    const c = new ActiveThreadCount(0);
    const counted: number[] = []; // the genCount each live thread was counted at
    let x = 7;
    for (let step = 0; step < 400; step++) {
      expect(c.index).toBe(ActiveThreadCount.slotOf(c.genCount));
      x = (x * 1103515245 + 12345) % 2147483648; // a fixed pseudo-random mix of the three operations
      const r = (x >>> 16) % 10;
      if (r < 3) {
        c.count();
        counted.push(c.genCount);
      } else if (r < 6 && counted.length > 0) {
        // uncount through the slot derived from the remembered genCount, oldest first
        c.uncount(ActiveThreadCount.slotOf(counted.shift()!));
      } else c.advance();
    }
    expect(c.genCount).toBeGreaterThan(10);
    expect(c.failedAdvances).toBeGreaterThan(0);
    for (const g of counted) c.uncount(ActiveThreadCount.slotOf(g));
    expect(c.updateTheGen()).toBe(2);
    expect(c.alive).toBe(0);
    expect([...c.active]).toEqual([0, 0]);
  });
});

import { describe, expect, test } from 'vitest';
import { EventQueue, KernelPanic } from '../../src/kernel/index.ts';
import { Prng } from '../../src/kernel/index.ts';

describe('EventQueue', () => {
  test('pops by tick, then by push order within a tick', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(1, 'd');
    q.push(3, 'e');
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  test('matches a sort by (tick, seq) on random input', () => {
    const prng = new Prng(7);
    const q = new EventQueue<number>();
    const items: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const tick = prng.int(0, 50);
      items.push([tick, i]);
      q.push(tick, i);
    }
    items.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: number[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(items.map(([, i]) => i));
  });

  test('peekTick is Infinity when empty', () => {
    expect(new EventQueue().peekTick()).toBe(Infinity);
  });

  test('pushing into the past panics', () => {
    const q = new EventQueue<string>();
    q.push(10, 'x');
    q.pop();
    expect(() => q.push(9, 'y')).toThrow(KernelPanic);
    expect(() => q.push(9, 'y')).toThrow('EventQueue.push: tick 9 is before 10');
  });
});

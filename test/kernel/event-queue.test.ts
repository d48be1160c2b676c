import { describe, expect, test } from 'vitest';
import { EventQueue, KernelPanic } from '../../src/kernel/index.ts';
import { Prng } from '../../src/kernel/index.ts';
import { EventHeap } from '../../src/kernel/event-heap.ts';

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

/**
 * The calendar ring must pop exactly as one heap over (tick, key, seq)
 * would: random pushes interleaved with pops, near ticks (the ring), far
 * ticks (the heap), same-tick keys out of push order (a schedule's tieKey),
 * and jumps over the window.
 */
describe('EventQueue against the plain heap', () => {
  function run(seed: number, keyed: boolean, span: number): void {
    const prng = new Prng(seed);
    const q = new EventQueue<number>();
    const heap = new EventHeap<number>();
    let now = 0;
    let seq = 0;
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const pushes = prng.int(0, 3);
      for (let p = 0; p < pushes; p++) {
        const far = prng.int(0, 9) === 0;
        const tick = now + (far ? prng.int(0, span) : prng.int(0, 12));
        const key = keyed ? prng.int(0, 3) : 0;
        q.push(tick, i * 4 + p, key);
        heap.insert(tick, key * 2 ** 32 + seq++, i * 4 + p);
      }
      const pops = prng.int(0, 3);
      for (let p = 0; p < pops; p++) {
        got.push(q.size, q.peekTick(), q.peek() ?? -1, q.pop() ?? -1);
        want.push(heap.size, heap.topTick(), heap.top() ?? -1);
        if (heap.size > 0) now = heap.topTick();
        want.push(heap.pop() ?? -1);
      }
    }
    while (heap.size > 0) {
      got.push(q.peekTick(), q.pop()!);
      want.push(heap.topTick(), heap.pop()!);
    }
    expect(got).toEqual(want);
    expect(q.size).toBe(0);
    expect(q.peekTick()).toBe(Infinity);
  }

  test.each([1, 2, 3])('fifo keys, ticks across the window (seed %i)', (seed) =>
    run(seed, false, 5000),
  );
  test.each([4, 5, 6])('schedule keys, ticks across the window (seed %i)', (seed) =>
    run(seed, true, 3000),
  );
  test('arrivals queued up front (the FIFO run), then near work: the heap order', () => {
    const prng = new Prng(9);
    const q = new EventQueue<number>();
    const heap = new EventHeap<number>();
    let seq = 0;
    const push = (tick: number, item: number, key = 0) => {
      q.push(tick, item, key);
      heap.insert(tick, key * 2 ** 32 + seq++, item);
    };
    for (let i = 0; i < 12000; i++) push(1500 + i * 2, i); // far, in order: the run
    push(1400, -1); // near: the ring
    push(1600, -2); // far, out of order: the heap
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; heap.size > 0; i++) {
      got.push(q.peekTick(), q.pop()!);
      want.push(heap.topTick(), heap.pop()!);
      const now = want[want.length - 2];
      if (i % 3 === 0) push(now + prng.int(0, 3), 100000 + i, prng.int(0, 1));
      if (i % 50 === 0) push(now + 2000 + i, 200000 + i); // far again, after the run's tail or not
    }
    expect(got).toEqual(want);
  });

  test('same tick in the ring and in the heap: the lesser (key, seq) first', () => {
    const q = new EventQueue<string>();
    q.push(2000, 'far-first'); // heap (beyond the window from tick 0)
    q.push(1500, 'x');
    q.pop(); // now 1500: tick 2000 is near
    q.push(2000, 'near-second'); // ring
    q.push(2000, 'near-keyed-last', 3);
    q.push(2000, 'near-zero-key', 0);
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(['far-first', 'near-second', 'near-zero-key', 'near-keyed-last']);
  });
});

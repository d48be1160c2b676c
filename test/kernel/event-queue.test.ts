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

/**
 * The reference order, by brute force: the least (tick, key, seq) first.
 * The queue must pop exactly so under random pushes interleaved with pops:
 * near and far ticks, same-tick keys out of push order (a schedule's
 * tieKey), and arrivals queued up front in order.
 */
class ReferenceQueue {
  private readonly entries: { tick: number; key: number; seq: number; item: number }[] = [];
  private seq = 0;
  get size(): number {
    return this.entries.length;
  }
  push(tick: number, item: number, key = 0): void {
    this.entries.push({ tick, key, seq: this.seq++, item });
  }
  private least(): number {
    let best = 0;
    this.entries.forEach((e, i) => {
      const b = this.entries[best];
      if (
        e.tick < b.tick ||
        (e.tick === b.tick && (e.key < b.key || (e.key === b.key && e.seq < b.seq)))
      )
        best = i;
    });
    return best;
  }
  topTick(): number {
    return this.entries.length === 0 ? Infinity : this.entries[this.least()].tick;
  }
  pop(): number | undefined {
    if (this.entries.length === 0) return undefined;
    return this.entries.splice(this.least(), 1)[0].item;
  }
}

describe('EventQueue against the brute-force order', () => {
  function run(seed: number, keyed: boolean, span: number): void {
    const prng = new Prng(seed);
    const q = new EventQueue<number>();
    const ref = new ReferenceQueue();
    let now = 0;
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const pushes = prng.int(0, 3);
      for (let p = 0; p < pushes; p++) {
        const far = prng.int(0, 9) === 0;
        const tick = now + (far ? prng.int(0, span) : prng.int(0, 12));
        const key = keyed ? prng.int(0, 3) : 0;
        q.push(tick, i * 4 + p, key);
        ref.push(tick, i * 4 + p, key);
      }
      const pops = prng.int(0, 3);
      for (let p = 0; p < pops; p++) {
        got.push(q.size, q.peekTick(), q.pop() ?? -1);
        const tick = ref.topTick();
        want.push(ref.size, tick, ref.pop() ?? -1);
        if (tick !== Infinity) now = tick;
      }
    }
    while (ref.size > 0) {
      got.push(q.peekTick(), q.pop()!);
      want.push(ref.topTick(), ref.pop()!);
    }
    expect(got).toEqual(want);
    expect(q.size).toBe(0);
    expect(q.peekTick()).toBe(Infinity);
  }

  test.each([1, 2, 3])('fifo keys, near and far ticks (seed %i)', (seed) => run(seed, false, 5000));
  test.each([4, 5, 6])('schedule keys, near and far ticks (seed %i)', (seed) =>
    run(seed, true, 3000),
  );
  test('arrivals queued up front, then near work pushed while popping', () => {
    const prng = new Prng(9);
    const q = new EventQueue<number>();
    const ref = new ReferenceQueue();
    const push = (tick: number, item: number, key = 0) => {
      q.push(tick, item, key);
      ref.push(tick, item, key);
    };
    for (let i = 0; i < 600; i++) push(150 + i * 2, i);
    push(140, -1);
    push(160, -2);
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; ref.size > 0; i++) {
      const now = ref.topTick();
      got.push(q.peekTick(), q.pop()!);
      want.push(now, ref.pop()!);
      if (i % 3 === 0) push(now + prng.int(0, 3), 100000 + i, prng.int(0, 1));
      if (i % 50 === 0) push(now + 200 + i, 200000 + i);
    }
    expect(got).toEqual(want);
  });
});

describe('EventQueue: the in-order run past its compaction point', () => {
  test('10^4 arrivals up front, near work and keyed entries while popping: the (tick, key, seq) order', () => {
    const prng = new Prng(21);
    const q = new EventQueue<number>();
    // Reference: entries kept sorted by (tick, key, seq), by binary insertion.
    const ref: [number, number, number, number][] = [];
    let seq = 0;
    const push = (tick: number, item: number, key = 0) => {
      q.push(tick, item, key);
      const e: [number, number, number, number] = [tick, key, seq++, item];
      let lo = 0;
      let hi = ref.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = ref[mid];
        const before =
          m[0] < e[0] || (m[0] === e[0] && (m[1] < e[1] || (m[1] === e[1] && m[2] < e[2])));
        if (before) lo = mid + 1;
        else hi = mid;
      }
      ref.splice(lo, 0, e);
    };
    for (let i = 0; i < 10000; i++) push(i, i);
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; ref.length > 0; i++) {
      const [tick, , , item] = ref.shift()!;
      got.push(q.size, q.peekTick(), q.pop()!);
      want.push(ref.length + 1, tick, item);
      if (i % 2 === 0) push(tick + prng.int(1, 3), 100000 + i);
      if (i % 7 === 0) push(tick + prng.int(0, 2), 200000 + i, prng.int(0, 2));
      if (i % 500 === 0) push(tick + 20000 + i, 300000 + i); // far: after every arrival
    }
    expect(got).toEqual(want);
    expect(q.size).toBe(0);
  });
});

describe('EventQueue: the run keeps its arrays through compaction', () => {
  interface RunArrays {
    runItems: unknown[];
    runHead: number;
    runTail: number;
  }
  const arrays = (q: EventQueue<number>) => q as unknown as RunArrays;
  const strays = (r: RunArrays) =>
    r.runItems.filter((x, i) => x !== undefined && (i < r.runHead || i >= r.runTail)).length;

  test('a short FIFO of CPU turns: compaction keeps the slots (no regrowth per pass) and holds no popped item', () => {
    const q = new EventQueue<number>();
    q.push(0, 0);
    q.push(0, 1);
    const lengths = new Set<number>();
    for (let i = 2; i < 40000; i++) {
      const tick = q.peekTick();
      q.pop();
      q.push(tick + 1, i); // two entries alive at every pop, as two CPUs' turns are
      if (arrays(q).runHead === 0) lengths.add(arrays(q).runItems.length);
      expect(strays(arrays(q))).toBe(0);
    }
    // compacted several times, and always back to the same length, not cut to the 2 live entries
    expect(lengths.size).toBe(1);
    expect([...lengths][0]).toBeGreaterThan(4000);
  });

  test('a long run consumed to a few entries: its arrays are cut', () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 200000; i++) q.push(i, i);
    while (q.size > 100) q.pop();
    expect(arrays(q).runItems.length).toBeLessThan(200000 / 4);
    expect(strays(arrays(q))).toBe(0);
    const rest: number[] = [];
    while (q.size > 0) rest.push(q.pop()!);
    expect(rest).toEqual(Array.from({ length: 100 }, (_, i) => 199900 + i));
  });
});

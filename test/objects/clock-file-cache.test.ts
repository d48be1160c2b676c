import { describe, expect, test } from 'vitest';
import { ClockFileCache, LruFileCache } from 'kernel-sim';
import { order, rig } from './file-cache-harness.ts';

/** Read the given files' block 0 in turn; the cache's order after each read. */
function trace(
  cls: typeof ClockFileCache | typeof LruFileCache,
  files: string[],
  capacity: number,
) {
  const { sim, cache } = rig(cls, capacity);
  const snaps: string[][] = [];
  sim.spawn('t', function* () {
    for (const f of files) {
      yield* cache.read(f, 0);
      snaps.push(order(sim, cache));
    }
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  return { snaps, cache: sim.objects.peek(cache) };
}

describe('ClockFileCache', () => {
  test('second chance: a referenced block is passed over once, its bit cleared', () => {
    const { snaps, cache } = trace(ClockFileCache, ['a', 'b', 'c', 'a', 'd'], 3);
    // a was referenced, so the hand clears its bit and evicts b
    expect(snaps[4]).toEqual(['c:0', 'd:0', 'a:0']);
    expect([cache.hits, cache.misses, cache.evictions]).toEqual([1, 4, 1]);
  });

  test('export order: unreferenced blocks from the hand first, then referenced ones', () => {
    const { snaps } = trace(ClockFileCache, ['a', 'b', 'c', 'b'], 3);
    expect(snaps[3]).toEqual(['a:0', 'c:0', 'b:0']);
  });

  test('differs from LRU: a block loaded and never touched again goes before an older, used one', () => {
    const seq = ['a', 'b', 'c', 'b', 'a', 'd', 'e'];
    const clock = trace(ClockFileCache, seq, 3).snaps.at(-1)!;
    const lru = trace(LruFileCache, seq, 3).snaps.at(-1)!;
    expect([...clock].sort()).toEqual(['a:0', 'b:0', 'e:0']);
    expect([...lru].sort()).toEqual(['a:0', 'd:0', 'e:0']);
  });

  test('dirty victims are written back; flush writes the rest', () => {
    const { sim, dev, cache } = rig(ClockFileCache, 2);
    const log: unknown[] = [];
    sim.spawn('t', function* () {
      for (let b = 0; b < 4; b++) yield* cache.write('f', b, `v${b}`);
      log.push([0, 1, 2, 3].map((b) => dev.stored('f', b) ?? '-'));
      log.push(yield* cache.flush());
      log.push([0, 1, 2, 3].map((b) => dev.stored('f', b) ?? '-'));
    });
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([['v0', 'v1', '-', '-'], 2, ['v0', 'v1', 'v2', 'v3']]);
  });

  test('errors name the class', () => {
    const { sim } = rig(ClockFileCache, 1);
    expect(() => sim.objects.create(ClockFileCache, 5)).toThrow(
      'ClockFileCache: expected options { capacityBlocks }, got 5; create it as objects.create(ClockFileCache, { capacityBlocks: 8 })',
    );
  });
});

import { describe, expect, test } from 'vitest';
import { createSimulation, LruFileCache, sleep } from 'kernel-sim';
import { order, rig } from './file-cache-harness.ts';

describe('LruFileCache', () => {
  test('evicts the least recently used block; a hit makes a block most recent', () => {
    const { sim, dev, cache } = rig(LruFileCache, 3);
    const snaps: string[][] = [];
    sim.spawn('t', function* () {
      for (const f of ['a', 'b', 'c']) yield* cache.read(f, 0);
      snaps.push(order(sim, cache));
      yield* cache.read('a', 0); // hit: a becomes most recent
      snaps.push(order(sim, cache));
      yield* cache.read('d', 0); // miss: evicts b
      snaps.push(order(sim, cache));
      yield* cache.read('b', 0); // miss again: evicts c
      snaps.push(order(sim, cache));
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(snaps).toEqual([
      ['a:0', 'b:0', 'c:0'],
      ['b:0', 'c:0', 'a:0'],
      ['c:0', 'a:0', 'd:0'],
      ['a:0', 'd:0', 'b:0'],
    ]);
    const c = sim.objects.peek(cache);
    expect([c.hits, c.misses, c.evictions, c.writeBacks]).toEqual([1, 5, 2, 0]);
    expect(sim.objects.peek(dev).reads).toBe(5);
  });

  test('dirty blocks are written back on eviction and on flush, clean ones never', () => {
    const { sim, dev, cache } = rig(LruFileCache, 2);
    const log: unknown[] = [];
    sim.spawn('t', function* () {
      yield* cache.write('f', 0, 'x0');
      yield* cache.write('f', 1, 'x1');
      log.push(dev.stored('f', 0) ?? '-');
      yield* cache.read('g', 0); // evicts f:0 (dirty): written back
      log.push(dev.stored('f', 0), order(sim, cache));
      log.push(yield* cache.read('f', 0)); // evicts f:1 (dirty); f:0 read back from the device
      log.push(dev.stored('f', 1));
      yield* cache.write('f', 0, 'x0b');
      log.push(yield* cache.flush(), yield* cache.flush());
      log.push(dev.stored('f', 0));
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(log).toEqual(['-', 'x0', ['f:1*', 'g:0'], 'x0', 'x1', 1, 0, 'x0b']);
    const c = sim.objects.peek(cache);
    expect(c.writeBacks).toBe(3);
    expect(c.dirtyBlocks).toBe(0);
    expect(sim.objects.peek(dev).writes).toBe(3);
  });

  test('a write allocates without reading the device', () => {
    const { sim, dev, cache } = rig(LruFileCache, 4);
    let got = '';
    sim.spawn('t', function* () {
      yield* cache.write('f', 9, 'new');
      got = yield* cache.read('f', 9);
    });
    expect(sim.run().outcome).toBe('passed');
    expect(got).toBe('new');
    expect(sim.objects.peek(dev).reads).toBe(0);
  });

  test('concurrent misses on one block make one device read', () => {
    const { sim, dev, cache } = rig(LruFileCache, 4, { seed: 3, cpus: 4 });
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      sim.spawn(`r${i}`, function* () {
        got.push(yield* cache.read('h', 1));
      });
    }
    expect(sim.run().outcome).toBe('passed');
    expect(got).toEqual(['', '', '', '', '', '']);
    expect(sim.objects.peek(dev).reads).toBe(1);
    expect(sim.objects.peek(cache).misses).toBe(1);
    expect(sim.objects.peek(cache).hits).toBe(5);
  });

  test('a block being written back stays readable, and a write rescues it', () => {
    const { sim, dev, cache } = rig(
      LruFileCache,
      1,
      { seed: 1, cpus: 3 },
      { readTicks: 2, writeTicks: 30 },
    );
    const seen: unknown[] = [];
    sim.spawn('evictor', function* () {
      yield* cache.write('f', 0, 'old');
      yield* cache.write('f', 1, 'other'); // evicts f:0: a 30-tick write-back
    });
    sim.spawn('reader', function* () {
      yield* sleep(10);
      seen.push(yield* cache.read('f', 0), order(sim, cache)); // served from the block in transit
    });
    sim.spawn('writer', function* () {
      yield* sleep(15);
      yield* cache.write('f', 0, 'new'); // rescues it, and evicts f:1
      seen.push(order(sim, cache));
      seen.push(yield* cache.flush());
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(seen).toEqual(['old', ['f:0*', 'f:1*'], ['f:0*'], 1]);
    expect(sim.objects.peek(dev).reads).toBe(0);
    expect(dev.stored('f', 0)).toBe('new');
    expect(dev.stored('f', 1)).toBe('other');
    expect(sim.objects.peek(dev).writes).toBe(3);
  });

  test('errors name what to do', () => {
    const sim = createSimulation({ seed: 1 });
    expect(() => sim.objects.create(LruFileCache, { capacityBlocks: 2 })).toThrow(
      'LruFileCache: no block device is bound; first do sim.provide(BLOCK_DEVICE, sim.objects.create(BlockDevice))',
    );
    const { sim: s2 } = rig(LruFileCache, 1);
    expect(() => s2.objects.create(LruFileCache, { capacityBlocks: 0 })).toThrow(
      'LruFileCache: option capacityBlocks must be an integer >= 1, got 0',
    );
    const { sim: s3, cache } = rig(LruFileCache, 1);
    const t = s3.spawn('bad', function* () {
      yield* cache.read('f', -1);
    });
    s3.run();
    expect(String(t.error)).toMatch(/LruFileCache.read: block must be an integer >= 0, got -1/);
  });

  test('default capacity is 64 blocks', () => {
    const { sim, cache } = rig(LruFileCache, 1);
    const c = sim.objects.create(LruFileCache);
    expect(sim.objects.peek(c).capacityBlocks).toBe(64);
    expect(sim.objects.peek(cache).capacityBlocks).toBe(1);
  });
});

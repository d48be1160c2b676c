import { describe, expect, test } from 'vitest';
import {
  blockKey,
  ClockFileCache,
  deactivateSelf,
  LruFileCache,
  ObservingMediator,
  quiescentPoint,
  type Call,
  sleep,
  type CachedBlocksState,
} from 'kernel-sim';
import { order, rig } from './file-cache-harness.ts';

type CacheClass = typeof LruFileCache | typeof ClockFileCache;

describe('BlockCache transfer (bare)', () => {
  test('import keeps every dirty block beyond capacity and drops clean ones next-victim first', () => {
    const { sim, cache } = rig(LruFileCache, 2);
    const impl = sim.objects.peek(cache);
    const blocks = ['a', 'b', 'c', 'd', 'e'].map((file, i) => ({
      file,
      block: 0,
      data: file,
      dirty: i % 2 === 1,
    }));
    impl.importState('blocks', { blocks });
    expect(order(sim, cache)).toEqual(['b:0*', 'd:0*']);
    expect(impl.residentBlocks).toBe(2);
    expect(() => impl.importState('pages', { blocks: [] })).toThrow(
      "LruFileCache.importState: unknown format 'pages'; it imports 'blocks'",
    );
  });

  test('over capacity with dirty blocks, the next evictions write them back', () => {
    const { sim, dev, cache } = rig(ClockFileCache, 1);
    sim.objects.peek(cache).importState('blocks', {
      blocks: [
        { file: 'x', block: 0, data: 'X', dirty: true },
        { file: 'y', block: 0, data: 'Y', dirty: true },
      ],
    });
    sim.spawn('t', function* () {
      yield* cache.read('z', 0);
    });
    expect(sim.run().outcome).toBe('passed');
    expect([dev.stored('x', 0), dev.stored('y', 0)]).toEqual(['X', 'Y']);
    expect(order(sim, cache)).toEqual(['z:0']);
  });
});

describe('hot-swapping the file cache', () => {
  test.each([
    [LruFileCache, ClockFileCache],
    [ClockFileCache, LruFileCache],
  ] as [CacheClass, CacheClass][])(
    '%o -> %o: cached blocks stay hits, dirty ones reach the device',
    (From, To) => {
      const { sim, dev, cache } = rig(From, 4, { seed: 1, cpus: 2 });
      const log: unknown[] = [];
      let swap: ReturnType<typeof sim.hotswap> | undefined;
      let transferred: { format: string | null; exported: unknown; imported: unknown } | undefined;
      sim.select('swap.transferred').subscribe((e) => (transferred = e));
      sim.spawn('user', function* () {
        yield* deactivateSelf(); // counted by quiescence only inside calls
        for (let b = 0; b < 4; b++) yield* cache.read('f', b);
        yield* cache.write('f', 1, 'one');
        yield* cache.write('f', 3, 'three');
        swap = sim.hotswap(cache, To);
        yield* sleep(40);
        log.push(sim.objects.info(cache).class);
        const before = sim.objects.peek(dev).reads;
        for (let b = 0; b < 4; b++) log.push(yield* cache.read('f', b));
        log.push(sim.objects.peek(dev).reads - before, sim.objects.peek(cache).hits);
        log.push(yield* cache.flush(), dev.stored('f', 1), dev.stored('f', 3));
      });
      const r = sim.run();
      expect(r.outcome, r.reason).toBe('passed');
      expect(swap!.outcome, swap!.reason).toBe('completed');
      expect(transferred!.format).toBe('blocks');
      expect(transferred!.imported).toEqual(transferred!.exported);
      const blocks = (transferred!.exported as CachedBlocksState[])[0].blocks;
      expect(blocks.filter((b) => b.dirty).map((b) => b.block)).toEqual([1, 3]);
      expect(log).toEqual([To.name, '', 'one', '', 'three', 0, 4, 2, 'one', 'three']);
    },
  );

  test('concurrent readers and writers across LRU -> CLOCK -> LRU: no write lost, no stale read (many seeds)', () => {
    for (let seed = 1; seed <= 12; seed++) checkSwapUnderLoad(seed);
  });
});

/** Checks, at the device, that writes of one block never overlap and never go back in version. */
class DeviceWriteOrder extends ObservingMediator {
  readonly name = 'device-write-order';
  private readonly inFlight = new Set<string>();
  private readonly issued = new Map<string, number>();

  constructor(
    private readonly problems: string[],
    private readonly version: (data: string) => number,
  ) {
    super();
  }

  override before(call: Call): void {
    if (call.method !== 'write') return;
    const [f, b, data] = call.args as [string, number, string];
    const k = blockKey(f, b);
    if (this.inFlight.has(k)) this.problems.push(`${f}:${b} two write-backs in flight at once`);
    const v = this.version(data);
    if (v < (this.issued.get(k) ?? 0))
      this.problems.push(`${f}:${b} device got v${this.issued.get(k)} then v${v}`);
    this.inFlight.add(k);
    this.issued.set(k, v);
  }

  override after(call: Call): void {
    if (call.method === 'write')
      this.inFlight.delete(blockKey(call.args[0] as string, call.args[1] as number));
  }
}

/**
 * Writers own disjoint blocks and write increasing versions; readers read any
 * block. Checked: the device never has two write-backs of a block in flight
 * nor gets an older version after a newer one; a writer reads its own last write; a reader never sees a
 * block's version go backwards; at the end every block reads its last
 * version, and after flush the device holds it.
 */
function checkSwapUnderLoad(seed: number): void {
  const cpus = 1 + (seed % 4);
  const { sim, dev, cache } = rig(LruFileCache, 3, { seed, cpus }, { readTicks: 3, writeTicks: 5 });
  const rng = sim.random('load');
  const files = ['a', 'b'];
  const keys = files.flatMap((f) => [0, 1, 2, 3].map((b) => [f, b] as const));
  const last = new Map<string, number>();
  const problems: string[] = [];
  const version = (data: string) => (data === '' ? 0 : Number(data.split('@')[1]));
  const writers = 4;
  sim.interpose(dev, new DeviceWriteOrder(problems, version));
  for (let w = 0; w < writers; w++) {
    sim.spawn(`writer${w}`, function* () {
      const mine = keys.filter((_, i) => i % writers === w);
      for (let i = 1; i <= 25; i++) {
        const [f, b] = rng.pick(mine);
        const v = (last.get(blockKey(f, b)) ?? 0) + 1;
        yield* cache.write(f, b, `w${w}@${v}`);
        last.set(blockKey(f, b), v);
        const back = yield* cache.read(f, b);
        if (version(back) !== v)
          problems.push(`${f}:${b} writer ${w} wrote v${v}, read back '${back}'`);
        yield* quiescentPoint();
        if (rng.chance(0.5)) yield* sleep(rng.int(0, 4));
      }
    });
  }
  for (let rd = 0; rd < 3; rd++) {
    sim.spawn(`reader${rd}`, function* () {
      const seen = new Map<string, number>();
      for (let i = 0; i < 40; i++) {
        const [f, b] = rng.pick(keys);
        const v = version(yield* cache.read(f, b));
        const k = blockKey(f, b);
        if (v < (seen.get(k) ?? 0))
          problems.push(`${f}:${b} reader ${rd} saw v${seen.get(k)} then v${v}`);
        seen.set(k, v);
        yield* quiescentPoint();
      }
    });
  }
  const swaps: ReturnType<typeof sim.hotswap>[] = [];
  sim.at(rng.int(5, 40), () => {
    swaps.push(
      sim.hotswap(cache, ClockFileCache, {
        after: () =>
          void sim.at(sim.now + rng.int(5, 40), () => swaps.push(sim.hotswap(cache, LruFileCache))),
      }),
    );
  });
  const final: string[] = [];
  sim.spawn('checker', function* () {
    yield* deactivateSelf();
    while (
      swaps.length < 2 ||
      swaps.some((s) => s.outcome === 'pending') ||
      sim.kernel.aliveCount > 1
    ) {
      yield* sleep(10);
    }
    for (const [f, b] of keys) final.push(yield* cache.read(f, b));
    yield* cache.flush();
  });
  const r = sim.run();
  const where = `seed ${seed}`;
  expect(r.outcome, `${where}: ${r.reason}`).toBe('passed');
  expect(r.threads.failed, where).toBe(0);
  expect(
    swaps.map((s) => s.outcome),
    where,
  ).toEqual(['completed', 'completed']);
  expect(problems, where).toEqual([]);
  const expected = keys.map(([f, b]) => last.get(blockKey(f, b)) ?? 0);
  expect(final.map(version), where).toEqual(expected);
  expect(
    keys.map(([f, b]) => version(dev.stored(f, b) ?? '')),
    where,
  ).toEqual(expected);
  expect(sim.objects.peek(cache).dirtyBlocks, where).toBe(0);
}

import { describe, expect, test } from 'vitest';
import { Prng } from '../../src/kernel/index.ts';
import {
  RING_SIZE,
  ringHash,
  ringOwner,
  ringPositions,
  RingStore,
  ringNullUpgrade,
  createCluster,
  atTime,
  type RpcResult,
} from '../../src/cluster/index.ts';

describe('the ring', () => {
  test('a key belongs to the first node at or after its hash, wrapping', () => {
    const positions = [100, 30_000, 60_000];
    const keyAt = (lo: number, hi: number): number => {
      for (let k = 0; ; k++) {
        const h = ringHash(k);
        if (h >= lo && h <= hi) return k;
      }
    };
    expect(ringOwner(positions, keyAt(101, 30_000))).toBe(1);
    expect(ringOwner(positions, keyAt(30_001, 60_000))).toBe(2);
    expect(ringOwner(positions, keyAt(60_001, RING_SIZE - 1))).toBe(0);
    expect(ringOwner(positions, keyAt(0, 100))).toBe(0);
  });

  test('positions are distinct, seeded, and bad counts are refused', () => {
    const a = ringPositions(new Prng(5), 64);
    expect(new Set(a).size).toBe(64);
    expect(ringPositions(new Prng(5), 64)).toEqual(a);
    expect(() => ringPositions(new Prng(5), 0)).toThrow(
      /n must be an integer in 1\.\.65536, got 0/,
    );
  });
});

describe('the null upgrade', () => {
  test('both versions are served on both sides of the upgrade: nothing disallowed, state kept', () => {
    const c = createCluster({
      nodes: 2,
      seed: 1,
      network: { latencyMinTicks: 5, latencyMaxTicks: 5 },
    });
    c.node(0).install('store', RingStore);
    c.startUpgrade(ringNullUpgrade, atTime(100));
    const out: RpcResult[] = [];
    c.spawnClient(1, 'client', function* () {
      out.push(yield* c.rpc(1, 0, 'store', 'put', [1, 'a'], { version: 1 }));
      out.push(yield* c.rpc(1, 0, 'store', 'put', [1, 'b'], { version: 2 })); // future SO
      out.push(yield* c.rpc(1, 0, 'store', 'get', [1], { version: 1 }));
      yield* (function* () {
        for (let t = 0; t < 10; t++) yield* c.rpc(1, 0, 'store', 'size', [], { version: 1 });
      })();
      out.push(yield* c.rpc(1, 0, 'store', 'get', [1], { version: 1 })); // past SO
      out.push(yield* c.rpc(1, 0, 'store', 'get', [1], { version: 2 }));
    });
    expect(c.run().outcome).toBe('passed');
    expect(c.node(0).version).toBe(2);
    expect(out).toEqual([
      { ok: true, value: null },
      { ok: true, value: 'a' },
      { ok: true, value: 'b' },
      { ok: true, value: 'b' },
      { ok: true, value: 'b' },
    ]);
    expect(c.ledger.disallowedCalls).toBe(0);
    expect(c.violations).toEqual([]);
  });
});
